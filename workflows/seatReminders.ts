/**
 * Reminders of seats granted more time for themselves alone (src/domain/extensions.ts). Such a seat
 * leaves the step's schedule (reminders.ts skips it) and follows a plan of its own: the step's
 * reminder policy counted from the seat's deadline — H-n reminders, the one at its deadline,
 * overdue repeats, the overdue flag and escalation — while the other seats keep the step's.
 *
 * The plans are derived from the state (`sync`): a seat gets one when it is granted, keeps it across
 * continue-as-new (carried in the step schedule), and loses it when it answers or a later step
 * deadline makes its own moot. A delegated seat keeps its deadline, so its plan goes with it to the
 * new holder at once (the delegate Update re-keys it, see extensions.ts): left to the next `sync`, which may come only after the loop's
 * next wake, the event due at that wake would be spent on the former holder and never sent. A run without such seats never enters this code, so
 * histories recorded before it replay unchanged.
 */
import { ownDeadlineMs } from '../src/domain/extensions';
import { activeStep, isUndecided } from '../src/domain/requestState';
import { cursorAfter, cursorAt, nextNominalEvent, type ScheduleCursor } from '../src/domain/schedule';
import type { OrgId, ParticipantState, StepState } from '../src/domain/types';
import { local } from './localActivities';
import type { Notifier } from './notifications';
import type { Organizations } from './organizations';
import { iso, nowMs, SYSTEM, type Run } from './run';

/** Whether a seat waits under a deadline of its own (it then leaves the step's schedule). */
export const hasOwnDeadline = (step: StepState) => (p: ParticipantState): boolean => ownDeadlineMs(step, p) !== null;

/** Every seat still waiting has more time of its own: the step is not overdue yet (their plans flag it). */
export function onlyOwnDeadlinesWait(step: StepState): boolean {
  const waiting = step.participants.filter(isUndecided);
  return waiting.length > 0 && waiting.every(hasOwnDeadline(step));
}

/** One seat's own plan and its reminders shifted into working hours, waiting to fire. */
export interface SeatSchedule {
  step: number;
  org: OrgId;
  deadlineMs: number;
  cursor: ScheduleCursor;
  pending: Array<{ atMs: number; kind: 'REMINDER_BEFORE' | 'REMINDER_DUE' | 'REMINDER_OVERDUE' | 'ESCALATION'; label: string; sequence: number }>;
}

export interface SeatPlans {
  /** The carried plans (lives in the step schedule, so it crosses continue-as-new with it). */
  get(): SeatSchedule[] | undefined;
  set(plans: SeatSchedule[]): void;
}

export function createSeatReminders(run: Run, orgs: Organizations, notifier: Notifier, plans: SeatPlans, changed: () => void) {
  const { state } = run;
  const policyOf = (s: SeatSchedule) => ({ deadlineMs: s.deadlineMs, reminders: state.steps[s.step].reminders, expireAfter: null });
  const same = (a: SeatSchedule, step: number, org: OrgId, deadlineMs: number) => a.step === step && a.org === org && a.deadlineMs === deadlineMs;

  /** The seats of the active step that wait under a deadline of their own. */
  function ownSeats(): Array<{ org: OrgId; deadlineMs: number }> {
    const step = activeStep(state);
    if (step.status !== 'ACTIVE' && step.status !== 'CHANGES_REQUESTED') return [];
    return step.participants.filter(isUndecided).flatMap((p) => {
      const own = ownDeadlineMs(step, p);
      return own === null ? [] : [{ org: p.org, deadlineMs: own }];
    });
  }

  /** Bring the plans in line with the state: new grants planned from now, stale plans dropped. */
  function sync(): void {
    const current = plans.get() ?? [];
    const wanted = ownSeats();
    if (current.length === 0 && wanted.length === 0) return;
    const step = state.currentStep;
    const next = wanted.map((w) => current.find((c) => same(c, step, w.org, w.deadlineMs)) ?? { step, org: w.org, deadlineMs: w.deadlineMs, cursor: cursorAfter(nowMs()), pending: [] });
    plans.set(next);
  }

  /** Whether any seat has a plan of its own (the main loop's hooks do nothing otherwise). */
  const active = (): boolean => (plans.get()?.length ?? 0) > 0;

  function nextWakeMs(): number | null {
    const times = (plans.get() ?? []).flatMap((s) => [...s.pending.map((d) => d.atMs), nextNominalEvent(policyOf(s), s.cursor)?.atMs ?? Infinity]);
    const min = Math.min(...times);
    return Number.isFinite(min) ? min : null;
  }

  const waiting = (s: SeatSchedule): boolean =>
    state.status === 'IN_PROGRESS' && state.currentStep === s.step && !!activeStep(state).participants.find((p) => p.org === s.org && isUndecided(p));

  /** Process each seat's due events, then send its due reminders. */
  async function runDue(): Promise<void> {
    for (const s of plans.get() ?? []) {
      for (let ev = nextNominalEvent(policyOf(s), s.cursor); ev && ev.atMs <= nowMs(); ev = nextNominalEvent(policyOf(s), s.cursor)) {
        s.cursor = cursorAt(ev);
        const step = state.steps[s.step];
        if (ev.kind === 'EXPIRY' || !waiting(s)) continue;
        if (ev.kind === 'OVERDUE') {
          run.record('OVERDUE', SYSTEM, { step: s.step, org: s.org, data: { deadline: iso(s.deadlineMs) } });
          step.overdue = true;
          changed();
          continue;
        }
        const zone = orgs.zoneOf(ev.kind === 'ESCALATION' ? (orgs.parentOf(s.org) ?? s.org) : s.org);
        const [shifted] = state.workingHours ? await local.shiftToWorkingTime([{ at: iso(ev.atMs), timeZone: zone }]) : [iso(ev.atMs)];
        if (!(plans.get() ?? []).includes(s)) break; // re-planned meanwhile
        s.pending.push({ atMs: Date.parse(shifted), kind: ev.kind, label: ev.label, sequence: notifier.nextSequence() });
      }
      const due = s.pending.filter((d) => d.atMs <= nowMs());
      s.pending = s.pending.filter((d) => d.atMs > nowMs());
      for (const d of due) if (waiting(s)) fire(s, d);
    }
  }

  function fire(s: SeatSchedule, d: SeatSchedule['pending'][number]): void {
    const seatDeadline = iso(s.deadlineMs);
    if (d.kind === 'ESCALATION') {
      const recipients = [...new Set([orgs.parentOf(s.org), orgs.parentOf(state.requester)].filter((o): o is OrgId => !!o))];
      if (recipients.length === 0) return;
      run.record('ESCALATED', SYSTEM, { step: s.step, data: { recipients, silent: [s.org], sequence: d.sequence, seatDeadline } });
      state.steps[s.step].escalated = true;
      notifier.notify('ESCALATION', recipients.map((org) => ({ org, role: 'SUPERVISOR' as const })), { silentOrgs: [s.org], seatDeadline }, d.sequence);
      changed();
      return;
    }
    run.record('REMINDER_SENT', SYSTEM, { step: s.step, data: { kind: d.kind, label: d.label, recipients: [s.org], sequence: d.sequence, seatDeadline } });
    notifier.notify(d.kind, [{ org: s.org, role: 'PARTICIPANT' }], { reminderLabel: d.label, seatDeadline }, d.sequence);
  }

  /** The plan of the seat of `org` in `step`, if it has one (a delegation hands it to the new holder). */
  const planOf = (step: number, org: OrgId): SeatSchedule | undefined => (plans.get() ?? []).find((s) => s.step === step && s.org === org);

  return { sync, active, nextWakeMs, runDue, planOf };
}
export type SeatReminders = ReturnType<typeof createSeatReminders>;
