/**
 * Who is looking at a request page, and what they may do there now. Whether an organization may
 * read, answer for a seat, revise or delegate is decided by the API's rules (src/api/access.ts),
 * called here with the viewer's actor; this file adds only what is particular to pages: which
 * forms make sense in the request's current state, and what an email link allows.
 */
import { accessFromState, assertCanDelegate, assertCanRespond, assertRequester, canRead } from '../api/access';
import { ProblemError } from '../api/problem';
import type { Directory } from '../directory/directory';
import { activeStep, isOpen, isUndecided } from '../domain/requestState';
import type { Actor, CoordinationState, Decision, OrgId, StepState } from '../domain/types';
import { linkActor, linkAddressCurrent, linkStanding, type EmailLinkSetting, type LinkGrant, type LinkStanding } from '../links/emailLinks';

export type Viewer =
  | { kind: 'user'; actor: Actor; name: string }
  | { kind: 'link'; actor: Actor; grant: LinkGrant; standing: LinkStanding };

export interface AvailableActions {
  /** The seat this viewer answers for, and the decisions open to it. */
  respond?: { seat: OrgId; decisions: Decision[] };
  revise: boolean;
  extend: boolean;
  cancel: boolean;
  /** Seats of the active step this viewer may delegate. */
  delegate: OrgId[];
}

/** Whether an authorization check of the API's passes for this viewer (its refusal is a ProblemError). */
export const allowed = (check: () => unknown): boolean => {
  try {
    check();
    return true;
  } catch (err) {
    if (err instanceof ProblemError) return false;
    throw err;
  }
};

/** The viewer of this request, or null when the session gives no right to read it. */
export function viewerFor(
  state: CoordinationState,
  session: { user?: Actor & { name: string }; link?: LinkGrant },
  directory: Directory,
  /** The operator's current choice wins over what a link was minted with (turned off: links open nothing). */
  setting: EmailLinkSetting = 'on',
): Viewer | null {
  const access = accessFromState(state);
  if (session.user && canRead(session.user, access, directory)) return { kind: 'user', actor: session.user, name: session.user.name };
  const grant = session.link;
  // A link whose address left the directory opens nothing, like a link of another request.
  if (grant && grant.requestId === state.id && setting !== 'off' && linkAddressCurrent(grant, directory)) {
    const actor = linkActor(grant);
    const standing = linkStanding(grant, state);
    if (canRead(actor, access, directory)) return { kind: 'link', actor, grant, standing: setting === 'view-only' && standing === 'answer' ? 'view' : standing };
  }
  return null;
}

export function availableActions(viewer: Viewer, state: CoordinationState, directory: Directory): AvailableActions {
  const none: AvailableActions = { revise: false, extend: false, cancel: false, delegate: [] };
  if (!isOpen(state)) return none;
  const access = accessFromState(state);
  const step = activeStep(state) as StepState | undefined;
  const { actor } = viewer;
  const out = { ...none };

  const mine = step?.status === 'ACTIVE' ? step.participants.find((p) => p.org === actor.org && isUndecided(p)) : undefined;
  const mayAnswer = viewer.kind === 'user' || viewer.standing === 'answer';
  if (mine && mayAnswer && allowed(() => assertCanRespond(actor, access, directory, mine.org))) {
    const decisions: Decision[] = mine.status === 'ACKNOWLEDGED' ? ['APPROVE', 'REJECT', 'REQUEST_CHANGES'] : ['ACKNOWLEDGE', 'APPROVE', 'REJECT', 'REQUEST_CHANGES'];
    out.respond = { seat: mine.org, decisions };
  }
  // Requester actions and delegation belong to signed-in staff, not to email links.
  if (viewer.kind !== 'user') return out;
  const requester = allowed(() => assertRequester(actor, access, directory, 'act'));
  out.revise = requester && state.status === 'CHANGES_REQUESTED';
  out.extend = requester && state.status === 'IN_PROGRESS';
  out.cancel = requester;
  if (step?.status === 'ACTIVE') {
    out.delegate = step.participants
      .filter(isUndecided)
      .map((p) => p.org)
      .filter((org) => allowed(() => assertCanDelegate(actor, access, directory, org)));
  }
  return out;
}
