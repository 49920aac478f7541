/**
 * Local wall-clock rendering of instants for readers in Indonesia's three time zones
 * (WIB Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura), in Bahasa Indonesia or English.
 *
 * Pure and deterministic: only numeric fields are taken from Intl (stable across ICU builds);
 * day and month names are our own tables, so output never depends on the Node build's locale data.
 */

export type Language = 'id' | 'en';

const ZONE_ABBREVIATIONS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** WIB / WITA / WIT for Indonesian zones; the IANA name itself for any other zone. */
export function zoneAbbreviation(timeZone: string): string {
  return ZONE_ABBREVIATIONS[timeZone] ?? timeZone;
}

const WEEKDAYS: Record<Language, string[]> = {
  id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

const MONTHS: Record<Language, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

export interface LocalParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of `instant` in `timeZone`. */
export function localParts(instant: Date | string | number, timeZone: string): LocalParts {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid instant: ${String(instant)}`);
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour) % 24;
  const minute = Number(parts.minute);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, hour, minute, weekday };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * "Kamis, 10 Desember 2026 16.00 WITA" (id) or "Thursday, 10 December 2026 16:00 WITA" (en).
 * Indonesian usage separates hours and minutes with a dot.
 */
export function formatLocalDateTime(instant: Date | string | number, timeZone: string, language: Language): string {
  const p = localParts(instant, timeZone);
  const sep = language === 'id' ? '.' : ':';
  return `${WEEKDAYS[language][p.weekday]}, ${p.day} ${MONTHS[language][p.month - 1]} ${p.year} ${pad(p.hour)}${sep}${pad(p.minute)} ${zoneAbbreviation(timeZone)}`;
}

/** A calendar date (YYYY-MM-DD, no zone: a letter's date) as "30 November 2026" in either language. */
export function formatCalendarDate(date: string, language: Language): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[language][m - 1]} ${y}`;
}
