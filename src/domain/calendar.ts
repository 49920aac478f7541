/**
 * The Indonesian working calendar: which days are working days (no weekend, no public holiday, no
 * configured joint-leave day — cuti bersama), when the working window of a day opens and closes
 * in a given IANA time zone, and the two operations the engine needs:
 * - `shiftToWorkingTime`: move an instant outside working hours to the start of the next window;
 * - `addWorkingDays`: the close of the N-th working day after an instant (working-day deadlines).
 *
 * Public holidays come from `date-holidays` (country ID, type `public`). This module is pure given
 * its options and the holiday table, but the table changes with library updates, so the workflow
 * never imports it: it calls it through local activities whose answers are recorded in history.
 */
import Holidays from 'date-holidays';
import { localParts } from './localTime';

export interface WorkingCalendarOptions {
  /** Joint-leave days (cuti bersama) as YYYY-MM-DD, on top of public holidays. */
  jointLeaveDays: string[];
  /** Working window in the recipient's local time, HH:MM (end exclusive). */
  workStart: string;
  workEnd: string;
}

export interface WorkingCalendar {
  /** Why a local date is not a working day (`weekend`, holiday name, `cuti bersama`), or null. */
  dayOff(date: string): string | null;
  isWorkingDay(date: string): boolean;
  /** `atMs` if it lies in a working window of `timeZone`, else the start of the next window. */
  shiftToWorkingTime(atMs: number, timeZone: string): number;
  /** Close of the working window of the `days`-th working day after the local date of `fromMs`. */
  addWorkingDays(fromMs: number, days: number, timeZone: string): number;
  /**
   * Close of the working window of the working day `offset` working days from a local date
   * (negative: before it). Offset 0 is the date itself, or the working day before it when the date
   * is a day off: a deadline tied to an election stage must never fall after the stage.
   */
  closeOfWorkingDayFrom(date: string, offset: number, timeZone: string): number;
}

interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Wall-clock date and minute of an instant in a zone. */
export function toLocal(ms: number, timeZone: string): LocalDateTime {
  const p = localParts(ms, timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, minutes: p.hour * 60 + p.minute };
}

/** Offset of the zone from UTC at an instant, in ms (Asia/Makassar: +8 h). Whole minutes. */
function offsetMs(ms: number, timeZone: string): number {
  const minute = ms - (((ms % 60_000) + 60_000) % 60_000);
  const p = localParts(minute, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - minute;
}

/** The instant at which a zone's wall clock shows `date` at `minutes` past midnight. */
export function fromLocal(date: string, minutes: number, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const naive = Date.UTC(y, mo - 1, d, 0, minutes);
  // Two passes settle the offset around a DST change; Indonesian zones have none.
  let guess = naive - offsetMs(naive, timeZone);
  guess = naive - offsetMs(guess, timeZone);
  return guess;
}

/** The local date after `date` (calendar arithmetic on the date alone). */
export function nextDate(date: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d + 1)).toISOString().slice(0, 10);
}

/** The local date before `date`. */
export function previousDate(date: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d - 1)).toISOString().slice(0, 10);
}

function weekday(date: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A year's scan of days off cannot run away: beyond this many days something is misconfigured. */
const MAX_SCAN_DAYS = 366 * 2;

export function createWorkingCalendar(options: WorkingCalendarOptions): WorkingCalendar {
  const start = minutesOf(options.workStart);
  const end = minutesOf(options.workEnd);
  if (!(start < end)) throw new Error(`working hours ${options.workStart}–${options.workEnd} are empty`);
  const jointLeave = new Set(options.jointLeaveDays);
  const holidays = new Holidays('ID');
  const byYear = new Map<number, Map<string, string>>();

  function publicHolidays(year: number): Map<string, string> {
    let m = byYear.get(year);
    if (!m) {
      m = new Map();
      for (const h of holidays.getHolidays(year) || []) {
        if (h.type === 'public') m.set(h.date.slice(0, 10), h.name);
      }
      byYear.set(year, m);
    }
    return m;
  }

  function dayOff(date: string): string | null {
    const wd = weekday(date);
    if (wd === 0 || wd === 6) return 'weekend';
    const holiday = publicHolidays(Number(date.slice(0, 4))).get(date);
    if (holiday) return holiday;
    if (jointLeave.has(date)) return 'cuti bersama';
    return null;
  }
  const isWorkingDay = (date: string): boolean => dayOff(date) === null;

  function nextWorkingDate(after: string): string {
    let d = nextDate(after);
    for (let i = 0; i < MAX_SCAN_DAYS; i++, d = nextDate(d)) if (isWorkingDay(d)) return d;
    throw new Error(`no working day within ${MAX_SCAN_DAYS} days after ${after}`);
  }

  function previousWorkingDate(before: string): string {
    let d = previousDate(before);
    for (let i = 0; i < MAX_SCAN_DAYS; i++, d = previousDate(d)) if (isWorkingDay(d)) return d;
    throw new Error(`no working day within ${MAX_SCAN_DAYS} days before ${before}`);
  }

  return {
    dayOff,
    isWorkingDay,
    shiftToWorkingTime(atMs, timeZone) {
      const l = toLocal(atMs, timeZone);
      if (isWorkingDay(l.date)) {
        if (l.minutes < start) return fromLocal(l.date, start, timeZone);
        if (l.minutes < end) return atMs;
      }
      return fromLocal(nextWorkingDate(l.date), start, timeZone);
    },
    addWorkingDays(fromMs, days, timeZone) {
      if (!Number.isInteger(days) || days < 1) throw new Error(`working days must be a whole number ≥ 1, not ${days}`);
      let date = toLocal(fromMs, timeZone).date;
      for (let i = 0; i < days; i++) date = nextWorkingDate(date);
      return fromLocal(date, end, timeZone);
    },
    closeOfWorkingDayFrom(date, offset, timeZone) {
      if (!Number.isInteger(offset)) throw new Error(`a working-day offset must be a whole number, not ${offset}`);
      let day = isWorkingDay(date) ? date : previousWorkingDate(date);
      for (let i = 0; i < -offset; i++) day = previousWorkingDate(day);
      for (let i = 0; i < offset; i++) day = nextWorkingDate(day);
      return fromLocal(day, end, timeZone);
    },
  };
}
