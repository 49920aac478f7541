/**
 * Running an action's workflow Update for a route and sending the new state (read-your-writes).
 * Closed requests are refused early — unless the caller retries with an Idempotency-Key: Temporal
 * remembers the update by an id derived from the key (and the update's name and the body) and
 * answers with the first attempt's outcome. An approved request still waiting for its conditions
 * is running, so the requester can mark them met.
 */
import type { Response } from 'express';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor, CoordinationState } from '../domain/types';
import type { AccessInfo, CoordinationService } from './coordinationService';
import { forReader } from './answerAddresses';
import { actionUpdateIdFor } from './idempotency';
import { ProblemError } from './problem';

export async function act<Arg>(
  service: CoordinationService,
  res: Response,
  caller: Actor,
  access: AccessInfo,
  call: { id: string; key: string | undefined; body: unknown },
  def: UpdateDefinition<CoordinationState, [Arg]>,
  arg: Arg,
): Promise<void> {
  if (!access.running && call.key === undefined) throw new ProblemError('conflict', `request is closed (${access.status ?? 'closed'})`);
  const updateId = call.key === undefined ? undefined : actionUpdateIdFor(caller.org, call.id, def.name, call.key, call.body);
  res.json(forReader(caller, access.requester, await service.update(call.id, def, arg, updateId)));
}
