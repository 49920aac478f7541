/**
 * An API route's action: the one action pipeline (actionPipeline.ts: authorization, idempotency
 * key, early refusal of a closed request, the workflow Update), then the new state as JSON
 * (read-your-writes), with email-link addresses masked for readers who may not see them.
 */
import type { Response } from 'express';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor, CoordinationState } from '../domain/types';
import type { AccessInfo, CoordinationService } from './coordinationService';
import { performAction } from './actionPipeline';
import { forReader } from './answerAddresses';

export async function act<Arg>(
  service: CoordinationService,
  res: Response,
  caller: Actor,
  access: AccessInfo,
  call: { id: string; key: string | undefined; body: unknown },
  def: UpdateDefinition<CoordinationState, [Arg]>,
  authorize: () => Arg | Promise<Arg>,
): Promise<void> {
  const state = await performAction(service, { caller, requestId: call.id, standing: access, key: call.key, keySpace: 'api', body: call.body, def, authorize });
  res.json(forReader(caller, access.requester, state));
}
