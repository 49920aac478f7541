/**
 * Frequency floors: how close together the engine may remind, and how often a schedule may start
 * requests (docs/ARCHITECTURE.md#frequency-floors). The floors are settings (MIN_REMINDER_INTERVAL,
 * MIN_SCHEDULE_INTERVAL, one hour by default; second-scale tests and demos set them lower); these
 * pure functions apply them to what a caller asked, so the API refuses a flood before any
 * workflow runs. Pure: no clock, no settings read here.
 */
import { parseDuration } from './duration';
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from './request';

const UNITS: Array<[number, string]> = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

/** A floor as people read it: `one hour`, `30 minutes`, `2 days`, `1500 ms`. */
export function spelledDuration(ms: number): string {
  for (const [size, unit] of UNITS) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return n === 1 ? `one ${unit}` : `${n} ${unit}s`;
    }
  }
  return `${ms} ms`;
}

export interface FloorProblem {
  /** Path under the step's `reminders`, e.g. `repeatEvery`, `before[1]`. */
  field: string;
  message: string;
}

/**
 * Reminders of one step closer together than `floorMs`: the overdue repeat, two consecutive
 * `before` offsets, or the last one before the deadline and the reminder at it. Checked on the
 * policy the step will run (the defaults filled in), so an override of one field cannot combine
 * with a default into a flood. Durations that do not parse are left to the schema's own error.
 */
export function reminderFloorProblems(given: Partial<ReminderPolicy> | undefined, floorMs: number, setting = 'MIN_REMINDER_INTERVAL'): FloorProblem[] {
  const policy = { ...DEFAULT_REMINDER_POLICY, ...Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined)) } as ReminderPolicy;
  const floor = `${spelledDuration(floorMs)} (${setting})`;
  const ms = (iso: string): number | null => {
    try {
      return parseDuration(iso);
    } catch {
      return null;
    }
  };
  const problems: FloorProblem[] = [];
  const every = policy.repeatEvery === null ? null : ms(policy.repeatEvery);
  if (every !== null && every < floorMs) problems.push({ field: 'repeatEvery', message: `repeats at least ${floor} apart` });
  // Offsets as the reminders fall: earliest (largest offset) first; the field names the given index.
  const offsets = policy.before
    .map((iso, index) => ({ index, at: ms(iso) }))
    .filter((o): o is { index: number; at: number } => o.at !== null)
    .sort((a, b) => b.at - a.at);
  const beforeField = (index: number) => (given?.before ? `before[${index}]` : 'before');
  for (let i = 1; i < offsets.length; i++) {
    if (offsets[i - 1].at - offsets[i].at < floorMs) {
      problems.push({ field: beforeField(offsets[i].index), message: `reminders at least ${floor} apart: ${policy.before[offsets[i - 1].index]} and ${policy.before[offsets[i].index]} are closer` });
    }
  }
  const last = offsets[offsets.length - 1];
  if (policy.atDeadline && last && last.at < floorMs) {
    problems.push({ field: beforeField(last.index), message: `at least ${floor} before the deadline, since a reminder also goes at the deadline (atDeadline)` });
  }
  return problems;
}
