/**
 * Calendar arithmetic for the workflow, run as local activities: the holiday table belongs to a
 * library that changes between releases, so its answers must be recorded in history rather than
 * recomputed on replay.
 */
import { parseDuration } from '../src/domain/duration';
import { toLocal, type WorkingCalendar } from '../src/domain/calendar';
import { holidaysBetween } from '../src/domain/recurrence';
import type { CoordinationActivities, ResolveDeadlineInput, ShiftInput } from './types';

export function createCalendarActivities(calendar: WorkingCalendar): Pick<CoordinationActivities, 'resolveDeadline' | 'shiftToWorkingTime' | 'holidayOn'> {
  return {
    async resolveDeadline({ from, spec, timeZone }: ResolveDeadlineInput): Promise<string> {
      const fromMs = Date.parse(from);
      switch (spec.kind) {
        case 'AT':
          return new Date(Date.parse(spec.at)).toISOString();
        case 'DURATION':
          return new Date(fromMs + parseDuration(spec.duration)).toISOString();
        case 'WORKING_DAYS':
          return new Date(calendar.addWorkingDays(fromMs, spec.days, timeZone)).toISOString();
      }
    },
    async shiftToWorkingTime(inputs: ShiftInput[]): Promise<string[]> {
      return inputs.map(({ at, timeZone }) => new Date(calendar.shiftToWorkingTime(Date.parse(at), timeZone)).toISOString());
    },
    async holidayOn({ at, timeZone }: ShiftInput): Promise<string | null> {
      const date = toLocal(Date.parse(at), timeZone).date;
      // The same rule as a schedule's skip list: holidays and cuti bersama, never a mere weekend.
      return holidaysBetween(calendar, date, date)[0]?.reason ?? null;
    },
  };
}
