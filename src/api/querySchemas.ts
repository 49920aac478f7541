/**
 * Query strings of the reads: a request's timeline, the requests list (filters, word search, sort,
 * keyset pages) and the response-time report. Beside src/api/schemas.ts (bodies, headers, paths).
 */
import { z } from 'zod';
import { CATEGORIES, REQUEST_STATUSES, type RequestStatus } from '../domain/types';
import { LIST_SORTS } from '../records/list';
import { REPORT_GROUPS } from '../records/reports';
import { OrgIdSchema } from './schemas'; // also applies the OpenAPI extension to zod

export const TimelineQuerySchema = z
  .object({ afterSeq: z.coerce.number().int().min(0).optional().openapi({ description: 'Only events with seq greater than this.' }) })
  .strict();

/** Comma-separated statuses, each one of REQUEST_STATUSES. */
const statusList = z.string().transform((s, ctx) => {
  const parts = s.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = parts.filter((p) => !(REQUEST_STATUSES as readonly string[]).includes(p));
  if (parts.length === 0 || parts.length > 10 || bad.length > 0) {
    ctx.addIssue({ code: 'custom', message: `comma-separated values of ${REQUEST_STATUSES.join(', ')}` });
    return z.NEVER;
  }
  return parts as RequestStatus[];
});

export const ListQuerySchema = z
  .object({
    status: statusList.optional().openapi({ type: 'string', description: 'Comma-separated statuses.', example: 'IN_PROGRESS,CHANGES_REQUESTED' }),
    requester: OrgIdSchema.optional(),
    participant: OrgIdSchema.optional().openapi({ description: 'Current seat holder in any step.' }),
    pendingFor: OrgIdSchema.optional().openapi({ description: 'Organizations the request is waiting on now.' }),
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional().openapi({ type: 'string', enum: ['true', 'false'] }),
    category: z.enum(CATEGORIES).optional(),
    openConditions: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .openapi({ type: 'string', enum: ['true', 'false'], description: 'With (true) or without (false) conditions of approval still to be met.' }),
    q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Words in title, description, letter number and letter subject, all of them, as written (accents and case ignored; no stemming). A letter number matches whole or by its parts (`5204`).' }),
    createdFrom: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Created at or after this instant.' }),
    createdTo: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Created before this instant.' }),
    sort: z.enum(LIST_SORTS).default('created').openapi({ description: 'created / updated: newest first; deadline: the current step deadline, soonest first (closed requests last).' }),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    pageToken: z.string().max(4096).regex(/^[A-Za-z0-9_-]+$/, 'a page token from a previous response').optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof ListQuerySchema>;

export const ResponseTimesQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Seats asked at or after this instant.' }),
    to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Seats asked before this instant.' }),
    groupBy: z.enum(REPORT_GROUPS).default('organization'),
  })
  .strict();
