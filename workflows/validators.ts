/**
 * What the coordination workflow accepts now, as pure functions `(state, input, context) →
 * reason | null`. The update validators call them (a reason keeps the action out of history and
 * reaches the caller as a 409), and handlers that await call them again after their last await,
 * against the state as it is then. No Temporal here: tests/unit/validators.test.ts runs them as
 * tables, without a server.
 */
import { conditionsRefusal } from './answerValidators';
import { parseDuration } from '../src/domain/duration';
import { activeStep, isOpen, isUndecided } from '../src/domain/requestState';
import { answersForOwnSeat, delegationRefusal } from '../src/domain/seats';
import { isRequesterOrAdmin } from '../src/domain/requester';
import { CHANGES_NEED_COMMENT, changesNeedComment, TEXT_LIMITS, textProblem } from '../src/domain/text';
import type {
  Actor,
  CancelInput,
  CoordinationState,
  DelegateInput,
  ExtendDeadlineInput,
  OrgId,
  ParticipantState,
  RespondInput,
  ReviseInput,
  StepState,
} from '../src/domain/types';
import type { Refusal, ValidationContext } from './validation';

export type { Refusal, ValidationContext } from './validation';

function closed(state: CoordinationState, ctx: ValidationContext): Refusal {
  if (!ctx.ready) return 'the request is still being set up; retry in a moment';
  if (isOpen(state)) return null;
  return `request is closed (${state.status})`;
}

function notRequester(state: CoordinationState, actor: Actor, what: string): Refusal {
  return isRequesterOrAdmin(actor, state.requester) ? null : `only the requester organization ${state.requester} may ${what}`;
}

const badComment = (comment: string | undefined): Refusal => textProblem(comment, 'comment', TEXT_LIMITS.comment);

/** The open step where `org` holds a seat (active, waiting or paused for changes), and the seat. */
export function seatOf(state: CoordinationState, org: OrgId): { step?: StepState; seat?: ParticipantState } {
  const step = state.steps.find((s) => (s.status === 'ACTIVE' || s.status === 'WAITING' || s.status === 'CHANGES_REQUESTED') && s.participants.some((p) => p.org === org));
  return { step, seat: step?.participants.find((p) => p.org === org) };
}

export function respondRefusal(state: CoordinationState, { actor, organization, decision, comment, conditions }: RespondInput, ctx: ValidationContext): Refusal {
  if (state.status === 'CHANGES_REQUESTED') return 'request is waiting for a revision by the requester';
  const shut = closed(state, ctx);
  if (shut) return shut;
  if (!answersForOwnSeat(actor, organization)) return `organization ${actor.org} may answer only for its own seat`;
  const step = activeStep(state);
  const seat = step.participants.find((p) => p.org === organization);
  if (!seat) {
    const other = state.steps.find((s) => s.participants.some((p) => p.org === organization));
    return other
      ? `${organization} has a seat in step ${other.index + 1}, not in the active step ${step.index + 1}`
      : `${organization} is not a participant of this request`;
  }
  if (!isUndecided(seat)) return `${organization} has already decided (${seat.status})`;
  if (decision === 'ACKNOWLEDGE' && seat.status === 'ACKNOWLEDGED') return `${organization} has already acknowledged`;
  if (changesNeedComment(decision, comment)) return CHANGES_NEED_COMMENT;
  return badComment(comment) ?? conditionsRefusal(decision, conditions);
}

export function reviseRefusal(state: CoordinationState, { actor, comment, title, description }: ReviseInput, ctx: ValidationContext): Refusal {
  const refusal = closed(state, ctx) ?? notRequester(state, actor, 'revise');
  if (refusal) return refusal;
  if (state.status !== 'CHANGES_REQUESTED') return 'no changes were requested: nothing to revise';
  if (title !== undefined && title.trim() === '') return `title must be 1..${TEXT_LIMITS.title} characters`;
  return badComment(comment) ?? textProblem(title, 'title', TEXT_LIMITS.title, false) ?? textProblem(description, 'description', TEXT_LIMITS.description);
}

export function extendRefusal(state: CoordinationState, { actor, deadline, comment }: ExtendDeadlineInput, ctx: ValidationContext): Refusal {
  const refusal = closed(state, ctx) ?? notRequester(state, actor, 'extend the deadline') ?? badComment(comment);
  if (refusal) return refusal;
  const current = activeStep(state).deadline;
  const afterCurrent = (ms: number): Refusal => (current && ms <= Date.parse(current) ? `the new deadline must be after the current one (${current})` : null);
  switch (deadline.kind) {
    case 'AT': {
      const ms = Date.parse(deadline.at);
      if (Number.isNaN(ms)) return 'deadline.at is not a valid instant';
      if (ms <= ctx.nowMs) return 'the new deadline is in the past';
      return afterCurrent(ms);
    }
    case 'DURATION': {
      let ms = 0;
      try {
        ms = parseDuration(deadline.duration);
      } catch (err) {
        return `deadline.duration: ${(err as Error).message}`;
      }
      return afterCurrent(ctx.nowMs + ms);
    }
    case 'WORKING_DAYS':
      return Number.isInteger(deadline.days) && deadline.days >= 1 ? null : 'deadline.days must be a whole number ≥ 1';
    case 'STAGE':
      // Whether the stage exists and its date lies after the current deadline is known only once
      // resolved (a local activity): the handler checks that.
      return Number.isInteger(deadline.offsetWorkingDays) ? null : 'deadline.offsetWorkingDays must be a whole number';
  }
}

export function delegateRefusal(state: CoordinationState, { actor, from, to, comment }: DelegateInput, ctx: ValidationContext): Refusal {
  const refusal = closed(state, ctx) ?? badComment(comment);
  if (refusal) return refusal;
  const rule = delegationRefusal({ actor, requester: state.requester, from, to, comment, ancestorsOfTo: ctx.ancestorsOf(to) });
  if (rule) return rule.reason;
  const { step, seat } = seatOf(state, from);
  if (!step || !seat) return `${from} holds no seat in an open step`;
  if (!isUndecided(seat)) return `${from} has already decided (${seat.status}); a decided seat cannot be delegated`;
  if (step.participants.some((p) => p.org === to)) return `${to} already holds a seat in step ${step.index + 1}`;
  return null;
}

export function cancelRefusal(state: CoordinationState, { actor, reason }: CancelInput, ctx: ValidationContext): Refusal {
  return closed(state, ctx) ?? notRequester(state, actor, 'cancel') ?? textProblem(reason, 'comment', TEXT_LIMITS.comment);
}
