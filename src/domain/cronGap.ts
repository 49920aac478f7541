/**
 * The shortest time between two consecutive firings of a five-field cron expression, as Temporal
 * Schedules read it (minute hour day-of-month month day-of-week; `*`, values, names, `a-b`, lists,
 * `/step`; day-of-month AND day-of-week, not cron's traditional OR; 0 and 7 are Sunday). No cron
 * parser is among the project's packages, so this small one covers exactly that grammar and
 * refuses anything else (such as `L` or `?`), rather than guess how often it fires.
 *
 * Firings within a day are the times matching minute × hour; the gap across days is from the last
 * time of one matching day to the first of the next. Matching days repeat with the Gregorian
 * 400-year cycle (146,097 days, a whole number of weeks), so two cycles cover every pair of
 * consecutive days. Indonesian zones keep no daylight saving time: local minutes are real minutes.
 */
export class CronSyntaxError extends Error {}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Value of the first name (months count from 1, weekdays from 0). */
  namesFrom?: number;
}

const FIELDS: FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day-of-week', min: 0, max: 7, names: DAYS, namesFrom: 0 },
];

function value(token: string, rule: FieldRule): number {
  const byName = rule.names?.indexOf(token.toUpperCase()) ?? -1;
  const n = byName >= 0 ? byName + (rule.namesFrom ?? 0) : /^\d{1,2}$/.test(token) ? Number(token) : NaN;
  if (Number.isNaN(n) || n < rule.min || n > rule.max) throw new CronSyntaxError(`${rule.name}: "${token}" is not a value from ${rule.min} to ${rule.max}`);
  return n;
}

/** The values one field matches. */
function cronFieldValues(field: string, rule: FieldRule): Set<number> {
  const out = new Set<number>();
  for (const item of field.split(',')) {
    const m = /^(\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/(\d{1,2}))?$/.exec(item);
    if (!m) throw new CronSyntaxError(`${rule.name}: "${item}" is not *, a value, a range a-b or one of those with /step`);
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) throw new CronSyntaxError(`${rule.name}: a step must be at least 1`);
    let from: number;
    let to: number;
    if (m[1] === '*') [from, to] = [rule.min, rule.max];
    else if (m[1].includes('-')) [from, to] = m[1].split('-').map((t) => value(t, rule));
    else [from, to] = [value(m[1], rule), m[2] === undefined ? value(m[1], rule) : rule.max];
    if (from > to) throw new CronSyntaxError(`${rule.name}: the range "${m[1]}" runs backwards`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/** Year, month (1-12), day and weekday (0 = Sunday) of a day counted from 1970-01-01. */
function civil(days: number): { month: number; day: number; weekday: number } {
  // Howard Hinnant's days-to-civil, integers only: fast enough to walk 800 years per request.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return { day: doy - Math.floor((153 * mp + 2) / 5) + 1, month: mp < 10 ? mp + 3 : mp - 9, weekday: (((days + 4) % 7) + 7) % 7 };
}

const CYCLE_DAYS = 146_097;
const MINUTE_MS = 60_000;

/**
 * Milliseconds between the two closest consecutive firings, or null when the expression never
 * fires (e.g. `0 9 31 2 *`). Throws CronSyntaxError for what Temporal's grammar above lacks.
 */
export function cronShortestGapMs(cron: string): number | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) throw new CronSyntaxError('five cron fields: minute hour day-of-month month day-of-week');
  const [minutes, hours, doms, months, dows] = fields.map((f, i) => cronFieldValues(f, FIELDS[i]));
  if (dows.has(7)) dows.add(0);
  const times = [...hours].flatMap((h) => [...minutes].map((m) => h * 60 + m)).sort((a, b) => a - b);
  if (times.length === 0) return null;
  let best = Infinity;
  for (let i = 1; i < times.length; i++) best = Math.min(best, times[i] - times[i - 1]);
  const span = times[times.length - 1] - times[0];
  // The closest two matching days (1 is as close as days come: stop there).
  let previous: number | null = null;
  let closestDays = Infinity;
  for (let d = 0; d < 2 * CYCLE_DAYS && closestDays > 1; d++) {
    const c = civil(d);
    if (!doms.has(c.day) || !months.has(c.month) || !dows.has(c.weekday)) continue;
    if (previous !== null) closestDays = Math.min(closestDays, d - previous);
    previous = d;
  }
  if (previous === null) return null;
  if (closestDays !== Infinity) best = Math.min(best, closestDays * 1440 - span);
  return best === Infinity ? null : best * MINUTE_MS;
}
