/** What clients send and get for coordination schedules (zod: validation and OpenAPI at once). */
import { z } from 'zod';
import { cronProblem, intervalProblem } from '../../domain/recurrence';

/** The schema's part of an interval: a positive duration (the floor, a setting, is prepareSchedule's). */
const intervalShape = (every: string): string | null => intervalProblem(every, 1);
import { TEXT_LIMITS } from '../../domain/text';
import { CreateRequestBodySchema, freeText } from '../schemas';

export const ScheduleIdSchema = z
  .string()
  .regex(/^sc-[0-9a-f]{32}$/, 'a coordination schedule id such as sc-0123456789abcdef0123456789abcdef')
  .openapi({ example: 'sc-5f2b9c0a6d1e4f3a8b7c6d5e4f3a2b1c' });

export const ScheduleParamsSchema = z.object({ id: ScheduleIdSchema });

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a real calendar date')
  .openapi({ format: 'date' });

export const RecurrenceSchema = z
  .union([
    z
      .object({ cron: z.string().max(100).superRefine((v, ctx) => void (cronProblem(v) && ctx.addIssue({ code: 'custom', message: cronProblem(v)! }))) })
      .strict(),
    z
      .object({ every: z.string().max(40).superRefine((v, ctx) => void (intervalShape(v) && ctx.addIssue({ code: 'custom', message: intervalShape(v)! }))) })
      .strict()
      .openapi({ description: 'An ISO 8601 interval from the first day at local midnight, e.g. P7D (weekly); at least MIN_SCHEDULE_INTERVAL (PT1H by default).' }),
  ])
  .openapi('Recurrence', { description: 'A five-field cron expression or an interval, read in the requester organization\'s time zone. Occurrences are at least MIN_SCHEDULE_INTERVAL (PT1H by default) apart: a cron expression firing closer (e.g. `*/15 * * * *`) is refused.' });

export const CreateScheduleBodySchema = z
  .object({
    template: CreateRequestBodySchema.omit({ id: true }).openapi({ description: 'The request each occurrence starts: a create body without `id` and without attachments. Step deadlines must be relative (DURATION, WORKING_DAYS, STAGE).' }),
    recurrence: RecurrenceSchema,
    startDate: localDate.optional().openapi({ description: "First day (requester's zone); default today. At most a year back and five years ahead." }),
    endDate: localDate.optional().openapi({ description: 'Last day, inclusive, at most five years after the first; none: no end.' }),
    skipHolidays: z.boolean().default(false).openapi({ description: 'Skip occurrences on Indonesian public holidays and joint-leave days (cuti bersama).' }),
    paused: z.boolean().default(false),
    note: freeText(TEXT_LIMITS.comment, { multiLine: false }).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.startDate && b.endDate && b.endDate < b.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'before startDate' });
  })
  .openapi('CreateCoordinationSchedule');
export type CreateScheduleBody = z.infer<typeof CreateScheduleBodySchema>;

export const ScheduleNoteBodySchema = z.object({ note: freeText(TEXT_LIMITS.comment, { multiLine: false }).optional() }).strict().openapi('ScheduleNote');

const instant = z.string().openapi({ format: 'date-time' });

export const ScheduleViewSchema = z
  .object({
    id: z.string(),
    requester: z.string(),
    createdBy: z.object({ sub: z.string(), org: z.string() }),
    title: z.string(),
    recurrence: z.union([z.object({ cron: z.string() }), z.object({ every: z.string() })]),
    timeZone: z.string(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    skipHolidays: z.boolean(),
    skippedDays: z.number().int().openapi({ description: 'Holidays and joint-leave days the schedule skips (listed up to its end, or three years ahead).' }),
    paused: z.boolean(),
    note: z.string().nullable(),
    nextRuns: z.array(instant),
    recentRuns: z.array(z.object({ scheduledAt: instant, startedAt: instant })),
    template: z.record(z.string(), z.unknown()).optional().openapi({ description: 'The request template (single schedule only).' }),
  })
  .openapi('CoordinationSchedule');

export const ScheduleListSchema = z.object({ items: z.array(ScheduleViewSchema) }).openapi('CoordinationScheduleList');
