/**
 * The reminder engine of a run: the active step's schedule (H-n reminders, the reminder at the
 * deadline, overdue repeats, escalation, overdue flag, expiry) and the deliveries shifted into each
 * recipient zone's working window, waiting to fire.
 *
 * The nominal plan is pure (src/domain/schedule.ts); this module walks it as time passes, shifts
 * each occasion into working hours (a local activity: holiday tables are recorded in history) and
 * fires the deliveries when their time comes.
 */
import { patched } from '@temporalio/workflow';
import { parseDuration } from '../src/domain/duration';
import { activeStep, isOpen, isUndecided } from '../src/domain/requestState';
import { cursorAfter, cursorAt, nextNominalEvent, type NominalEvent, type ScheduleCursor } from '../src/domain/schedule';
import type { OrgId } from '../src/domain/types';
import { local } from './localActivities';
import type { Notifier } from './notifications';
import type { Organizations } from './organizations';
import { PATCHES } from './patches';
import { iso, nowMs, SYSTEM, type Run } from './run';
import { hasOwnDeadline, onlyOwnDeadlinesWait, type SeatReminders, type SeatSchedule } from './seatReminders';

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
  /** Plans of seats granted more time for themselves alone (seatReminders.ts); absent when none. */
  seats?: SeatSchedule[];
}

/** The next occasion's working-hours shift, computed ahead (per zone, in sorted zone order). */
interface ShiftPreview {
  version: number;
  atMs: number;
  zones: string[];
  shifted: number[];
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
  let preview: ShiftPreview | null = null;
  /** Seats with deadlines of their own (attached by extensions.ts); idle unless a seat has one. */
  let seats: SeatReminders | null = null;

  const planOf = (s: ScheduleState) => ({ deadlineMs: s.deadlineMs, reminders: state.steps[s.step].reminders, expireAfter: state.expireAfter });

  /** A new plan for a step from `fromMs` on (activation, extension). */
  function plan(stepIndex: number, deadlineMs: number, fromMs: number): void {
    schedule = { step: stepIndex, deadlineMs, cursor: cursorAfter(fromMs), version: (schedule?.version ?? 0) + 1, deliveries: [], ...(schedule?.seats ? { seats: schedule.seats } : {}) };
    run.wake = true;
  }

  /** Nothing more is sent for the current plan (the request closed). */
  function drop(): void {
    if (schedule) schedule = { ...schedule, version: schedule.version + 1, deliveries: [] };
  }

  /** When the next reminder or escalation is due (shown to readers), or null. */
  function nextReminderAt(): number | null {
    const next = schedule?.deliveries.reduce<number | null>((m, d) => (m === null || d.atMs < m ? d.atMs : m), null) ?? null;
    const nominal = schedule ? nextReminderEvent(schedule) : null;
    const upcoming = nominal ? (shiftedAhead(nominal) ?? nominal.atMs) : null;
    const candidates = [next, upcoming].filter((x): x is number => x !== null);
    return isOpen(state) && candidates.length ? Math.min(...candidates) : null;
  }

  /** The next reminder or escalation of the plan, past an overdue flag at the same instant. */
  function nextReminderEvent(s: ScheduleState): NominalEvent | null {
    for (let cursor = s.cursor, ev = nextNominalEvent(planOf(s), cursor); ev; cursor = cursorAt(ev), ev = nextNominalEvent(planOf(s), cursor)) {
      if (ev.kind === 'EXPIRY') return null;
      if (ev.kind !== 'OVERDUE') return ev;
    }
    return null;
  }

  /** The earliest shifted instant of this occasion, when it was computed ahead for the current plan. */
  function shiftedAhead(ev: NominalEvent): number | null {
    return preview && schedule && preview.version === schedule.version && preview.atMs === ev.atMs ? Math.min(...preview.shifted) : null;
  }

  /** The zones an occasion goes to now: its recipients' zones, sorted. */
  function zonesOf(kind: NominalEvent['kind']): string[] {
    const recipients = kind === 'ESCALATION' ? escalationRecipients() : reminderRecipients();
    return [...new Set(recipients.map(orgs.zoneOf))].sort();
  }

  /**
   * Compute the next reminder's working-hours shift before it comes, so readers see when it will
   * really be sent. Called by the main loop before it sleeps; one local activity per occasion.
   */
  async function shiftAhead(): Promise<void> {
    if (!patched(PATCHES.shiftAhead)) return;
    const s = schedule;
    if (!s || !isOpen(state) || !state.workingHours) return;
    const ev = nextReminderEvent(s);
    if (!ev) return;
    const zones = zonesOf(ev.kind);
    if (zones.length === 0) return;
    if (preview && preview.version === s.version && preview.atMs === ev.atMs && preview.zones.join() === zones.join()) return;
    const shifted = (await local.shiftToWorkingTime(zones.map((timeZone) => ({ at: iso(ev.atMs), timeZone })))).map((x) => Date.parse(x));
    preview = { version: s.version, atMs: ev.atMs, zones, shifted };
    refreshNextReminder();
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
    seats?.sync();
    const own = seats?.active() ? seats.nextWakeMs() : null;
    const all = [...s.deliveries.map((d) => d.atMs), ...(nominal === null ? [] : [nominal]), ...(own === null ? [] : [own])];
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
    for (const d of due) if (d.planVersion === s.version) fire(d, due);
    if (seats?.active()) await seats.runDue();
    refreshNextReminder();
  }

  async function onNominalEvent(ev: NominalEvent, s: ScheduleState): Promise<void> {
    const step = state.steps[s.step];
    switch (ev.kind) {
      case 'OVERDUE':
        if (!step.overdue && !onlyOwnDeadlinesWait(step)) {
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
        const settle = patched(PATCHES.settleFirst);
        const early = settle ? 0 : notifier.nextSequence();
        const ahead = settle && preview && preview.version === s.version && preview.atMs === ev.atMs && preview.zones.join() === zones.join() ? preview.shifted : null;
        const shifted =
          ahead ??
          (state.workingHours
            ? (await local.shiftToWorkingTime(zones.map((timeZone) => ({ at: iso(ev.atMs), timeZone })))).map((x) => Date.parse(x))
            : zones.map(() => ev.atMs));
        if (schedule !== s || s.version !== schedule.version) return; // the plan changed meanwhile
        const sequence = settle ? notifier.nextSequence() : early;
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
    const step = activeStep(state);
    return step.participants.filter((p) => isUndecided(p) && !hasOwnDeadline(step)(p)).map((p) => p.org);
  }

  /** Parents of silent participants, and the requester's parent secretariat. */
  function escalationRecipients(): OrgId[] {
    const silent = reminderRecipients();
    if (silent.length === 0) return [];
    const targets = silent.map(orgs.parentOf).concat(orgs.parentOf(state.requester));
    return [...new Set(targets.filter((o): o is OrgId => !!o))];
  }

  /** Whether this occasion is already in the timeline (an earlier zone of it fired). */
  function occasionRecorded(kind: 'REMINDER_SENT' | 'ESCALATED', sequence: number): boolean {
    for (let i = run.timeline.length - 1; i >= 0; i--) {
      const e = run.timeline[i];
      if (e.kind === kind && (e.data as { sequence?: number } | undefined)?.sequence === sequence) return true;
    }
    return false;
  }

  /** Every zone of an occasion still waiting, with its time (for the one event of the occasion). */
  function occasionDeliveries(d: ScheduledDelivery, batch: ScheduledDelivery[]): Array<{ timeZone: string; at: string }> {
    const all = [...batch, ...(schedule?.deliveries ?? [])].filter((x) => x.sequence === d.sequence && x.planVersion === d.planVersion);
    return all.map((x) => ({ timeZone: x.timeZone, at: iso(x.atMs) }));
  }

  function fire(d: ScheduledDelivery, batch: ScheduledDelivery[]): void {
    const once = patched(PATCHES.oneEventPerOccasion);
    if (d.kind === 'ESCALATION') {
      const silent = reminderRecipients();
      if (silent.length === 0) return;
      const recipients = escalationRecipients().filter((o) => orgs.zoneOf(o) === d.timeZone);
      if (recipients.length === 0) return;
      if (!once) run.record('ESCALATED', SYSTEM, { step: d.step, data: { recipients, silent, sequence: d.sequence } });
      else if (!occasionRecorded('ESCALATED', d.sequence)) {
        run.record('ESCALATED', SYSTEM, { step: d.step, data: { recipients: escalationRecipients(), silent, sequence: d.sequence, deliveries: occasionDeliveries(d, batch) } });
      }
      notifier.notify('ESCALATION', recipients.map((org) => ({ org, role: 'SUPERVISOR' as const })), { silentOrgs: silent }, d.sequence);
      return;
    }
    const recipients = reminderRecipients().filter((o) => orgs.zoneOf(o) === d.timeZone);
    if (recipients.length === 0) return;
    if (!once) run.record('REMINDER_SENT', SYSTEM, { step: d.step, data: { kind: d.kind, label: d.label, recipients, sequence: d.sequence } });
    else if (!occasionRecorded('REMINDER_SENT', d.sequence)) {
      // One occasion, one event: every recipient it goes to, in whichever zone and at whatever time.
      run.record('REMINDER_SENT', SYSTEM, { step: d.step, data: { kind: d.kind, label: d.label, recipients: reminderRecipients(), sequence: d.sequence, deliveries: occasionDeliveries(d, batch) } });
    }
    notifier.notify(d.kind, recipients.map((org) => ({ org, role: 'PARTICIPANT' as const })), { reminderLabel: d.label }, d.sequence);
  }

  return {
    plan,
    drop,
    attachSeats(s: SeatReminders): void {
      seats = s;
    },
    /** Where seat plans live: in the step schedule, so they cross continue-as-new with it. */
    seatPlans: { get: () => schedule?.seats, set: (p: SeatSchedule[]) => void (schedule && (schedule.seats = p)) },
    refreshNextReminder,
    shiftAhead,
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
