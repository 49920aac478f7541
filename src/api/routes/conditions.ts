/**
 * POST /v1/coordination-requests/{id}/conditions/{conditionId}/met: the requester (or an admin)
 * says a condition of an approval is met (src/domain/conditions.ts). Who may call is decided here
 * (403); whether it makes sense now is the workflow validator's answer (409,
 * workflows/answerValidators.ts).
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Express } from 'express';
import { markConditionMetUpdate } from '../../../workflows/messages';
import type { Directory } from '../../directory/directory';
import { act } from '../act';
import { mayMarkConditionMet } from '../actionRules';
import { callerOf } from '../auth';
import type { CoordinationService } from '../coordinationService';
import type { RequestReads } from '../requestReads';
import { CoordinationStateSchema } from '../responses';
import { defineRoute } from '../route';
import { ActionHeadersSchema, ConditionParamsSchema, MarkConditionMetBodySchema } from '../schemas';

const BASE = '/v1/coordination-requests';
const TAGS = ['coordination-requests'];
const STATE = { description: 'The new state of the request, as returned by the workflow update', schema: CoordinationStateSchema };

export interface ActionRouteDeps {
  directory: Directory;
  service: CoordinationService;
  reads: RequestReads;
}

export function conditionRoutes(app: Express, registry: OpenAPIRegistry, { directory, service, reads }: ActionRouteDeps): void {
  defineRoute(app, registry, {
    method: 'post',
    path: `${BASE}/{id}/conditions/{conditionId}/met`,
    operationId: 'markCoordinationConditionMet',
    summary: 'The requester marks a condition of an approval met',
    description:
      'With a comment saying what was done; the organization that set the condition is told. An approved request waits (status APPROVED) ' +
      'until its last condition is met; conditions of a request that ended otherwise are no longer owed (409).',
    tags: TAGS,
    secured: true,
    params: ConditionParamsSchema,
    headers: ActionHeadersSchema,
    body: MarkConditionMetBodySchema,
    responses: { 200: STATE },
    problems: [404, 409, 503],
    handler: async ({ res, params, body, headers }) => {
      const caller = callerOf(res);
      const access = await reads.access(caller, params.id);
      await act(service, res, caller, access, { id: params.id, key: headers['idempotency-key'], body: { ...body, conditionId: params.conditionId } }, markConditionMetUpdate, () => {
        mayMarkConditionMet(caller, access, directory);
        return { actor: caller, conditionId: params.conditionId, comment: body.comment };
      });
    },
  });
}
