/**
 * Approval with conditions (setuju dengan catatan): an organization approves and writes down what
 * the requester still has to do. The approval counts at once; each condition stays OPEN until the
 * requester (or an admin) marks it MET with a comment, and the organization that set it is told.
 *
 * Conditions only matter while the request can still come true: an approved request waits for
 * them (its workflow keeps running, status APPROVED, until the last one is met), an open one may
 * have them met early; a request that ended otherwise (rejected, cancelled, expired) owes nothing,
 * so its unmet conditions stop counting as outstanding. Plain types and pure functions only.
 */
import { isOpen } from './openness';
import type { ConditionState, CoordinationState } from './request';

/** At most this many conditions in one approval, each at most this long (one line each). */
export const CONDITION_LIMITS = { count: 10, length: 500 } as const;

/** Statuses in which unmet conditions are still owed. */
const OWING: readonly CoordinationState['status'][] = ['IN_PROGRESS', 'CHANGES_REQUESTED', 'APPROVED'];

/** Conditions still to be met: open ones of a request that is open or approved. */
export function outstandingConditions(state: Pick<CoordinationState, 'status' | 'conditions'>): ConditionState[] {
  if (!OWING.includes(state.status)) return [];
  return (state.conditions ?? []).filter((c) => c.status === 'OPEN');
}

/** The next condition ids for `count` new conditions. */
export function nextConditionIds(state: Pick<CoordinationState, 'conditions'>, count: number): string[] {
  const used = state.conditions?.length ?? 0;
  return Array.from({ length: count }, (_, i) => `c${used + i + 1}`);
}

/**
 * Whether the request can still change: open, or approved and waiting for conditions (its workflow
 * still runs). Readers take such a request from its workflow, not from the record.
 */
export function mayStillChange(state: Pick<CoordinationState, 'status' | 'conditions'>): boolean {
  return isOpen(state) || outstandingConditions(state).length > 0;
}
