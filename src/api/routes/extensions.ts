/**
 * Asking for more time (src/domain/extensions.ts), under /v1/coordination-requests/{id}:
 * - POST …/extension-requests: a seat holder asks for more time for its own seat;
 * - POST …/extension-requests/{extensionId}/decision: the requester (or an admin) grants it for
 *   the seat, for the whole step, or declines it.
 * Who may call is decided here (403); whether it makes sense now is the workflow validator's
 * answer (409, workflows/answerValidators.ts).
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Express } from 'express';
import { decideExtensionUpdate, requestExtensionUpdate } from '../../../workflows/messages';
import { act } from '../act';
import { mayAskForMoreTime, mayDecideOnMoreTime } from '../actionRules';
import { callerOf } from '../auth';
import type { ActionRouteDeps } from './conditions';
import { CoordinationStateSchema } from '../responses';
import { defineRoute } from '../route';
import { ActionHeadersSchema, DecideExtensionBodySchema, ExtensionParamsSchema, RequestExtensionBodySchema, RequestParamsSchema } from '../schemas';

const BASE = '/v1/coordination-requests';
const TAGS = ['coordination-requests'];
const STATE = { description: 'The new state of the request, as returned by the workflow update', schema: CoordinationStateSchema };


export function extensionRoutes(app: Express, registry: OpenAPIRegistry, { directory, service, reads }: ActionRouteDeps): void {
  defineRoute(app, registry, {
    method: 'post',
    path: `${BASE}/{id}/extension-requests`,
    operationId: 'requestCoordinationExtension',
    summary: 'A seat holder asks for more time for its own seat',
    description:
      'With the date asked for (after the seat’s current deadline) and a reason; one ask per seat waits at a time. The requester is told; ' +
      'reminders continue until it decides.',
    tags: TAGS,
    secured: true,
    params: RequestParamsSchema,
    headers: ActionHeadersSchema,
    body: RequestExtensionBodySchema,
    responses: { 200: STATE },
    problems: [404, 409, 503],
    handler: async ({ res, params, body, headers }) => {
      const caller = callerOf(res);
      const access = await reads.access(caller, params.id);
      await act(service, res, caller, access, { id: params.id, key: headers['idempotency-key'], body }, requestExtensionUpdate, () => {
        const organization = mayAskForMoreTime(caller, access, directory);
        return { actor: caller, organization, until: new Date(body.until).toISOString(), reason: body.reason };
      });
    },
  });

  defineRoute(app, registry, {
    method: 'post',
    path: `${BASE}/{id}/extension-requests/{extensionId}/decision`,
    operationId: 'decideCoordinationExtension',
    summary: 'The requester grants an ask for more time (for the seat or the whole step) or declines it',
    description:
      'GRANT_SEAT gives the asking seat the date it asked for: its reminders, overdue flag and escalation follow that date, the other seats’ ' +
      'do not. GRANT_STEP moves the whole step’s deadline, like extending it. DECLINE needs a reason. The asking organization is told.',
    tags: TAGS,
    secured: true,
    params: ExtensionParamsSchema,
    headers: ActionHeadersSchema,
    body: DecideExtensionBodySchema,
    responses: { 200: STATE },
    problems: [404, 409, 503],
    handler: async ({ res, params, body, headers }) => {
      const caller = callerOf(res);
      const access = await reads.access(caller, params.id);
      await act(service, res, caller, access, { id: params.id, key: headers['idempotency-key'], body: { ...body, extensionId: params.extensionId } }, decideExtensionUpdate, () => {
        mayDecideOnMoreTime(caller, access, directory);
        return { actor: caller, extensionId: params.extensionId, decision: body.decision, ...(body.reason ? { reason: body.reason } : {}) };
      });
    },
  });
}
