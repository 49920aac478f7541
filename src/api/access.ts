/**
 * Who may do what to a coordination request (docs/ARCHITECTURE.md#http-contract-and-identity).
 *
 * - Read: admins; any organization involved (requester, tembusan, seat holders past and present);
 *   any ancestor of an involved organization in the directory (supervisors).
 * - Everyone else gets 404, not 403, so request ids do not leak to outsiders.
 * - Among readers, actions reserved to others get 403: only the requester's organization revises,
 *   extends or cancels; a participant answers only for its own seat; a seat is delegated by its
 *   holder or by the requester on its behalf. Admins may do all.
 * - Whether an allowed caller's action makes sense *now* (already decided, wrong step, closed)
 *   is the workflow validator's call, answered as 409.
 */
import type { Directory } from '../directory/directory';
import { isAdmin } from '../domain/actor';
import { involvedOrgs, participantOrgs } from '../domain/requestState';
import { isRequesterOrAdmin } from '../domain/requester';
import { answersForOwnSeat, delegationRefusal, mayMoveSeat } from '../domain/seats';
import type { Actor, CoordinationState, OrgId } from '../domain/types';
import { ProblemError, validationProblem } from './problem';

/** What authorization needs to know of a request (from its search attributes). */
export interface RequestAccess {
  requester: OrgId;
  involved: OrgId[];
  /** Current seat holders of all steps. */
  participants: OrgId[];
}

/** The same facts from a state already read (pages that show the state they authorized). */
export const accessFromState = (state: CoordinationState): RequestAccess => ({
  requester: state.requester,
  involved: involvedOrgs(state),
  participants: participantOrgs(state),
});

const hidden = (): ProblemError => new ProblemError('notFound', 'no such coordination request');

export function canRead(caller: Actor, access: RequestAccess, directory: Directory): boolean {
  if (isAdmin(caller)) return true;
  if (access.involved.includes(caller.org)) return true;
  return access.involved.some((org) => directory.has(org) && directory.isAncestor(caller.org, org));
}

export function assertCanRead(caller: Actor, access: RequestAccess, directory: Directory): void {
  if (!canRead(caller, access, directory)) throw hidden();
}

export function assertRequester(caller: Actor, access: RequestAccess, directory: Directory, what: string): void {
  assertCanRead(caller, access, directory);
  if (!isRequesterOrAdmin(caller, access.requester)) {
    throw new ProblemError('forbidden', `only the requester organization may ${what}`);
  }
}

/** The seat a response is for: the caller's own unless an admin names another. */
export function assertCanRespond(caller: Actor, access: RequestAccess, directory: Directory, seat: OrgId | undefined): OrgId {
  assertCanRead(caller, access, directory);
  const organization = seat ?? caller.org;
  if (!answersForOwnSeat(caller, organization)) throw new ProblemError('forbidden', `organization ${caller.org} may answer only for its own seat`);
  // An admin may answer for a seat it does not hold; anyone else must hold the seat it answers for.
  if (!isAdmin(caller) && !access.participants.includes(caller.org)) throw new ProblemError('forbidden', `organization ${caller.org} holds no seat in this request`);
  return organization;
}

/**
 * Only a seat holder asks for more time, and only for its own seat: an admin or the requester
 * cannot ask on a participant's behalf (the ask is the participant's own word).
 */
export function assertSeatHolder(caller: Actor, access: RequestAccess, directory: Directory, what: string): OrgId {
  assertCanRead(caller, access, directory);
  if (!access.participants.includes(caller.org)) throw new ProblemError('forbidden', `only a seat holder may ${what}, for its own seat`);
  return caller.org;
}

/** Whose seat the caller may move: its own (the default), or any as the requester or an admin. */
export function assertCanDelegate(caller: Actor, access: RequestAccess, directory: Directory, from: OrgId | undefined): OrgId {
  assertCanRead(caller, access, directory);
  const seat = from ?? caller.org;
  if (mayMoveSeat(caller, access.requester, seat)) return seat;
  throw new ProblemError('forbidden', `only ${seat} itself, the requester organization or an admin may delegate this seat`);
}

/**
 * A whole seat move checked against the seat rules (src/domain/seats.ts): who may move the seat
 * and where it may go. Returns the seat moved (the caller's own by default).
 */
export function assertDelegationAllowed(caller: Actor, access: RequestAccess, directory: Directory, body: { from?: OrgId; to: OrgId; comment?: string }): OrgId {
  const from = assertCanDelegate(caller, access, directory, body.from);
  if (!directory.has(body.to)) throw validationProblem([{ in: 'body', field: 'to', message: `unknown organization "${body.to}"` }]);
  const refusal = delegationRefusal({ actor: caller, requester: access.requester, from, to: body.to, comment: body.comment, ancestorsOfTo: directory.ancestors(body.to) });
  if (refusal?.kind === 'forbidden') throw new ProblemError('forbidden', refusal.reason);
  if (refusal) throw validationProblem([{ in: 'body', field: refusal.field, message: refusal.reason }]);
  return from;
}

/** Organizations whose requests the caller may list: its own and all its descendants; null = all. */
export function readableOrgs(caller: Actor, directory: Directory): OrgId[] | null {
  if (isAdmin(caller)) return null;
  const out: OrgId[] = [];
  const queue: OrgId[] = [caller.org];
  while (queue.length) {
    const org = queue.shift()!;
    if (out.includes(org)) continue;
    out.push(org);
    queue.push(...directory.children(org).map((c) => c.id));
  }
  return out;
}
