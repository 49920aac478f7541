/**
 * The frequency floors as the API applies them (docs/ARCHITECTURE.md#frequency-floors): read
 * once from the settings, checked where request bodies and schedule templates are checked
 * (createInput.ts, schedules/createSchedule.ts), reported as 400 field errors.
 */
import type { Config } from '../config';
import { parsePositiveDuration } from '../domain/duration';
import { reminderFloorProblems } from '../domain/floors';
import type { ReminderPolicy } from '../domain/types';
import type { FieldError } from './problem';

export interface Floors {
  /** MIN_REMINDER_INTERVAL in ms. */
  reminderMs: number;
  /** MIN_SCHEDULE_INTERVAL in ms. */
  scheduleMs: number;
}

export const floorsOf = (config: Pick<Config, 'MIN_REMINDER_INTERVAL' | 'MIN_SCHEDULE_INTERVAL'>): Floors => ({
  reminderMs: parsePositiveDuration(config.MIN_REMINDER_INTERVAL),
  scheduleMs: parsePositiveDuration(config.MIN_SCHEDULE_INTERVAL),
});

/** Field errors of one step's reminders under the floor; `at` is the step's path, e.g. `steps[0]`. */
export function reminderFloorErrors(reminders: Partial<ReminderPolicy> | undefined, at: string, floors: Floors): FieldError[] {
  return reminderFloorProblems(reminders, floors.reminderMs).map((p) => ({ in: 'body', field: `${at}.reminders.${p.field}`, message: p.message }));
}
