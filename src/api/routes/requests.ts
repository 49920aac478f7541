/**
 * /v1/coordination-requests: create (idempotent), read, timeline, list, and the state-changing
 * actions. Each action: authorize from the request's search attributes (404 for outsiders, 403
 * for readers without the right), then run the workflow Update and return its result, the new
 * state (read-your-writes). Whether the action makes sense now is the workflow validator's
 * answer (409 with its reason).
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Express, Response } from 'express';
import type { UpdateDefinition } from '@temporalio/common';
import { cancelUpdate, delegateUpdate, extendDeadlineUpdate, respondUpdate, reviseUpdate } from '../../../workflows/messages';
import type { Directory } from '../../directory/directory';
import type { Actor, CoordinationState } from '../../domain/types';
import { act as runAction } from '../act';
import { readableOrgs } from '../access';
import { mayCancel, mayDelegate, mayExtendDeadline, mayRespond, mayRevise } from '../actionRules';
import { callerOf } from '../auth';
import type { AccessInfo, CoordinationService } from '../coordinationService';
import { deadlineErrors, toWorkflowInput, type KnownStages } from '../createInput';
import type { Floors } from '../floors';
import { bodyHash, requestIdFor } from '../idempotency';
import { validationProblem } from '../problem';
import type { RecordQueries } from '../recordQueries';
import type { RequestReads } from '../requestReads';
import { CoordinationStateSchema, RequestPageSchema, TimelineSchema } from '../responses';
import { defineRoute } from '../route';
import { deferredClaim, withAttachments } from '../attachmentClaims';
import type { AttachmentStore } from '../../attachments/store';
import type { UploadLimits } from '../../attachments/upload';
import {
  ActionHeadersSchema,
  CancelBodySchema,
  CreateHeadersSchema,
  CreateRequestBodySchema,
  DelegateBodySchema,
  ExtendDeadlineBodySchema,
  RequestParamsSchema,
  RespondBodySchema,
  ReviseBodySchema,
} from '../schemas';
import { ListQuerySchema, TimelineQuerySchema } from '../querySchemas';

const BASE = '/v1/coordination-requests';
const TAGS = ['coordination-requests'];
const STATE = { description: 'The new state of the request, as returned by the workflow update', schema: CoordinationStateSchema };

export interface RequestRouteDeps {
  directory: Directory;
  service: CoordinationService;
  reads: RequestReads;
  queries: RecordQueries;
  /** The election schedule, for `STAGE` deadlines (an unknown stage is a 400). */
  stages: KnownStages;
  /** Uploaded attachments a create or revision names (claimed before the workflow hears of them). */
  attachments: AttachmentStore;
  attachmentLimits: UploadLimits;
  /** Frequency floors from the settings: reminders closer together are a 400. */
  floors: Floors;
  now: () => number;
}

/** Served from the record instead of the workflow (closed, gone from Temporal, or not answering). */
const AGE = {
  Age: { description: 'Present when the body comes from the records store: seconds since the record was written.', schema: { type: 'integer' as const } },
};

export function requestRoutes(app: Express, registry: OpenAPIRegistry, deps: RequestRouteDeps): void {
  const { directory, service, reads, queries, stages, floors, now } = deps;
  /**
   * May the caller see this request? Decided before anything is done on its behalf, from the
   * request's search attributes (describe), or from its record once Temporal dropped the request.
   */
  const authorizeRead = (caller: Actor, id: string): Promise<AccessInfo> => reads.access(caller, id);
  const act = <Arg>(res: Response, caller: Actor, access: AccessInfo, call: { id: string; key: string | undefined; body: unknown }, def: UpdateDefinition<CoordinationState, [Arg]>, authorize: () => Arg | Promise<Arg>) =>
    runAction(service, res, caller, access, call, def, authorize);

  defineRoute(app, registry, {
    method: 'post',
    path: BASE,
    operationId: 'createCoordinationRequest',
    summary: 'Start a coordination request',
    description:
      "The requester is the caller's organization (from the token). With an Idempotency-Key header or a body `id`, a retry with the same body " +
      'returns the same request (200) and a different body is refused (409); concurrent retries never create two requests. ' +
      '`attachments` names files uploaded first (POST /v1/attachments) by your organization and not used by another request (else 422).',
    tags: TAGS,
    secured: true,
    headers: CreateHeadersSchema,
    body: CreateRequestBodySchema,
    responses: {
      201: { ...STATE, description: 'Created', headers: { Location: { description: 'URL of the new request', schema: { type: 'string' } } } },
      200: { ...STATE, description: 'Already created by an earlier attempt with the same idempotency key and body' },
    },
    problems: [409, 422, 503],
    handler: async ({ res, body, headers }) => {
      const caller = callerOf(res);
      const { id: clientId, ...request } = body;
      const headerKey = headers['idempotency-key'];
      if (headerKey !== undefined && clientId !== undefined && headerKey !== clientId) {
        throw validationProblem([{ in: 'body', field: 'id', message: 'differs from the Idempotency-Key header; send one or the same value in both' }]);
      }
      const id = requestIdFor(caller.org, headerKey ?? clientId);
      const input = toWorkflowInput(id, request, caller, directory, now(), floors, stages);
      const claim = { requestId: id, org: caller.org, ids: request.attachments, max: deps.attachmentLimits.maxCount };
      const outcome = await withAttachments(deps.attachments, claim, (refs) =>
        service.create(refs.length ? { ...input, attachments: refs } : input, bodyHash(request)),
      );
      res.status(outcome.created ? 201 : 200).location(`${BASE}/${id}`).json(outcome.state);
    },
  });

  defineRoute(app, registry, {
    method: 'get',
    path: BASE,
    operationId: 'listCoordinationRequests',
    summary: 'List coordination requests the caller may see',
    description:
      'Served from the records store: own organization and its descendants (admins: all). Filters combine with AND. The store follows the ' +
      'workflows in the background: a change shows up after a short delay. Keyset pagination: pass `nextPageToken` back as `pageToken` ' +
      '(same filters and sort); pages never skip or repeat a request that did not change meanwhile.',
    tags: TAGS,
    secured: true,
    query: ListQuerySchema,
    responses: { 200: { description: 'One page of summaries', schema: RequestPageSchema } },
    problems: [503],
    handler: async ({ res, query }) => {
      const { pageSize, pageToken, sort, ...filters } = query;
      res.json(await queries.list(filters, readableOrgs(callerOf(res), directory), sort, pageSize, pageToken));
    },
  });

  defineRoute(app, registry, {
    method: 'get',
    path: `${BASE}/{id}`,
    operationId: 'getCoordinationRequest',
    summary: 'Full state: status, steps, participants, progress, deadlines, overdue flags',
    tags: TAGS,
    secured: true,
    params: RequestParamsSchema,
    description:
      'An open request is read from its workflow (fresh, including your own last action). A closed one, one Temporal no longer holds, ' +
      'or one whose workflow does not answer within a second is read from the records store, with an `Age` header.',
    responses: { 200: { description: 'Current state', schema: CoordinationStateSchema, headers: AGE } },
    problems: [404, 503],
    handler: async ({ res, params }) => {
      res.json(await reads.state(res, callerOf(res), params.id));
    },
  });

  defineRoute(app, registry, {
    method: 'get',
    path: `${BASE}/{id}/timeline`,
    operationId: 'getCoordinationTimeline',
    summary: 'The audit trail',
    tags: TAGS,
    secured: true,
    params: RequestParamsSchema,
    query: TimelineQuerySchema,
    description: 'Read like the request itself: from the workflow while it is open and answers, else from the records store (with `Age`).',
    responses: { 200: { description: 'Timeline events, oldest first', schema: TimelineSchema, headers: AGE } },
    problems: [404, 503],
    handler: async ({ res, params, query }) => {
      res.json({ id: params.id, events: await reads.timeline(res, callerOf(res), params.id, query.afterSeq) });
    },
  });

  defineRoute(app, registry, {
    method: 'post',
    path: `${BASE}/{id}/responses`,
    operationId: 'respondToCoordinationRequest',
    summary: "A participant's response for its own seat",
    tags: TAGS,
    secured: true,
    params: RequestParamsSchema,
    headers: ActionHeadersSchema,
    body: RespondBodySchema,
    responses: { 200: STATE },
    problems: [404, 409, 503],
    handler: async ({ res, params, body, headers }) => {
      const caller = callerOf(res);
      const access = await authorizeRead(caller, params.id);
      await act(res, caller, access, { id: params.id, key: headers['idempotency-key'], body }, respondUpdate, () => {
        const organization = mayRespond(caller, access, directory, body);
        return { actor: caller, organization, decision: body.decision, comment: body.comment, conditions: body.conditions };
      });
    },
  });

  defineRoute(app, registry, {
    method: 'post',
    path: `${BASE}/{id}/revisions`,
    operationId: 'reviseCoordinationRequest',
    summary: 'The requester submits a revision after changes were requested',
    description: '`attachments` adds files uploaded first (POST /v1/attachments), within the per-request limit (else 422).',
    tags: TAGS,
    secured: true,
    params: RequestParamsSchema,
    headers: ActionHeadersSchema,
    body: ReviseBodySchema,
    responses: { 200: STATE },
    problems: [404, 409, 422, 503],
    handler: async ({ res, params, body, headers }) => {
      const caller = callerOf(res);
      const access = await authorizeRead(caller, params.id);
      const { attachments: ids, ...changes } = body;
      const attachments = deferredClaim(deps.attachments, { requestId: params.id, org: caller.org, ids, max: deps.attachmentLimits.maxCount });
      // Authorized before the attachments are claimed: a caller who may not revise claims nothing.
      await attachments.guard(() =>
        act(res, caller, access, { id: params.id, key: headers['idempotency-key'], body }, reviseUpdate, async () => {
          mayRevise(caller, access, directory);
          const refs = await attachments.claim();
          return { actor: caller, ...changes, ...(refs.length ? { attachments: refs } : {}) };
        }),
      );
    },
  });

  defineRoute(app, registry, {
    method: 'post',
    path: `${BASE}/{id}/deadline`,
    operationId: 'extendCoordinationDeadline',
    summary: "The requester extends the current step's deadline",
    tags: TAGS,
    secured: true,
    params: RequestParamsSchema,
    headers: ActionHeadersSchema,
    body: ExtendDeadlineBodySchema,
    responses: { 200: STATE },
    problems: [404, 409, 503],
    handler: async ({ res, params, body, headers }) => {
      const caller = callerOf(res);
      const access = await authorizeRead(caller, params.id);
      await act(res, caller, access, { id: params.id, key: headers['idempotency-key'], body }, extendDeadlineUpdate, () => {
        mayExtendDeadline(caller, access, directory);
        const errors = deadlineErrors(body.deadline, 'deadline', now(), stages);
        if (errors.length) throw validationProblem(errors);
        return { actor: caller, ...body };
      });
    },
  });

  defineRoute(app, registry, {
    method: 'post',
    path: `${BASE}/{id}/delegations`,
    operationId: 'delegateCoordinationSeat',
    summary: "Move a participant's seat to another organization",
    description:
      'Allowed for the seat holder itself, the requester organization on its behalf, and admins. A seat never moves to the requester ' +
      'organization; when the requester moves another organization\'s seat it must give a reason (`comment`), the new holder may not be ' +
      'under the requester in the hierarchy, and the original holder and its parent are told. History keeps who delegated.',
    tags: TAGS,
    secured: true,
    params: RequestParamsSchema,
    headers: ActionHeadersSchema,
    body: DelegateBodySchema,
    responses: { 200: STATE },
    problems: [404, 409, 503],
    handler: async ({ res, params, body, headers }) => {
      const caller = callerOf(res);
      const access = await authorizeRead(caller, params.id);
      await act(res, caller, access, { id: params.id, key: headers['idempotency-key'], body }, delegateUpdate, () => {
        const from = mayDelegate(caller, access, directory, body);
        return { actor: caller, from, to: body.to, comment: body.comment };
      });
    },
  });

  defineRoute(app, registry, {
    method: 'post',
    path: `${BASE}/{id}/cancel`,
    operationId: 'cancelCoordinationRequest',
    summary: 'The requester cancels the request',
    tags: TAGS,
    secured: true,
    params: RequestParamsSchema,
    headers: ActionHeadersSchema,
    body: CancelBodySchema,
    bodyOptional: true,
    responses: { 200: STATE },
    problems: [404, 409, 503],
    handler: async ({ res, params, body, headers }) => {
      const caller = callerOf(res);
      const access = await authorizeRead(caller, params.id);
      await act(res, caller, access, { id: params.id, key: headers['idempotency-key'], body }, cancelUpdate, () => {
        mayCancel(caller, access, directory);
        return { actor: caller, reason: body.reason };
      });
    },
  });
}
