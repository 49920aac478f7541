/** Who an actor is, as far as the rules care: the one home of "is this caller an admin". */
import type { Actor } from './request';

export const isAdmin = (actor: Pick<Actor, 'roles'>): boolean => actor.roles.includes('admin');
