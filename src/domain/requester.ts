/**
 * What the requester organization may do with its own request — revise, extend, cancel, decide on
 * asks for more time, mark conditions met, manage its schedules, see who answered through email
 * links — and an admin may do in its stead: the one home of "the requester or an admin", as
 * seats.ts is of who may sit where. The API answers a refusal with 403; the workflow's validators
 * may ask the same question and answer 409.
 */
import { isAdmin } from './actor';
import type { OrgId } from './organizations';
import type { Actor } from './request';

export const isRequesterOrAdmin = (actor: Pick<Actor, 'org' | 'roles'>, requester: OrgId): boolean => isAdmin(actor) || actor.org === requester;
