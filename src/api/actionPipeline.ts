/**
 * The one way an action on a request reaches its workflow, for the API's routes (act.ts) and the
 * pages' forms (src/web/routes/requestPage.ts) alike, so a rule added here holds for both:
 *
 * 1. authorization: the action's own check (src/api/access.ts, 404/403), which also builds the
 *    update's argument;
 * 2. the idempotency key: one update id per caller organization, request, action, key and body
 *    (idempotency.ts), so a retry or a double submit is one action;
 * 3. the early refusal of a closed request (409), before anything is sent to the workflow — a
 *    retry with the key of an action that already ran gets that action's first outcome instead
 *    (Temporal remembers it by the update id), which is how a retried cancel still answers with the
 *    cancelled request;
 * 4. the workflow Update itself, whose validator judges whether the action makes sense now (409).
 *
 * An approved request still waiting for its conditions is running, so the requester can mark them met.
 */
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor, CoordinationState, RequestStatus } from '../domain/types';
import type { CoordinationService } from './coordinationService';
import { actionUpdateIdFor } from './idempotency';
import { ProblemError } from './problem';

/** Where the key came from: the pages' form keys live apart from API keys (a form never replays an API call). */
export type KeySpace = 'api' | 'web';

export interface ActionCall<Arg> {
  caller: Actor;
  requestId: string;
  /** Whether the request's workflow still runs, and its status, as read when the caller was let in. */
  standing: { running: boolean; status: RequestStatus | null };
  /** The caller's idempotency key (already of the key's pattern), if any. */
  key: string | undefined;
  keySpace: KeySpace;
  /** The validated body: the same key with another body is another action. */
  body: unknown;
  def: UpdateDefinition<CoordinationState, [Arg]>;
  /** Step 1: throws the refusal (a ProblemError) or returns the update's argument. */
  authorize: () => Arg | Promise<Arg>;
}

export async function performAction<Arg>(service: CoordinationService, call: ActionCall<Arg>): Promise<CoordinationState> {
  const arg = await call.authorize();
  const scopedKey = call.key === undefined ? undefined : call.keySpace === 'web' ? `web:${call.key}` : call.key;
  const updateId = scopedKey === undefined ? undefined : actionUpdateIdFor(call.caller.org, call.requestId, call.def.name, scopedKey, call.body);
  if (!call.standing.running) {
    const earlier = updateId === undefined ? undefined : await service.earlierOutcome(call.requestId, updateId);
    if (earlier !== undefined) return earlier;
    throw new ProblemError('conflict', `request is closed (${call.standing.status ?? 'closed'})`);
  }
  return service.update(call.requestId, call.def, arg, updateId);
}
