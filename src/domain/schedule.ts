/**
 * The nominal reminder schedule of one step: when, relative to its deadline, the engine reminds,
 * flags the step overdue, escalates and (optionally) expires the request.
 *
 * Nominal means before the working-hours shift: the workflow shifts each reminder into the
 * recipient's working window separately (per time zone). Overdue repeats are unbounded, so events
 * are produced one at a time after a cursor instead of as a list. Pure and deterministic: the
 * workflow imports this module.
 */
import { parseDuration, reminderLabel } from './duration';
import type { ReminderPolicy } from './request';

export type NominalKind = 'OVERDUE' | 'REMINDER_BEFORE' | 'REMINDER_DUE' | 'REMINDER_OVERDUE' | 'ESCALATION' | 'EXPIRY';

/** Order of events falling on the same instant: the step is overdue before it is reminded, etc. */
const PRIORITY: Record<NominalKind, number> = {
  OVERDUE: 0,
  REMINDER_BEFORE: 1,
  REMINDER_DUE: 1,
  REMINDER_OVERDUE: 2,
  ESCALATION: 3,
  EXPIRY: 4,
};

export interface SchedulePlan {
  deadlineMs: number;
  reminders: ReminderPolicy;
  expireAfter: string | null;
}

/** Position in the schedule: events strictly after (atMs, priority) are still to come. */
export interface ScheduleCursor {
  atMs: number;
  priority: number;
}

export interface NominalEvent {
  kind: NominalKind;
  atMs: number;
  priority: number;
  /** "H-3", "H", "H+1" … (see reminderLabel). */
  label: string;
}

/** A cursor that admits every event after `ms` (events at `ms` itself count as past). */
export const cursorAfter = (ms: number): ScheduleCursor => ({ atMs: ms, priority: Number.MAX_SAFE_INTEGER });

const isAfter = (atMs: number, priority: number, c: ScheduleCursor): boolean =>
  atMs > c.atMs || (atMs === c.atMs && priority > c.priority);

function event(kind: NominalKind, atMs: number, deadlineMs: number): NominalEvent {
  return { kind, atMs, priority: PRIORITY[kind], label: reminderLabel(atMs - deadlineMs) };
}

/** The first event of the plan after the cursor, or null when nothing is left. */
export function nextNominalEvent(plan: SchedulePlan, cursor: ScheduleCursor): NominalEvent | null {
  const d = plan.deadlineMs;
  const r = plan.reminders;
  const candidates: NominalEvent[] = [event('OVERDUE', d, d)];
  for (const offset of r.before) candidates.push(event('REMINDER_BEFORE', d - parseDuration(offset), d));
  if (r.atDeadline) candidates.push(event('REMINDER_DUE', d, d));
  if (r.escalateAfter !== null) candidates.push(event('ESCALATION', d + parseDuration(r.escalateAfter), d));
  if (plan.expireAfter !== null) candidates.push(event('EXPIRY', d + parseDuration(plan.expireAfter), d));
  if (r.repeatEvery !== null) {
    const every = parseDuration(r.repeatEvery);
    if (every > 0) {
      // Smallest k ≥ 1 whose repeat lies after the cursor.
      let k = Math.max(1, Math.floor((cursor.atMs - d) / every));
      while (!isAfter(d + k * every, PRIORITY.REMINDER_OVERDUE, cursor)) k++;
      candidates.push(event('REMINDER_OVERDUE', d + k * every, d));
    }
  }
  let best: NominalEvent | null = null;
  for (const c of candidates) {
    if (!isAfter(c.atMs, c.priority, cursor)) continue;
    if (best === null || c.atMs < best.atMs || (c.atMs === best.atMs && c.priority < best.priority)) best = c;
  }
  return best;
}

/** Cursor just past an event, so the next call returns the one after it. */
export const cursorAt = (e: NominalEvent): ScheduleCursor => ({ atMs: e.atMs, priority: e.priority });
