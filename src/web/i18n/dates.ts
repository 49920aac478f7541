/**
 * Dates as the viewer reads them: the wall clock of the viewer's zone (Intl, with WIB/WITA/WIT),
 * a relative phrase ("2 hari lagi", "terlambat 1 hari"), and the reverse for date inputs.
 */
import { formatLocalDateTime, localParts, zoneAbbreviation } from '../../domain/localTime';
import type { Dictionary, Lang } from './dictionary';

export const formatWhen = (iso: string, zone: string, lang: Lang): string => formatLocalDateTime(iso, zone, lang);
export { zoneAbbreviation };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "in 2 days" / "1 day overdue", rounded down to whole days (hours under one day). */
export function relativeTo(iso: string, nowMs: number, t: Dictionary): string {
  const diff = Date.parse(iso) - nowMs;
  const abs = Math.abs(diff);
  if (diff >= 0) return abs >= DAY ? t.relative.inDays(Math.floor(abs / DAY)) : t.relative.inHours(Math.max(1, Math.floor(abs / HOUR)));
  return abs >= DAY ? t.relative.overdueDays(Math.floor(abs / DAY)) : t.relative.overdueHours(Math.max(1, Math.floor(abs / HOUR)));
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:MM` of an instant in a zone: the value of a datetime-local input. */
export function toLocalInput(instantMs: number, zone: string): string {
  const p = localParts(instantMs, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * A datetime-local value read in `zone` as an ISO instant with that zone's offset
 * (`2026-12-10T16:00+08:00`); anything else is returned as given so the schema reports it.
 */
export function fromLocalInput(value: string, zone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return value;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  if (Number.isNaN(wall)) return value;
  // Offset of the zone at about that time (Indonesian zones have no daylight saving).
  const p = localParts(wall, zone);
  const offsetMin = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - wall) / 60_000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const o = Math.abs(offsetMin);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00${sign}${pad(Math.floor(o / 60))}:${pad(o % 60)}`;
}
