/**
 * The new-schedule form as data: the request template (the new-request form's own values and
 * mapping), the recurrence as a secretariat says it (monthly on a day, weekly on a weekday, or a
 * cron expression / ISO interval for the rest) and the schedule's dates and switches. Validation
 * is the API's own: CreateScheduleBodySchema here, prepareSchedule and the service in the route.
 */
import type { FieldError } from '../../api/problem';
import { issuesToFieldErrors } from '../../api/route';
import { CreateScheduleBodySchema, type CreateScheduleBody } from '../../api/schedules/schemas';
import { readCreateForm, slotOf, toCreateBody, type CreateValues } from './createForm';

export const REPEATS = ['monthly', 'weekly', 'cron', 'interval'] as const;
export type Repeat = (typeof REPEATS)[number];

export interface ScheduleValues {
  /** The request each occurrence starts (no attachments: a template carries none). */
  template: CreateValues;
  repeat: Repeat;
  /** monthly: 1–28 (every month has it). */
  dayOfMonth: string;
  /** weekly: cron day of week, 0 (Sunday) to 6. */
  weekday: string;
  /** monthly and weekly: HH:MM in the requester organization's zone. */
  time: string;
  cron: string;
  every: string;
  startDate: string;
  endDate: string;
  skipHolidays: boolean;
  paused: boolean;
  note: string;
  /** Idempotency key of this form: every submit of it names the same schedule. */
  key: string;
}

export const blankSchedule = (template: CreateValues, today: string): ScheduleValues => ({
  template,
  repeat: 'monthly',
  dayOfMonth: '1',
  weekday: '1',
  time: '09:00',
  cron: '',
  every: 'P7D',
  startDate: today,
  endDate: '',
  skipHolidays: true,
  paused: false,
  note: '',
  key: template.key,
});

const str = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');

/** Values from a posted form (anything the browser or an attacker sends). */
export function readScheduleForm(body: unknown): { values: ScheduleValues; action: string } {
  const { values: template, action } = readCreateForm(body);
  const b = (body ?? {}) as Record<string, unknown>;
  const repeat = str(b.repeat, 20);
  return {
    values: {
      template: { ...template, attachments: [] },
      repeat: (REPEATS as readonly string[]).includes(repeat) ? (repeat as Repeat) : 'monthly',
      dayOfMonth: str(b.dayOfMonth, 4),
      weekday: str(b.weekday, 4),
      time: str(b.time, 10),
      cron: str(b.cron, 200),
      every: str(b.every, 60),
      startDate: str(b.startDate, 20),
      endDate: str(b.endDate, 20),
      skipHolidays: b.skipHolidays !== undefined,
      paused: b.paused !== undefined,
      note: str(b.note, 2000),
      key: template.key,
    },
    action,
  };
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The API recurrence the values stand for, or the form's own error when the parts are unusable. */
function recurrenceOf(v: ScheduleValues): { recurrence: unknown } | { error: FieldError } {
  const error = (message: string) => ({ error: { in: 'body' as const, field: 'recurrence', message } });
  if (v.repeat === 'cron') return { recurrence: { cron: v.cron.trim() } };
  if (v.repeat === 'interval') return { recurrence: { every: v.every.trim() } };
  const time = TIME.exec(v.time.trim());
  if (!time) return error('a time of day HH:MM');
  const [minute, hour] = [Number(time[2]), Number(time[1])];
  if (v.repeat === 'weekly') {
    if (!/^[0-6]$/.test(v.weekday)) return error('a day of the week');
    return { recurrence: { cron: `${minute} ${hour} * * ${v.weekday}` } };
  }
  const day = Number(v.dayOfMonth);
  if (!/^\d{1,2}$/.test(v.dayOfMonth) || day < 1 || day > 28) return error('a day of the month from 1 to 28');
  return { recurrence: { cron: `${minute} ${hour} ${day} * *` } };
}

/** The form's own words for a cron it would have made (monthly or weekly at a time), else null. */
export function plainRecurrence(cron: string): { repeat: 'monthly'; day: number; time: string } | { repeat: 'weekly'; weekday: number; time: string } | null {
  const m = /^(\d{1,2}) (\d{1,2}) (?:(\d{1,2}) \* \*|\* \* ([0-6]))$/.exec(cron.trim());
  if (!m || Number(m[1]) > 59 || Number(m[2]) > 23) return null;
  const time = `${m[2].padStart(2, '0')}:${m[1].padStart(2, '0')}`;
  if (m[4] !== undefined) return { repeat: 'weekly', weekday: Number(m[4]), time };
  const day = Number(m[3]);
  return day >= 1 && day <= 31 ? { repeat: 'monthly', day, time } : null;
}

export type ParsedSchedule = { ok: true; body: CreateScheduleBody } | { ok: false; errors: FieldError[] };

/** The API create body of the values, checked by the API's schema (every error at once). */
export function parseScheduleForm(v: ScheduleValues, zone: string): ParsedSchedule {
  const rec = recurrenceOf(v);
  const body = {
    template: toCreateBody(v.template, zone),
    recurrence: 'recurrence' in rec ? rec.recurrence : { cron: '0 0 1 * *' },
    ...(v.startDate ? { startDate: v.startDate } : {}),
    ...(v.endDate ? { endDate: v.endDate } : {}),
    skipHolidays: v.skipHolidays,
    paused: v.paused,
    ...(v.note.trim() ? { note: v.note.trim() } : {}),
  };
  const r = CreateScheduleBodySchema.safeParse(body);
  const errors = [...('error' in rec ? [rec.error] : []), ...(r.success ? [] : issuesToFieldErrors('body', r.error.issues))];
  return r.success && !errors.length ? { ok: true, body: r.data } : { ok: false, errors };
}

/** The form slot of an API field error: `template.steps[0].deadline.kind` → `steps[0].deadline`, `recurrence.cron` → `recurrence`. */
export function scheduleSlotOf(field: string): string {
  if (field.startsWith('template.')) return slotOf(field.slice('template.'.length));
  return /^\w+/.exec(field)?.[0] ?? '(root)';
}

export function scheduleErrorsBySlot(errors: FieldError[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) (out[scheduleSlotOf(e.field)] ??= []).push(e.message);
  return out;
}
