/**
 * The reminder engine of a run: the active step's schedule (H-n reminders, the reminder at the
 * deadline, overdue repeats, escalation, overdue flag, expiry) and the deliveries shifted into each
 * recipient zone's working window, waiting to fire.
 *
 * The nominal plan is pure (src/domain/schedule.ts); this module walks it as time passes, shifts
 * each occasion into working hours (a local activity: holiday tables are recorded in history) and
 * fires the deliveries when their time comes.
 */
import { parseDuration } from '../src/domain/duration';
import { activeStep, isOpen, isUndecided } from '../src/domain/requestState';
import { cursorAfter, cursorAt, nextNominalEvent, type NominalEvent, type ScheduleCursor } from '../src/domain/schedule';
import type { OrgId } from '../src/domain/types';
import { local } from './localActivities';
import type { Notifier } from './notifications';
import type { Organizations } from './organizations';
import { iso, nowMs, SYSTEM, type Run } from './run';

/** A reminder or escalation shifted into a recipient zone's working window, waiting to fire. */
export interface ScheduledDelivery {
  atMs: number;
  kind: 'REMINDER_BEFORE' | 'REMINDER_DUE' | 'REMINDER_OVERDUE' | 'ESCALATION';
  label: string;
  timeZone: string;
  sequence: number;
  step: number;
  planVersion: number;
}

/** Schedule of the active step: its nominal plan position and the deliveries waiting to fire. */
export interface ScheduleState {
  step: number;
  deadlineMs: number;
  cursor: ScheduleCursor;
  /** Bumped whenever the plan changes (activation, extension, close); stale deliveries are dropped. */
  version: number;
  deliveries: ScheduledDelivery[];
}

export interface ReminderHooks {
  /** The request expired: close it (and tell everyone). */
  expire(): void;
  /** State changed: refresh progress, times and search attributes. */
  changed(): void;
}

export function createReminders(run: Run, orgs: Organizations, notifier: Notifier, carried: ScheduleState | null, hooks: ReminderHooks) {
  const { state } = run;
  let schedule = carried;

  const planOf = (s: ScheduleState) => ({ deadlineMs: s.deadlineMs, reminders: state.steps[s.step].reminders, expireAfter: state.expireAfter });

  /** A new plan for a step from `fromMs` on (activation, extension). */
  function plan(stepIndex: number, deadlineMs: number, fromMs: number): void {
    schedule = { step: stepIndex, deadlineMs, cursor: cursorAfter(fromMs), version: (schedule?.version ?? 0) + 1, deliveries: [] };
    run.wake = true;
  }

  /** Nothing more is sent for the current plan (the request closed). */
  function drop(): void {
    if (schedule) schedule = { ...schedule, version: schedule.version + 1, deliveries: [] };
  }

  /** When the next reminder or escalation is due (shown to readers), or null. */
  function nextReminderAt(): number | null {
    const next = schedule?.deliveries.reduce<number | null>((m, d) => (m === null || d.atMs < m ? d.atMs : m), null) ?? null;
    const nominal = schedule ? nextNominalEvent(planOf(schedule), schedule.cursor) : null;
    const candidates = [next, nominal && nominal.kind !== 'OVERDUE' && nominal.kind !== 'EXPIRY' ? nominal.atMs : null].filter((x): x is number => x !== null);
    return isOpen(state) && candidates.length ? Math.min(...candidates) : null;
  }

  function refreshNextReminder(): void {
    const at = nextReminderAt();
    state.nextReminderAt = at === null ? null : iso(at);
  }

  /** When the main loop must wake next (a nominal event or a delivery), or null. */
  function nextWakeMs(): number | null {
    const s = schedule;
    if (!s || !isOpen(state)) return null;
    const nominal = nextNominalEvent(planOf(s), s.cursor)?.atMs ?? null;
    const all = [...s.deliveries.map((d) => d.atMs), ...(nominal === null ? [] : [nominal])];
    return all.length ? Math.min(...all) : null;
  }

  /** Process nominal events that are due, then fire shifted deliveries that are due. */
  async function runDue(): Promise<void> {
    for (;;) {
      const s = schedule;
      if (!s || !isOpen(state)) return;
      const ev = nextNominalEvent(planOf(s), s.cursor);
      if (!ev || ev.atMs > nowMs()) break;
      s.cursor = cursorAt(ev);
      await onNominalEvent(ev, s);
    }
    const s = schedule;
    if (!s) return;
    const due = s.deliveries.filter((d) => d.atMs <= nowMs());
    s.deliveries = s.deliveries.filter((d) => d.atMs > nowMs());
    for (const d of due) if (d.planVersion === s.version) fire(d);
    refreshNextReminder();
  }

  async function onNominalEvent(ev: NominalEvent, s: ScheduleState): Promise<void> {
    const step = state.steps[s.step];
    switch (ev.kind) {
      case 'OVERDUE':
        if (!step.overdue) {
          step.overdue = true;
          run.record('OVERDUE', SYSTEM, { data: { deadline: step.deadline } });
          hooks.changed();
        }
        return;
      case 'EXPIRY':
        hooks.expire();
        return;
      default: {
        const recipients = ev.kind === 'ESCALATION' ? escalationRecipients() : reminderRecipients();
        if (recipients.length === 0) return;
        const zones = [...new Set(recipients.map(orgs.zoneOf))].sort();
        const sequence = notifier.nextSequence();
        const shifted = state.workingHours
          ? (await local.shiftToWorkingTime(zones.map((timeZone) => ({ at: iso(ev.atMs), timeZone })))).map((x) => Date.parse(x))
          : zones.map(() => ev.atMs);
        if (schedule !== s || s.version !== schedule.version) return; // the plan changed meanwhile
        zones.forEach((timeZone, i) => {
          const d: ScheduledDelivery = { atMs: shifted[i], kind: ev.kind as ScheduledDelivery['kind'], label: ev.label, timeZone, sequence, step: s.step, planVersion: s.version };
          // One pending reminder per zone: repeats that pile up outside working hours (a long
          // weekend) collapse into the latest one instead of a burst at the next 08:00.
          if (d.kind !== 'ESCALATION') s.deliveries = s.deliveries.filter((x) => x.kind === 'ESCALATION' || x.timeZone !== timeZone);
          s.deliveries.push(d);
        });
        if (ev.kind === 'ESCALATION') {
          step.escalated = true;
          hooks.changed();
        }
      }
    }
  }

  /** Undecided participants of the active step (nobody while the requester is revising). */
  function reminderRecipients(): OrgId[] {
    if (state.status !== 'IN_PROGRESS') return [];
    return activeStep(state).participants.filter(isUndecided).map((p) => p.org);
  }

  /** Parents of silent participants, and the requester's parent secretariat. */
  function escalationRecipients(): OrgId[] {
    const silent = reminderRecipients();
    if (silent.length === 0) return [];
    const targets = silent.map(orgs.parentOf).concat(orgs.parentOf(state.requester));
    return [...new Set(targets.filter((o): o is OrgId => !!o))];
  }

  function fire(d: ScheduledDelivery): void {
    if (d.kind === 'ESCALATION') {
      const silent = reminderRecipients();
      if (silent.length === 0) return;
      const recipients = escalationRecipients().filter((o) => orgs.zoneOf(o) === d.timeZone);
      if (recipients.length === 0) return;
      run.record('ESCALATED', SYSTEM, { step: d.step, data: { recipients, silent, sequence: d.sequence } });
      notifier.notify('ESCALATION', recipients.map((org) => ({ org, role: 'SUPERVISOR' as const })), { silentOrgs: silent }, d.sequence);
      return;
    }
    const recipients = reminderRecipients().filter((o) => orgs.zoneOf(o) === d.timeZone);
    if (recipients.length === 0) return;
    run.record('REMINDER_SENT', SYSTEM, { step: d.step, data: { kind: d.kind, label: d.label, recipients, sequence: d.sequence } });
    notifier.notify(d.kind, recipients.map((org) => ({ org, role: 'PARTICIPANT' as const })), { reminderLabel: d.label }, d.sequence);
  }

  return {
    plan,
    drop,
    refreshNextReminder,
    nextWakeMs,
    runDue,
    /** For continue-as-new. */
    get schedule(): ScheduleState | null {
      return schedule;
    },
  };
}
export type Reminders = ReturnType<typeof createReminders>;

/** When an open request with an expiry expires: the active step's deadline plus `expireAfter`. */
export function expiresAt(state: Run['state']): string | null {
  const step = activeStep(state);
  return isOpen(state) && state.expireAfter && step.deadline ? iso(Date.parse(step.deadline) + parseDuration(state.expireAfter)) : null;
}
