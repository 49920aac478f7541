/**
 * When a coordination schedule starts requests, as plain data: a five-field cron expression or an
 * interval, read in the requester's time zone between a first and a last local date, and, if
 * asked, the public holidays and joint-leave days (cuti bersama) to skip. Pure given the working
 * calendar; src/api/schedules/ turns it into a Temporal ScheduleSpec.
 *
 * Holidays are skipped by the Schedule itself (ScheduleSpec `skip`), not checked by each started
 * request: the schedule's own "next runs" then show the truth (a holiday is not listed), no
 * workflow runs only to do nothing, and backfills skip them the same way. The list is computed
 * when the schedule is created or resumed; a cuti bersama day added later is caught by the
 * occurrence itself, which checks its own day (workflows/scheduledRequest.ts), until the list is
 * renewed (at the next resume).
 */
import { fromLocal, nextDate, toLocal, type WorkingCalendar } from './calendar';
import { parsePositiveDuration } from './duration';

export type Recurrence = { cron: string } | { every: string };

/** A day the schedule skips (a holiday or joint-leave day, never a mere weekend). */
export interface SkippedDay {
  date: string;
  reason: string;
}

export interface RecurrencePlan {
  timeZone: string;
  /** First and last instants of the schedule (local midnight of the first day, end of the last). */
  startAt: number;
  endAt: number | null;
  cron?: string;
  interval?: { everyMs: number; offsetMs: number };
  skip: SkippedDay[];
}

/** Holidays are listed this far ahead when a schedule has no end date (refreshed at each resume). */
export const OPEN_ENDED_SKIP_YEARS = 3;
/** The shortest interval: recurring coordination is daily or slower, never a flood. */
export const MIN_INTERVAL_MS = 3600_000;

/** Minute, hour, day of month, month, day of week: digits, names, `*`, ranges, lists and steps only. */
const CRON_FIELD = /^[0-9A-Za-z*,\-/]+$/;

/** Why a cron expression is refused (before the server judges its values), or null. */
export function cronProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5 || !fields.every((f) => CRON_FIELD.test(f))) {
    return 'five cron fields (minute hour day-of-month month day-of-week), e.g. "0 9 1 * *" for 09:00 on the 1st of each month; the time zone is the requester\'s';
  }
  return null;
}

/** Why an interval is refused, or null. */
export function intervalProblem(every: string): string | null {
  try {
    return parsePositiveDuration(every) < MIN_INTERVAL_MS ? 'at least one hour (PT1H)' : null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Holidays and joint-leave days (not weekends) from `from` to `to`, local dates, inclusive. */
export function holidaysBetween(calendar: Pick<WorkingCalendar, 'dayOff'>, from: string, to: string): SkippedDay[] {
  const out: SkippedDay[] = [];
  for (let d = from; d <= to; d = nextDate(d)) {
    const reason = calendar.dayOff(d);
    if (reason && reason !== 'weekend') out.push({ date: d, reason });
  }
  return out;
}

export interface PlanInput {
  recurrence: Recurrence;
  timeZone: string;
  /** First local date (YYYY-MM-DD). */
  startDate: string;
  /** Last local date, inclusive; null: no end. */
  endDate: string | null;
  skipHolidays: boolean;
  /** Today, for how far ahead an open-ended schedule's holidays are listed. */
  nowMs: number;
}

export function planRecurrence(calendar: Pick<WorkingCalendar, 'dayOff'>, p: PlanInput): RecurrencePlan {
  const startAt = fromLocal(p.startDate, 0, p.timeZone);
  const endAt = p.endDate === null ? null : fromLocal(nextDate(p.endDate), 0, p.timeZone) - 1000;
  // From the first day (a backfill may replay past occurrences) to the last, or some years past today.
  const today = toLocal(p.nowMs, p.timeZone).date;
  const horizonFrom = p.startDate > today ? p.startDate : today;
  const skipTo = p.endDate ?? `${Number(horizonFrom.slice(0, 4)) + OPEN_ENDED_SKIP_YEARS}${horizonFrom.slice(4)}`;
  const skip = p.skipHolidays ? holidaysBetween(calendar, p.startDate, skipTo) : [];
  if ('cron' in p.recurrence) return { timeZone: p.timeZone, startAt, endAt, cron: p.recurrence.cron.trim(), skip };
  const everyMs = parsePositiveDuration(p.recurrence.every);
  // Intervals count from the epoch; the offset puts each one on the schedule's first local midnight.
  const offsetMs = ((startAt % everyMs) + everyMs) % everyMs;
  return { timeZone: p.timeZone, startAt, endAt, interval: { everyMs, offsetMs }, skip };
}
