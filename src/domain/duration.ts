/**
 * ISO 8601 durations (`P3D`, `PT1H30M`, `PT10S`, `P1W`) as milliseconds. Years and months are
 * refused: their length depends on the calendar, and a deadline must mean one thing. Pure and
 * deterministic: workflow code imports this module.
 */
export class DurationError extends Error {}

const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds of an ISO 8601 duration (zero allowed). Throws DurationError when invalid. */
export function parseDuration(iso: string): number {
  if (typeof iso !== 'string' || iso.length === 0) throw new DurationError('duration must be a non-empty ISO 8601 string such as P3D or PT2H');
  const datePart = iso.split('T')[0];
  if (/^P/.test(iso) && /\d[YM]/.test(datePart)) {
    throw new DurationError(`"${iso}": years and months have no fixed length; give the duration in days (e.g. P30D)`);
  }
  const m = PATTERN.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) {
    throw new DurationError(`"${iso}" is not an ISO 8601 duration (examples: P3D, PT2H, PT10S, P1DT12H)`);
  }
  const [, w, d, h, min, s] = m;
  const ms = Number(w ?? 0) * 7 * DAY + Number(d ?? 0) * DAY + Number(h ?? 0) * HOUR + Number(min ?? 0) * MINUTE + Math.round(Number(s ?? 0) * SECOND);
  if (!Number.isSafeInteger(ms)) throw new DurationError(`"${iso}" is too long`);
  return ms;
}

/** Like parseDuration, but zero is refused. */
export function parsePositiveDuration(iso: string): number {
  const ms = parseDuration(iso);
  if (ms <= 0) throw new DurationError(`"${iso}" must be longer than zero`);
  return ms;
}

export function isValidDuration(iso: string): boolean {
  try {
    parseDuration(iso);
    return true;
  } catch {
    return false;
  }
}

/** Canonical form: `P1DT2H`, `PT30S`, `PT0S`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return 'PT0S';
  let rest = Math.abs(ms);
  const d = Math.floor(rest / DAY);
  rest -= d * DAY;
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const min = Math.floor(rest / MINUTE);
  rest -= min * MINUTE;
  const s = rest / SECOND;
  const time = `${h ? `${h}H` : ''}${min ? `${min}M` : ''}${s ? `${s}S` : ''}`;
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
}

/**
 * Indonesian label of a reminder relative to its deadline: `H-3`, `H-1` (days before), `H` (at
 * the deadline), `H+2` (days overdue). Offsets that are not whole days keep their duration, e.g.
 * `H-PT2H` or `H+PT30S`, so short demo schedules still read sensibly.
 */
export function reminderLabel(offsetMs: number): string {
  if (offsetMs === 0) return 'H';
  const sign = offsetMs < 0 ? '-' : '+';
  const abs = Math.abs(offsetMs);
  return abs % DAY === 0 ? `H${sign}${abs / DAY}` : `H${sign}${formatDuration(abs)}`;
}
