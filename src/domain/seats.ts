/**
 * Who may sit where: the rules on participants' seats, shared by the API (answered as 400/403
 * before anything runs) and the workflow's delegate validator (answered as 409), so the two can
 * never disagree.
 *
 * - The requester organization never holds a seat of its own request: it would approve itself.
 * - A seat is moved by its holder, by the requester on the holder's behalf, or by an admin.
 * - No seat ever moves to the requester organization.
 * - When the requester moves someone else's seat, the new holder may not be an organization under
 *   the requester in the hierarchy (a subordinate would answer as the requester is told), and a
 *   reason is required; the original holder and its parent are told (see `movedOnBehalf`).
 * - A holder moving its own seat keeps its freedom: a province may pass its seat to one of its
 *   regencies even when the national secretariat asked.
 * - An organization answers only for its own seat; an admin may answer for any.
 */
import { isAdmin } from './actor';
import type { OrgId } from './organizations';
import type { Actor } from './request';
import { isRequesterOrAdmin } from './requester';

export interface SeatRefusal {
  /** forbidden: this caller may not do it at all (403); invalid: not with this input (400/409). */
  kind: 'forbidden' | 'invalid';
  field: 'from' | 'to' | 'comment';
  reason: string;
}

export interface DelegationFacts {
  actor: Actor;
  requester: OrgId;
  from: OrgId;
  to: OrgId;
  comment?: string;
  /** Ancestors of `to`, nearest first, as far as known (the workflow may not know all yet). */
  ancestorsOfTo: readonly OrgId[];
}

/** The requester moves a seat that is not its own (an admin of another organization does not count). */
export const movedByRequester = (f: Pick<DelegationFacts, 'actor' | 'requester' | 'from'>): boolean =>
  f.actor.org === f.requester && f.actor.org !== f.from;

/** Someone other than the holder moved the seat: the holder and its parent are told. */
export const movedOnBehalf = (f: Pick<DelegationFacts, 'actor' | 'from'>): boolean => f.actor.org !== f.from;

/** Who may move a seat at all: its holder, or the requester or an admin. */
export const mayMoveSeat = (actor: Actor, requester: OrgId, seat: OrgId): boolean => actor.org === seat || isRequesterOrAdmin(actor, requester);

/** Whether this actor may give the answer of `seat`: its own seat, or any as an admin. */
export const answersForOwnSeat = (actor: Pick<Actor, 'org' | 'roles'>, seat: OrgId): boolean => isAdmin(actor) || seat === actor.org;

export function delegationRefusal(f: DelegationFacts): SeatRefusal | null {
  if (!mayMoveSeat(f.actor, f.requester, f.from)) {
    return { kind: 'forbidden', field: 'from', reason: `only ${f.from} itself, the requester or an admin may delegate this seat` };
  }
  if (f.from === f.to) return { kind: 'invalid', field: 'to', reason: 'a seat cannot be delegated to its own holder' };
  if (f.to === f.requester) {
    return { kind: 'invalid', field: 'to', reason: `a seat never moves to the requester organization ${f.requester}` };
  }
  if (movedByRequester(f)) {
    if (!f.comment?.trim()) {
      return { kind: 'invalid', field: 'comment', reason: "moving another organization's seat needs a reason (comment)" };
    }
    if (f.ancestorsOfTo.includes(f.requester)) {
      return { kind: 'invalid', field: 'to', reason: `${f.to} is under the requester ${f.requester} in the hierarchy: the requester may not move a seat to it` };
    }
  }
  return null;
}

/** The participant lists of a new request, checked against its requester. */
export function requesterSeatRefusal(requester: OrgId, participants: readonly OrgId[]): string | null {
  return participants.includes(requester) ? `the requester organization ${requester} cannot be a participant of its own request` : null;
}
