/**
 * What the reminder engine keeps for the active step (reminders.ts): its nominal plan position,
 * the deliveries shifted into working hours and waiting to fire, and the next occasion's shift
 * computed ahead. Carried across continue-as-new, so its shape is part of the run's payload.
 */
import { cursorAt, nextNominalEvent, type NominalEvent, type ScheduleCursor } from '../src/domain/schedule';
import type { CoordinationState } from '../src/domain/types';
import type { SeatSchedule } from './seatReminders';

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
export interface ShiftPreview {
  version: number;
  atMs: number;
  zones: string[];
  shifted: number[];
}

/** The schedule's nominal plan (src/domain/schedule.ts) as the state has it now. */
export const planOf = (state: CoordinationState, s: ScheduleState) => ({ deadlineMs: s.deadlineMs, reminders: state.steps[s.step].reminders, expireAfter: state.expireAfter });

/** The next reminder or escalation of the plan, past an overdue flag at the same instant. */
export function nextReminderEvent(state: CoordinationState, s: ScheduleState): NominalEvent | null {
  for (let cursor = s.cursor, ev = nextNominalEvent(planOf(state, s), cursor); ev; cursor = cursorAt(ev), ev = nextNominalEvent(planOf(state, s), cursor)) {
    if (ev.kind === 'EXPIRY') return null;
    if (ev.kind !== 'OVERDUE') return ev;
  }
  return null;
}
