/**
 * Approval with conditions in a run (src/domain/conditions.ts): the conditions an approval sets,
 * the requester marking one met (an Update; its validator is answerValidators.ts), and the wait
 * of an approved request for its last open condition.
 *
 * Why the workflow waits instead of closing: marking a condition met changes the request, and
 * every change of a request happens in its workflow and is a timeline event (one writer of the
 * record, one audit trail). So an approved request with open conditions keeps its workflow
 * running, status APPROVED and `closedAt` set (the decision is final; no reminder, action or
 * expiry runs any more), and completes when the last condition is met. A request that ends
 * otherwise owes nothing, so nothing is waited for. Runs that never had conditions never await
 * here: their histories replay as before.
 */
import { condition, setHandler } from '@temporalio/workflow';
import { nextConditionIds, outstandingConditions } from '../src/domain/conditions';
import type { RespondInput } from '../src/domain/types';
import { conditionsRefusal, markConditionMetRefusal } from './answerValidators';
import { markConditionMetUpdate } from './messages';
import type { Notifier } from './notifications';
import { iso, nowMs, type Run } from './run';
import type { Refusal, ValidationContext } from './validation';

export interface AnswerParts {
  run: Run;
  notifier: Notifier;
  /** After any change: progress, schedule, search attributes, record. */
  changed(): void;
  context(): ValidationContext;
  /** In a validator or handler: throw the refusal (a 409 for the caller). */
  refuseIf(refusal: Refusal): void;
}

export function installConditions({ run, notifier, changed, context, refuseIf }: AnswerParts) {
  const { state } = run;

  setHandler(
    markConditionMetUpdate,
    (input) => {
      const { actor, conditionId, comment } = input;
      const c = state.conditions!.find((x) => x.id === conditionId)!;
      c.status = 'MET';
      c.metAt = iso(nowMs());
      c.metBy = { sub: actor.sub, org: actor.org };
      c.metComment = comment;
      run.record('CONDITION_MET', actor, { step: c.step, org: c.org, comment, data: { condition: c.id, text: c.text } });
      notifier.notify('CONDITION_MET', [{ org: c.org, role: 'PARTICIPANT' }], { comment, actor, condition: { text: c.text } });
      changed();
      return state;
    },
    { validator: (i) => refuseIf(markConditionMetRefusal(state, i, context())) },
  );

  return {
    /** After an answer is recorded, before the step is decided: the conditions it carries. */
    set({ actor, organization, decision, conditions }: RespondInput): void {
      if (!conditions?.length || conditionsRefusal(decision, conditions)) return;
      const at = iso(nowMs());
      const ids = nextConditionIds(state, conditions.length);
      const added = conditions.map((text, i) => ({ id: ids[i], step: state.currentStep, org: organization, text: text.trim(), status: 'OPEN' as const, setAt: at, setBy: actor.sub }));
      state.conditions = [...(state.conditions ?? []), ...added];
      run.record('CONDITIONS_SET', actor, { org: organization, data: { conditions: added.map(({ id, text }) => ({ id, text })) } });
    },
    /** After the main loop: an approved request waits for its last open condition. */
    async settled(): Promise<void> {
      if (outstandingConditions(state).length > 0) await condition(() => outstandingConditions(state).length === 0);
    },
  };
}

export type Conditions = ReturnType<typeof installConditions>;
