/**
 * What the coordination workflow accepts now for conditions and asks for more time, as pure
 * functions `(state, input, context) → reason | null` like validators.ts (table tests:
 * tests/unit/answerValidators.test.ts). The API checks who may call (403) before; these decide
 * whether the action makes sense in the request's current state (409).
 */
import { isRequesterOrAdmin } from '../src/domain/requester';
import { CONDITION_LIMITS, outstandingConditions } from '../src/domain/conditions';
import { ownDeadlineMs, pendingExtension, seatDeadlineMs } from '../src/domain/extensions';
import { parseDuration } from '../src/domain/duration';
import { activeStep, isUndecided } from '../src/domain/requestState';
import { TEXT_LIMITS, textProblem } from '../src/domain/text';
import type { Actor, CoordinationState, DecideExtensionInput, Decision, MarkConditionMetInput, RequestExtensionInput } from '../src/domain/types';
import type { Refusal, ValidationContext } from './validation';

const requesterOnly = (state: CoordinationState, actor: Actor, what: string): Refusal =>
  isRequesterOrAdmin(actor, state.requester) ? null : `only the requester organization ${state.requester} may ${what}`;

/** Conditions go with an approval only, within their count and length. */
export function conditionsRefusal(decision: Decision, conditions: string[] | undefined): Refusal {
  if (conditions === undefined || conditions.length === 0) return null;
  if (decision !== 'APPROVE') return 'conditions go with an approval (APPROVE) only';
  if (conditions.length > CONDITION_LIMITS.count) return `at most ${CONDITION_LIMITS.count} conditions`;
  for (const text of conditions) {
    if (text.trim() === '') return 'a condition may not be empty';
    const bad = textProblem(text, 'condition', CONDITION_LIMITS.length, false);
    if (bad) return bad;
  }
  return null;
}

export function markConditionMetRefusal(state: CoordinationState, { actor, conditionId, comment }: MarkConditionMetInput, ctx: ValidationContext): Refusal {
  if (!ctx.ready) return 'the request is still being set up; retry in a moment';
  const who = requesterOnly(state, actor, 'mark a condition met');
  if (who) return who;
  const condition = state.conditions?.find((c) => c.id === conditionId);
  if (!condition) return `the request has no condition ${conditionId}`;
  if (condition.status === 'MET') return `condition ${conditionId} is already met`;
  if (!outstandingConditions(state).some((c) => c.id === conditionId)) return `request is closed (${state.status}): its conditions are no longer owed`;
  if (comment.trim() === '') return 'marking a condition met needs a comment (what was done)';
  return textProblem(comment, 'comment', TEXT_LIMITS.comment);
}

export function requestExtensionRefusal(state: CoordinationState, { actor, organization, until, reason }: RequestExtensionInput, ctx: ValidationContext): Refusal {
  if (!ctx.ready) return 'the request is still being set up; retry in a moment';
  if (state.status !== 'IN_PROGRESS') return state.status === 'CHANGES_REQUESTED' ? 'request is waiting for a revision by the requester' : `request is closed (${state.status})`;
  if (organization !== actor.org) return `organization ${actor.org} may ask for more time only for its own seat`;
  const step = activeStep(state);
  const seat = step.participants.find((p) => p.org === organization);
  if (!seat) return `${organization} holds no seat in the active step ${step.index + 1}`;
  if (!isUndecided(seat)) return `${organization} has already decided (${seat.status})`;
  if (pendingExtension(state, step.index, organization)) return `${organization} already has an ask for more time waiting for a decision`;
  const ms = Date.parse(until);
  if (Number.isNaN(ms)) return 'until is not a valid instant';
  if (ms <= ctx.nowMs) return 'the proposed date is in the past';
  const current = seatDeadlineMs(step, seat);
  if (current !== null && ms <= current) return `the proposed date must be after the current deadline (${new Date(current).toISOString()})`;
  if (reason.trim() === '') return 'an ask for more time needs a reason';
  return textProblem(reason, 'reason', TEXT_LIMITS.comment);
}

export function decideExtensionRefusal(state: CoordinationState, { actor, extensionId, decision, reason }: DecideExtensionInput, ctx: ValidationContext): Refusal {
  if (!ctx.ready) return 'the request is still being set up; retry in a moment';
  const who = requesterOnly(state, actor, 'decide on an ask for more time');
  if (who) return who;
  const ask = state.extensions?.find((e) => e.id === extensionId);
  if (!ask) return `the request has no ask for more time ${extensionId}`;
  if (ask.status === 'LAPSED') return `ask ${extensionId} lapsed: ${ask.org} no longer waits for it`;
  if (ask.status !== 'PENDING') return `ask ${extensionId} was already decided (${ask.status})`;
  if (decision === 'DECLINE' && !reason?.trim()) return 'declining an ask for more time needs a reason';
  const bad = textProblem(reason, 'reason', TEXT_LIMITS.comment);
  if (bad) return bad;
  if (decision === 'DECLINE') return null;
  if (state.status !== 'IN_PROGRESS') return state.status === 'CHANGES_REQUESTED' ? 'request is waiting for a revision: decline, or decide after it' : `request is closed (${state.status})`;
  const step = activeStep(state);
  const seat = step.participants.find((p) => p.org === ask.org);
  if (step.index !== ask.step || !seat || !isUndecided(seat)) return `${ask.org} no longer waits in this step: the ask can only be declined`;
  const until = Date.parse(ask.until);
  if (until <= ctx.nowMs) return 'the proposed date has passed: decline it, or extend the deadline directly';
  if (decision === 'GRANT_STEP') return step.deadline && until <= Date.parse(step.deadline) ? `the proposed date is not after the step's deadline (${step.deadline})` : null;
  const current = ownDeadlineMs(step, seat);
  if (current !== null && until <= current) return `the seat's deadline is already ${new Date(current).toISOString()}`;
  if (step.deadline && until <= Date.parse(step.deadline)) return `the proposed date is not after the step's deadline (${step.deadline}); nothing to grant`;
  // The request's expiry follows the step's deadline: a seat granted past it would expire first.
  if (state.expireAfter && step.deadline && until >= Date.parse(step.deadline) + parseDuration(state.expireAfter)) {
    return 'the request expires before the proposed date: grant it for the whole step instead';
  }
  return null;
}
