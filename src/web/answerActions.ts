/**
 * Which condition and more-time forms a viewer gets on a request page now. Who may is the API's
 * rule (src/api/access.ts); what makes sense now is the domain's (src/domain/conditions.ts,
 * src/domain/extensions.ts): the page offers nothing the workflow would refuse.
 */
import { accessFromState, assertRequester, assertSeatHolder } from '../api/access';
import type { Directory } from '../directory/directory';
import { outstandingConditions } from '../domain/conditions';
import { pendingExtension } from '../domain/extensions';
import { activeStep, isUndecided } from '../domain/requestState';
import type { CoordinationState, OrgId } from '../domain/types';
import { allowed, type Viewer } from './viewer';

export interface AnswerActions {
  /** Conditions this viewer may mark met. */
  markMet: string[];
  /** The seat this viewer may ask more time for. */
  ask?: OrgId;
  /** Asks for more time this viewer may decide. */
  decide: string[];
}

export function answerActions(viewer: Viewer, state: CoordinationState, directory: Directory): AnswerActions {
  const out: AnswerActions = { markMet: [], decide: [] };
  // Conditions and asks for more time are staff work, not an email link's.
  if (viewer.kind !== 'user') return out;
  const access = accessFromState(state);
  const requester = allowed(() => assertRequester(viewer.actor, access, directory, 'act'));
  if (requester) {
    out.markMet = outstandingConditions(state).map((c) => c.id);
    out.decide = (state.extensions ?? []).filter((e) => e.status === 'PENDING').map((e) => e.id);
  }
  if (state.status === 'IN_PROGRESS' && allowed(() => assertSeatHolder(viewer.actor, access, directory, 'ask'))) {
    const step = activeStep(state);
    const seat = step.participants.find((p) => p.org === viewer.actor.org);
    if (step.status === 'ACTIVE' && seat && isUndecided(seat) && !pendingExtension(state, step.index, seat.org)) out.ask = seat.org;
  }
  return out;
}
