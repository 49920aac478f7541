/**
 * Zod schemas of what clients send: bodies, query strings, path parameters and headers. They
 * validate requests AND generate the OpenAPI document, so the two cannot drift. Objects are
 * `.strict()`: an unknown field is an error, not silently ignored (a typo such as `deadlne` must
 * not produce a request without the deadline the caller meant).
 *
 * These checks are structural and pure. Checks that need the directory or the clock (unknown
 * organizations, deadlines in the past) live in createInput.ts and report in the same format.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { DurationError, parseDuration, parsePositiveDuration } from '../domain/duration';
import { CHANGES_NEED_COMMENT, changesNeedComment, freeTextProblem, TEXT_LIMITS } from '../domain/text';
import { ATTACHMENT_ID, CATEGORIES, CONDITION_LIMITS, DECISIONS, EXTENSION_DECISIONS, LETTER_CLASSIFICATIONS, LETTER_LIMITS } from '../domain/types';
import { STAGE_ID, STAGE_ID_RULE } from '../stages/stages';
import { IDEMPOTENCY_KEY } from './idempotency';

extendZodWithOpenApi(z);

/** ISO 8601 duration (days/weeks/hours/minutes/seconds; no years or months), checked by src/domain/duration. */
function duration(positive: boolean) {
  return z
    .string()
    .max(40)
    .superRefine((v, ctx) => {
      try {
        if (positive) parsePositiveDuration(v);
        else parseDuration(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: err instanceof DurationError ? err.message : 'not an ISO 8601 duration' });
      }
    })
    .openapi({ type: 'string', format: 'duration', example: 'P3D' });
}

export const OrgIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'an organization id: at least 2 and at most 63 lowercase letters, digits and dashes, not starting with a dash')
  .openapi('OrganizationId', { example: 'pemkab-sumbawa' });

/** Public id of a coordination request (server-made: `rq-` and hex). */
export const RequestIdSchema = z
  .string()
  .regex(/^rq-[0-9a-f]{32}$/, 'a coordination request id such as rq-0123456789abcdef0123456789abcdef')
  .openapi({ example: 'rq-5f2b9c0a6d1e4f3a8b7c6d5e4f3a2b1c' });

/**
 * Text people type, shown to others in mails and pages: within its length limit and without
 * control or bidirectional-override characters (src/domain/text.ts). Every free-text field uses it.
 */
export function freeText(max: number, opts: { multiLine: boolean; trim?: boolean; min?: number }) {
  const base = opts.trim ? z.string().trim() : z.string();
  return (opts.min ? base.min(opts.min) : base).max(max).superRefine((v, ctx) => {
    const problem = freeTextProblem(v, opts);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

const comment = freeText(TEXT_LIMITS.comment, { multiLine: true });
const title = freeText(TEXT_LIMITS.title, { multiLine: false, trim: true, min: 1 });
const description = freeText(TEXT_LIMITS.description, { multiLine: true });

export const StageIdSchema = z.string().regex(STAGE_ID, `a stage id: ${STAGE_ID_RULE}`).openapi('StageId', { example: 'penetapan-dpt' });

export const StageParamsSchema = z.object({ stage: StageIdSchema });

export const ApprovalPolicySchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('ALL') }).strict(),
    z.object({ type: z.literal('ANY') }).strict(),
    z.object({ type: z.literal('QUORUM'), min: z.number().int().min(1) }).strict(),
  ])
  .openapi('ApprovalPolicy', { description: 'ALL (default): every participant approves; ANY: the first approval; QUORUM: `min` approvals.' });

export const DeadlineSpecSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('AT'), at: z.iso.datetime({ offset: true }) }).strict(),
    z.object({ kind: z.literal('DURATION'), duration: duration(true) }).strict(),
    z.object({ kind: z.literal('WORKING_DAYS'), days: z.number().int().min(1).max(365) }).strict(),
    z
      .object({
        kind: z.literal('STAGE'),
        stage: StageIdSchema,
        offsetWorkingDays: z.number().int().min(-365).max(365).openapi({ description: 'Working days from the stage date: -5 = five working days before it.' }),
      })
      .strict(),
  ])
  .openapi('DeadlineSpec', {
    description:
      'AT: an instant; DURATION: ISO 8601 duration from the step activation; WORKING_DAYS: working days in the requester time zone; ' +
      'STAGE: working days from a stage of the election schedule (GET /v1/stages), moved when an admin re-resolves a revised schedule.',
  });

export const ReminderPolicySchema = z
  .object({
    before: z.array(duration(true)).max(10).optional(),
    atDeadline: z.boolean().optional(),
    repeatEvery: duration(true).nullable().optional(),
    escalateAfter: duration(false).nullable().optional(),
  })
  .strict()
  .openapi('ReminderPolicyInput', { description: 'Overrides of the default reminder policy (H-3, H-1, at deadline, daily, escalate after 1 day).' });

export const StepInputSchema = z
  .object({
    name: freeText(TEXT_LIMITS.stepName, { multiLine: false, min: 1 }).optional(),
    participants: z.array(OrgIdSchema).min(1, 'a step needs at least one participant').max(50),
    policy: ApprovalPolicySchema.default({ type: 'ALL' }),
    deadline: DeadlineSpecSchema,
    reminders: ReminderPolicySchema.optional(),
  })
  .strict()
  .openapi('StepInput');

/** The official letter (naskah dinas) a request carries. */
export const LetterSchema = z
  .object({
    number: freeText(LETTER_LIMITS.number, { multiLine: false, trim: true, min: 1 }).openapi({ description: 'Nomor surat', example: '123/PP.01.2-SD/5204/2026' }),
    date: z.iso.date().openapi({ description: 'Tanggal surat (a calendar date)', example: '2026-11-30' }),
    subject: freeText(LETTER_LIMITS.subject, { multiLine: false, trim: true, min: 1 }).openapi({ description: 'Perihal' }),
    classification: z.enum(LETTER_CLASSIFICATIONS).default('BIASA').openapi({ description: 'Sifat: biasa, segera, sangat segera' }),
    srikandiUrl: z
      .url()
      .max(LETTER_LIMITS.url)
      .refine((u) => u.startsWith('https://'), 'an https:// URL')
      .optional()
      .openapi({ description: 'The same letter in the e-office system SRIKANDI (https)' }),
  })
  .strict()
  .openapi('Letter');

/** Ids of attachments uploaded beforehand (POST /v1/attachments) by the caller's organization and not used yet. */
export const AttachmentIdsSchema = z
  .array(z.string().regex(ATTACHMENT_ID, 'an attachment id from POST /v1/attachments, such as att-0123456789abcdef0123456789abcdef'))
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, 'an attachment is listed twice')
  .openapi({ description: 'Attachment ids from POST /v1/attachments (uploaded by your organization, not used by another request).' });

export const CreateRequestBodySchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/, '1-128 characters of letters, digits, ".", "_", ":" and "-"')
      .optional()
      .openapi({ description: 'Client idempotency id (alternative to the Idempotency-Key header). It is hashed, never stored as given.' }),
    title,
    description: description.default(''),
    category: z.enum(CATEGORIES),
    tembusan: z.array(OrgIdSchema).max(50).default([]).openapi({ description: 'Organizations informed (carbon copy); never asked to decide.' }),
    steps: z.array(StepInputSchema).min(1).max(20),
    workingHours: z.boolean().default(true),
    expireAfter: duration(true).nullable().default(null),
    letter: LetterSchema.optional(),
    attachments: AttachmentIdsSchema.optional(),
  })
  .strict()
  .openapi('CreateCoordinationRequest');
export type CreateRequestBody = z.infer<typeof CreateRequestBodySchema>;

const idempotencyKey = (description: string) =>
  z
    .string()
    .min(1)
    .max(IDEMPOTENCY_KEY.maxLength)
    .regex(IDEMPOTENCY_KEY.chars, 'printable ASCII without spaces')
    .optional()
    .openapi({ description });

export const CreateHeadersSchema = z.object({
  'idempotency-key': idempotencyKey('Makes retries safe: same key and body → the same request (200); different body → 409.'),
});

/** Headers of the state-changing actions (responses, revisions, deadline, delegations, cancel). */
export const ActionHeadersSchema = z.object({
  'idempotency-key': idempotencyKey(
    'Makes a retried action safe: the same key and body return the result of the first attempt instead of a 409, even after a ' +
      'timeout or a lost connection. Keys are scoped to the caller organization, the request and the action.',
  ),
});

export const RespondBodySchema = z
  .object({
    decision: z.enum(DECISIONS),
    comment: comment.optional(),
    organization: OrgIdSchema.optional().openapi({ description: "The seat answered for; defaults to the caller's organization (only admins may name another)." }),
    conditions: z
      .array(freeText(CONDITION_LIMITS.length, { multiLine: false, trim: true, min: 1 }))
      .max(CONDITION_LIMITS.count)
      .optional()
      .openapi({ description: 'With APPROVE only: approve with conditions (setuju dengan catatan), short texts the requester still has to meet.' }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (changesNeedComment(body.decision, body.comment)) ctx.addIssue({ code: 'custom', path: ['comment'], message: CHANGES_NEED_COMMENT });
    if (body.conditions?.length && body.decision !== 'APPROVE') ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'conditions go with an approval (APPROVE) only' });
  })
  .openapi('RespondInput');

export const ReviseBodySchema = z
  .object({
    comment: comment.optional(),
    title: title.optional(),
    description: description.optional(),
    reanswer: z.enum(['CHANGE_REQUESTERS', 'ALL']).optional(),
    attachments: AttachmentIdsSchema.optional(),
  })
  .strict()
  .openapi('ReviseInput');

export const ExtendDeadlineBodySchema = z
  .object({ deadline: DeadlineSpecSchema, comment: comment.optional() })
  .strict()
  .openapi('ExtendDeadlineInput');

export const DelegateBodySchema = z
  .object({
    from: OrgIdSchema.optional().openapi({ description: "Seat holder; defaults to the caller's organization." }),
    to: OrgIdSchema,
    comment: comment.optional(),
  })
  .strict()
  .openapi('DelegateInput');

/** Text a person must give (a reason, what was done): not blank. */
const requiredComment = freeText(TEXT_LIMITS.comment, { multiLine: true, trim: true, min: 1 });

export const MarkConditionMetBodySchema = z
  .object({ comment: requiredComment.openapi({ description: 'What was done to meet the condition (told to the organization that set it).' }) })
  .strict()
  .openapi('MarkConditionMetInput');

export const ConditionParamsSchema = z.object({
  id: RequestIdSchema,
  conditionId: z.string().regex(/^c[0-9]{1,4}$/, 'a condition id such as c1').openapi({ example: 'c1' }),
});

export const RequestExtensionBodySchema = z
  .object({
    until: z.iso.datetime({ offset: true }).openapi({ description: 'The date asked for: after the seat’s current deadline.' }),
    reason: requiredComment,
  })
  .strict()
  .openapi('RequestExtensionInput');

export const ExtensionParamsSchema = z.object({
  id: RequestIdSchema,
  extensionId: z.string().regex(/^e[0-9]{1,4}$/, 'an extension request id such as e1').openapi({ example: 'e1' }),
});

export const DecideExtensionBodySchema = z
  .object({
    decision: z.enum(EXTENSION_DECISIONS).openapi({ description: 'GRANT_SEAT: the asking seat alone gets the date; GRANT_STEP: the whole step’s deadline moves; DECLINE: no change.' }),
    reason: comment.optional().openapi({ description: 'Required to decline; told to the asking organization.' }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.decision === 'DECLINE' && !body.reason?.trim()) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'declining needs a reason' });
  })
  .openapi('DecideExtensionInput');

export const CancelBodySchema = z.object({ reason: comment.optional() }).strict().openapi('CancelInput');

export const RequestParamsSchema = z.object({ id: RequestIdSchema });

export const AttachmentParamsSchema = z.object({
  id: RequestIdSchema,
  attachmentId: z.string().regex(ATTACHMENT_ID, 'an attachment id such as att-0123456789abcdef0123456789abcdef'),
});

/** What POST /v1/attachments reads (documentation; the parser reads the parts). */
export const UploadFormSchema = z
  .object({ file: z.array(z.string().openapi({ type: 'string', format: 'binary' })).openapi({ description: 'One part per file, each a PDF, PNG or JPEG' }) })
  .openapi('AttachmentUpload');
