/**
 * Who may see or manage a coordination schedule: seen like the requests it starts are listed (the
 * requester organization, its ancestors, admins); managed (pause, resume, delete) by the requester
 * organization and admins only. Outsiders get 404, so schedule ids do not leak.
 */
import type { Directory } from '../../directory/directory';
import { isRequesterOrAdmin } from '../../domain/requester';
import type { Actor, OrgId } from '../../domain/types';
import { readableOrgs } from '../access';
import { ProblemError } from '../problem';

export function canSeeSchedule(caller: Actor, requester: OrgId, directory: Directory): boolean {
  const scope = readableOrgs(caller, directory);
  return scope === null || scope.includes(requester);
}

export function assertCanSeeSchedule(caller: Actor, requester: OrgId, directory: Directory): void {
  if (!canSeeSchedule(caller, requester, directory)) throw new ProblemError('notFound', 'no such coordination schedule');
}

/** Pause, resume, delete: the requester organization or an admin (of those who may see it). */
export const canManageSchedule = (caller: Actor, requester: OrgId): boolean => isRequesterOrAdmin(caller, requester);

export function assertCanManageSchedule(caller: Actor, requester: OrgId, directory: Directory): void {
  assertCanSeeSchedule(caller, requester, directory);
  if (!canManageSchedule(caller, requester)) throw new ProblemError('forbidden', 'only the requester organization or an admin may change this schedule');
}
