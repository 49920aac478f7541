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
import { cronShortestGapMs, CronSyntaxError } from './cronGap';
import { parsePositiveDuration } from './duration';
import { spelledDuration } from './floors';

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
/** Default of MIN_SCHEDULE_INTERVAL: recurring coordination is hourly or slower, never a flood. */
export const MIN_INTERVAL_MS = 3600_000;
/** Longest schedule, first day to last: bounds the holiday list and the work of planning it. */
export const MAX_SCHEDULE_YEARS = 5;
/** How far from today the first day may lie: a year back (a backfill), five years ahead. */
export const START_YEARS_BACK = 1;
export const START_YEARS_AHEAD = 5;

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

/** Why an interval is refused (not a positive duration, or shorter than `minMs`), or null. */
export function intervalProblem(every: string, minMs = MIN_INTERVAL_MS): string | null {
  try {
    return parsePositiveDuration(every) < minMs ? `at least ${spelledDuration(minMs)} (MIN_SCHEDULE_INTERVAL)` : null;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Why a recurrence fires too often: an interval shorter than `minMs`, or a cron expression whose
 * closest two firings are (src/domain/cronGap.ts). `field` names what to fix.
 */
export function frequencyProblem(recurrence: Recurrence, minMs: number): { field: string; message: string } | null {
  if ('every' in recurrence) {
    const problem = intervalProblem(recurrence.every, minMs);
    return problem ? { field: 'recurrence.every', message: problem } : null;
  }
  try {
    const gap = cronShortestGapMs(recurrence.cron);
    if (gap === null || gap >= minMs) return null;
    return { field: 'recurrence.cron', message: `fires ${spelledDuration(gap)} apart at its closest; at least ${spelledDuration(minMs)} (MIN_SCHEDULE_INTERVAL)` };
  } catch (err) {
    // A value or construct outside the grammar: reported as Temporal's own refusal of a value is
    // (on `recurrence`, src/api/schedules/service.ts), and never sent on unjudged.
    if (err instanceof CronSyntaxError) return { field: 'recurrence', message: err.message };
    throw err;
  }
}

/** `date` moved by whole years (29 February lands on 28 February). */
export function addYears(date: string, years: number): string {
  const y = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${y}-${md}`;
}

/**
 * Why a schedule's days are refused: a first day more than START_YEARS_BACK before today or
 * START_YEARS_AHEAD after it, a last day more than MAX_SCHEDULE_YEARS after the first. Dates are
 * YYYY-MM-DD (compared as text); `today` in the requester's zone.
 */
export function dateRangeProblems(startDate: string, endDate: string | null, today: string): Array<{ field: 'startDate' | 'endDate'; message: string }> {
  const problems: Array<{ field: 'startDate' | 'endDate'; message: string }> = [];
  const earliest = addYears(today, -START_YEARS_BACK);
  const latest = addYears(today, START_YEARS_AHEAD);
  if (startDate < earliest) problems.push({ field: 'startDate', message: `at most ${START_YEARS_BACK} year before today (${earliest} or later)` });
  if (startDate > latest) problems.push({ field: 'startDate', message: `at most ${START_YEARS_AHEAD} years after today (${latest} or earlier)` });
  if (endDate !== null && endDate > addYears(startDate, MAX_SCHEDULE_YEARS)) {
    problems.push({ field: 'endDate', message: `at most ${MAX_SCHEDULE_YEARS} years after the first day (${addYears(startDate, MAX_SCHEDULE_YEARS)} or earlier)` });
  }
  return problems;
}

const maxDate = (a: string, b: string): string => (a > b ? a : b);
const minDate = (a: string, b: string): string => (a < b ? a : b);

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
  // Bounded whatever the facts say (a schedule made before the date limits, resumed now): from at
  // most a year back to at most the longest schedule ahead, so the walk and the list stay small.
  const skipFrom = maxDate(p.startDate, addYears(today, -START_YEARS_BACK));
  const skipTo = minDate(p.endDate ?? addYears(horizonFrom, OPEN_ENDED_SKIP_YEARS), addYears(horizonFrom, MAX_SCHEDULE_YEARS));
  const skip = p.skipHolidays ? holidaysBetween(calendar, skipFrom, skipTo) : [];
  if ('cron' in p.recurrence) return { timeZone: p.timeZone, startAt, endAt, cron: p.recurrence.cron.trim(), skip };
  const everyMs = parsePositiveDuration(p.recurrence.every);
  // Intervals count from the epoch; the offset puts each one on the schedule's first local midnight.
  const offsetMs = ((startAt % everyMs) + everyMs) % everyMs;
  return { timeZone: p.timeZone, startAt, endAt, interval: { everyMs, offsetMs }, skip };
}
