/**
 * From a structurally valid schedule body to what Temporal gets: the template checked like a
 * create body (fields named under `template.`), deadlines that make sense for every occurrence,
 * dates in the requester's zone, and the recurrence plan.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Directory } from '../../directory/directory';
import { toLocal, type WorkingCalendar } from '../../domain/calendar';
import type { OccurrenceInput, RequestTemplate } from '../../domain/occurrence';
import { dateRangeProblems, frequencyProblem, planRecurrence, type RecurrencePlan } from '../../domain/recurrence';
import type { Actor } from '../../domain/types';
import { createBodyErrors, toWorkflowInput, type KnownStages } from '../createInput';
import type { Floors } from '../floors';
import { bodyHash } from '../idempotency';
import { validationProblem, type FieldError } from '../problem';
import type { CreateScheduleBody } from './schemas';
import type { ScheduleFacts } from './service';

/** Like request ids: `sc-` and 128 bits of SHA-256(requester, key), or random without a key. */
export function scheduleIdFor(requester: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return `sc-${randomBytes(16).toString('hex')}`;
  return `sc-${createHash('sha256').update(`koordinasi/v1/schedule\n${requester}\n${idempotencyKey}`).digest('hex').slice(0, 32)}`;
}

export interface PreparedSchedule {
  facts: ScheduleFacts;
  plan: RecurrencePlan;
  occurrence: OccurrenceInput;
}

export function prepareSchedule(id: string, body: CreateScheduleBody, caller: Actor, deps: { directory: Directory; stages: KnownStages; calendar: WorkingCalendar; nowMs: number; floors: Floors }): PreparedSchedule {
  const { directory, stages, calendar, nowMs, floors } = deps;
  const timeZone = directory.get(caller.org)?.timeZone ?? 'Asia/Jakarta';
  const today = toLocal(nowMs, timeZone).date;
  const errors: FieldError[] = createBodyErrors(body.template, caller.org, directory, nowMs, floors, stages).map((e) => ({ ...e, field: `template.${e.field}` }));
  body.template.steps.forEach((s, i) => {
    // An instant is one day; every occurrence needs a deadline of its own.
    if (s.deadline.kind === 'AT') errors.push({ in: 'body', field: `template.steps[${i}].deadline.kind`, message: 'a recurring request needs a relative deadline (DURATION, WORKING_DAYS or STAGE), not AT' });
  });
  // An upload belongs to one request; each occurrence is a new one, attached to when it starts.
  if (body.template.attachments?.length) errors.push({ in: 'body', field: 'template.attachments', message: 'a recurring request template carries no attachments: attach files to each request the schedule starts' });
  if (body.endDate && body.endDate < today) errors.push({ in: 'body', field: 'endDate', message: `in the past (today is ${today} in ${timeZone})` });
  const startDate = body.startDate ?? today;
  const endDate = body.endDate ?? null;
  // Before any planning: the holiday walk is as long as the range (docs/ARCHITECTURE.md#frequency-floors).
  for (const p of dateRangeProblems(startDate, endDate, today)) errors.push({ in: 'body', ...p });
  const tooOften = frequencyProblem(body.recurrence, floors.scheduleMs);
  if (tooOften) errors.push({ in: 'body', ...tooOften });
  if (errors.length) throw validationProblem(errors);
  const { id: _placeholder, createdBy, ...template } = toWorkflowInput('rq-template', body.template, caller, directory, nowMs, floors, stages);
  void _placeholder;
  const facts: ScheduleFacts = {
    requester: caller.org,
    createdBy: { sub: caller.sub, org: caller.org },
    title: template.title,
    recurrence: body.recurrence,
    timeZone,
    startDate,
    endDate,
    skipHolidays: body.skipHolidays,
    bodyHash: bodyHash(body),
  };
  return { facts, plan: replan(facts, calendar, nowMs), occurrence: { scheduleId: id, template: template as RequestTemplate, createdBy, ...(body.skipHolidays ? { skipHolidaysIn: timeZone } : {}) } };
}

/** The plan of a schedule from its facts (at creation, and again at each resume for fresh holidays). */
export function replan(facts: ScheduleFacts, calendar: WorkingCalendar, nowMs: number): RecurrencePlan {
  return planRecurrence(calendar, { recurrence: facts.recurrence, timeZone: facts.timeZone, startDate: facts.startDate, endDate: facts.endDate, skipHolidays: facts.skipHolidays, nowMs });
}
