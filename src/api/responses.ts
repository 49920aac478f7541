/**
 * Zod schemas of what the API returns. They document the responses in OpenAPI (and tests parse
 * real responses with them, so the document cannot lie about the shape). They mirror the types
 * of src/domain/types.ts.
 */
import { z } from 'zod';
import { ATTACHMENT_TYPES, CATEGORIES, ORG_KINDS, ORG_LEVELS, PARTICIPANT_STATUSES, REQUEST_STATUSES, TIMELINE_KINDS } from '../domain/types';
import { ApprovalPolicySchema, DeadlineSpecSchema, LetterSchema } from './schemas';
import './schemas'; // extendZodWithOpenApi side effect

const instant = z.string().openapi({ format: 'date-time' });
const who = z.object({ sub: z.string(), org: z.string() });

export const ParticipantStateSchema = z
  .object({
    org: z.string(),
    status: z.enum(PARTICIPANT_STATUSES),
    comment: z.string().optional(),
    respondedAt: instant.optional(),
    respondedBy: z.string().optional(),
    delegatedFrom: z.array(z.string()),
    deadline: instant.optional().openapi({ description: 'The seat’s own deadline, when more time was granted to it alone.' }),
  })
  .openapi('ParticipantState');

export const ConditionStateSchema = z
  .object({
    id: z.string(),
    step: z.number().int(),
    org: z.string().openapi({ description: 'The organization that approved with this condition.' }),
    text: z.string(),
    status: z.enum(['OPEN', 'MET']),
    setAt: instant,
    setBy: z.string(),
    metAt: instant.optional(),
    metBy: who.optional(),
    metComment: z.string().optional(),
  })
  .openapi('ConditionState');

export const ExtensionRequestStateSchema = z
  .object({
    id: z.string(),
    step: z.number().int(),
    org: z.string().openapi({ description: 'The seat holder that asked.' }),
    until: instant,
    reason: z.string(),
    askedAt: instant,
    askedBy: z.string(),
    status: z.enum(['PENDING', 'GRANTED', 'DECLINED', 'LAPSED']).openapi({ description: 'LAPSED: the seat stopped waiting (answered, delegated, step or request over) before a decision.' }),
    scope: z.enum(['SEAT', 'STEP']).optional(),
    decidedAt: instant.optional(),
    decidedBy: who.optional(),
    decisionReason: z.string().optional(),
  })
  .openapi('ExtensionRequestState');

export const StepStateSchema = z
  .object({
    index: z.number().int(),
    name: z.string(),
    policy: ApprovalPolicySchema,
    deadlineSpec: DeadlineSpecSchema,
    reminders: z.object({
      before: z.array(z.string()),
      atDeadline: z.boolean(),
      repeatEvery: z.string().nullable(),
      escalateAfter: z.string().nullable(),
    }),
    status: z.enum(['WAITING', 'ACTIVE', 'CHANGES_REQUESTED', 'APPROVED', 'REJECTED', 'CLOSED']),
    participants: z.array(ParticipantStateSchema),
    progress: z.object({
      approved: z.number().int(),
      rejected: z.number().int(),
      changesRequested: z.number().int(),
      pending: z.number().int(),
      required: z.number().int(),
      total: z.number().int(),
    }),
    activatedAt: instant.nullable(),
    deadline: instant.nullable(),
    overdue: z.boolean(),
    escalated: z.boolean(),
    decidedAt: instant.nullable(),
  })
  .openapi('StepState');

export const AttachmentRefSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(ATTACHMENT_TYPES).openapi({ description: 'Decided from the content (magic bytes), not from the name' }),
    size: z.number().int().openapi({ description: 'Bytes' }),
    sha256: z.string().openapi({ description: 'SHA-256 of the content, lowercase hex' }),
    revision: z.number().int().openapi({ description: 'Revision of the request it came with (1: the request itself)' }),
  })
  .openapi('AttachmentRef', { description: 'Download: GET /v1/coordination-requests/{id}/attachments/{attachmentId}' });

export const CoordinationStateSchema = z
  .object({
    id: z.string(),
    requester: z.string(),
    title: z.string(),
    description: z.string(),
    category: z.enum(CATEGORIES),
    tembusan: z.array(z.string()),
    status: z.enum(REQUEST_STATUSES),
    revision: z.number().int(),
    currentStep: z.number().int(),
    steps: z.array(StepStateSchema),
    workingHours: z.boolean(),
    expireAfter: z.string().nullable(),
    letter: LetterSchema.optional(),
    attachments: z.array(AttachmentRefSchema).optional(),
    createdAt: instant,
    createdBy: who,
    updatedAt: instant,
    closedAt: instant.nullable(),
    nextReminderAt: instant.nullable(),
    expiresAt: instant.nullable(),
    generation: z.number().int(),
    conditions: z.array(ConditionStateSchema).optional().openapi({ description: 'Conditions set by approvals (setuju dengan catatan); absent when none.' }),
    extensions: z.array(ExtensionRequestStateSchema).optional().openapi({ description: 'Asks for more time by seat holders; absent when none.' }),
    schedule: z
      .object({ id: z.string(), scheduledAt: instant })
      .optional()
      .openapi({ description: 'The coordination schedule that started this request (GET /v1/coordination-schedules/{id}), and for which occurrence.' }),
  })
  .openapi('CoordinationState');

export const TimelineEventSchema = z
  .object({
    seq: z.number().int(),
    at: instant,
    kind: z.enum(TIMELINE_KINDS),
    actor: who,
    revision: z.number().int(),
    step: z.number().int().nullable(),
    org: z.string().optional(),
    comment: z.string().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('TimelineEvent');

export const TimelineSchema = z.object({ id: z.string(), events: z.array(TimelineEventSchema) }).openapi('Timeline');

/** One row of a listing, from the records store (no description, no comments). */
export const RequestSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    letterNumber: z.string().nullable().openapi({ description: "Nomor surat of the request's letter (null without one)" }),
    status: z.enum(REQUEST_STATUSES),
    requester: z.string(),
    category: z.enum(CATEGORIES),
    participants: z.array(z.string()),
    pendingFor: z.array(z.string()),
    dueAt: instant.nullable(),
    overdue: z.boolean(),
    openConditions: z.number().int().openapi({ description: 'Conditions of approval still to be met.' }),
    startedAt: instant,
    updatedAt: instant,
    closedAt: instant.nullable(),
  })
  .openapi('CoordinationRequestSummary');

export const RequestPageSchema = z
  .object({ items: z.array(RequestSummarySchema), nextPageToken: z.string().nullable() })
  .openapi('CoordinationRequestPage');

export const ResponseTimeRowSchema = z
  .object({
    key: z.string().openapi({ description: 'The participant organization or the category, per `groupBy`.' }),
    asked: z.number().int().openapi({ description: 'Seats asked in the window (one per request step the organization sat in).' }),
    answered: z.number().int().openapi({ description: 'Seats with a response (an acknowledgement counts).' }),
    medianSeconds: z.number().nullable().openapi({ description: 'Median seconds from being asked to the first response (continuous percentile).' }),
    p90Seconds: z.number().nullable(),
    answeredLate: z.number().int().openapi({ description: 'First response after the seat deadline.' }),
    escalations: z.number().int().openapi({ description: 'Seats an escalation named as silent.' }),
  })
  .openapi('ResponseTimeRow');

export const ResponseTimesSchema = z
  .object({ groupBy: z.enum(['organization', 'category']), from: instant.nullable(), to: instant.nullable(), rows: z.array(ResponseTimeRowSchema) })
  .openapi('ResponseTimes');

export const OrganizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ORG_KINDS),
    level: z.enum(ORG_LEVELS),
    parentId: z.string().nullable(),
    timeZone: z.string(),
    language: z.enum(['id', 'en']),
    ancestors: z.array(z.string()).openapi({ description: 'Parent chain, nearest first.' }),
    children: z.array(z.string()),
  })
  .openapi('Organization', { description: 'Directory entry without contact addresses or webhook secrets.' });

export const OrganizationListSchema = z
  .object({ organizations: z.array(OrganizationSchema), roots: z.array(z.string()) })
  .openapi('OrganizationList');

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ in: z.enum(['body', 'query', 'path', 'header']), field: z.string(), message: z.string() }))
      .optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details.' });

export const HealthSchema = z.object({ status: z.string() }).openapi('Health');

export const StageListSchema = z
  .object({ stages: z.array(z.object({ id: z.string(), name: z.string(), date: z.string().openapi({ format: 'date' }) })) })
  .openapi('StageList');

export const ReresolveReportSchema = z
  .object({
    stage: z.string(),
    date: z.string().openapi({ format: 'date', description: 'The stage date the requests were resolved against.' }),
    matched: z.number().int().openapi({ description: 'Open requests whose active or future steps use the stage.' }),
    changed: z.number().int(),
    unchanged: z.number().int(),
    failed: z.number().int(),
    requests: z.array(
      z.object({
        id: z.string(),
        outcome: z.enum(['CHANGED', 'UNCHANGED', 'FAILED']),
        from: instant.nullable().optional(),
        to: instant.nullable().optional(),
        reason: z.string().optional(),
      }),
    ),
  })
  .openapi('StageReresolveReport');
