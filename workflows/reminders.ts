/**
 * The reminder engine of a run: the active step's schedule (H-n reminders, the reminder at the
 * deadline, overdue repeats, escalation, overdue flag, expiry) and the deliveries shifted into each
 * recipient zone's working window, waiting to fire.
 *
 * The nominal plan is pure (src/domain/schedule.ts); this module walks it as time passes, with the
 * parts beside it: nominalEvents.ts turns a due event into deliveries (shifting each occasion
 * into working hours in a local activity: holiday tables are recorded in history), occasions.ts
 * fires them to their recipients, shiftPreview.ts computes the next shift ahead, and
 * seatReminders.ts runs the plans of seats with deadlines of their own.
 */
import { parseDuration } from '../src/domain/duration';
import { activeStep, isOpen } from '../src/domain/requestState';
import { cursorAfter, cursorAt, nextNominalEvent } from '../src/domain/schedule';
import { createNominalEvents, type ReminderHooks } from './nominalEvents';
import type { Notifier } from './notifications';
import { createOccasions } from './occasions';
import type { Organizations } from './organizations';
import { iso, nowMs, type Run } from './run';
import { nextReminderEvent, planOf, type ScheduleState } from './scheduleState';
import type { SeatReminders, SeatSchedule } from './seatReminders';
import { createShiftAhead } from './shiftPreview';

export type { ReminderHooks } from './nominalEvents';
export type { ScheduledDelivery, ScheduleState } from './scheduleState';

export function createReminders(run: Run, orgs: Organizations, notifier: Notifier, carried: ScheduleState | null, hooks: ReminderHooks) {
  const { state } = run;
  let schedule = carried;
  const current = () => schedule;
  /** Seats with deadlines of their own (attached by extensions.ts); idle unless a seat has one. */
  let seats: SeatReminders | null = null;
  const occasions = createOccasions(run, orgs, notifier, current);
  const shift = createShiftAhead(run, occasions, current, refreshNextReminder);
  const onNominalEvent = createNominalEvents({ run, orgs, notifier, occasions, shift, current, hooks });

  /** When the next reminder or escalation is due (shown to readers), or null. */
  function nextReminderAt(): number | null {
    const next = schedule?.deliveries.reduce<number | null>((m, d) => (m === null || d.atMs < m ? d.atMs : m), null) ?? null;
    const nominal = schedule ? nextReminderEvent(state, schedule) : null;
    const upcoming = nominal ? (shift.shiftedAhead(nominal) ?? nominal.atMs) : null;
    const candidates = [next, upcoming].filter((x): x is number => x !== null);
    return isOpen(state) && candidates.length ? Math.min(...candidates) : null;
  }

  function refreshNextReminder(): void {
    const at = nextReminderAt();
    state.nextReminderAt = at === null ? null : iso(at);
  }

  return {
    /** A new plan for a step from `fromMs` on (activation, extension). */
    plan(stepIndex: number, deadlineMs: number, fromMs: number): void {
      schedule = { step: stepIndex, deadlineMs, cursor: cursorAfter(fromMs), version: (schedule?.version ?? 0) + 1, deliveries: [], ...(schedule?.seats ? { seats: schedule.seats } : {}) };
      run.wake = true;
    },
    /** Nothing more is sent for the current plan (the request closed). */
    drop(): void {
      if (schedule) schedule = { ...schedule, version: schedule.version + 1, deliveries: [] };
    },
    attachSeats(s: SeatReminders): void {
      seats = s;
    },
    /** Where seat plans live: in the step schedule, so they cross continue-as-new with it. */
    seatPlans: { get: () => schedule?.seats, set: (p: SeatSchedule[]) => void (schedule && (schedule.seats = p)) },
    refreshNextReminder,
    shiftAhead: shift.shiftAhead,
    /** When the main loop must wake next (a nominal event or a delivery), or null. */
    nextWakeMs(): number | null {
      const s = schedule;
      if (!s || !isOpen(state)) return null;
      const nominal = nextNominalEvent(planOf(state, s), s.cursor)?.atMs ?? null;
      seats?.sync();
      const own = seats?.active() ? seats.nextWakeMs() : null;
      const all = [...s.deliveries.map((d) => d.atMs), ...(nominal === null ? [] : [nominal]), ...(own === null ? [] : [own])];
      return all.length ? Math.min(...all) : null;
    },
    /** Process nominal events that are due, then fire shifted deliveries that are due. */
    async runDue(): Promise<void> {
      for (;;) {
        const s = schedule;
        if (!s || !isOpen(state)) return;
        const ev = nextNominalEvent(planOf(state, s), s.cursor);
        if (!ev || ev.atMs > nowMs()) break;
        s.cursor = cursorAt(ev);
        await onNominalEvent(ev, s);
      }
      const s = schedule;
      if (!s) return;
      const due = s.deliveries.filter((d) => d.atMs <= nowMs());
      s.deliveries = s.deliveries.filter((d) => d.atMs > nowMs());
      for (const d of due) if (d.planVersion === s.version) occasions.fire(d, due);
      if (seats?.active()) await seats.runDue();
      refreshNextReminder();
    },
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
