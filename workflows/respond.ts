/**
 * A participant's answer (the `respond` update): the seat's decision recorded, the conditions it
 * carries set, and the step decided by its approval policy (the next step started, or the request
 * closed). The validator is `respondRefusal` (validators.ts).
 */
import { patched, setHandler } from '@temporalio/workflow';
import { activeStep } from '../src/domain/requestState';
import type { TimelineKind } from '../src/domain/types';
import type { AnswerParts, Conditions } from './conditions';
import { respondUpdate } from './messages';
import { PATCHES } from './patches';
import { iso, nowMs } from './run';
import { SEAT_STATUS, type PreparedActivation, type Steps } from './steps';
import { respondRefusal } from './validators';

export function installRespond({ run, changed, context, refuseIf }: AnswerParts, steps: Steps, conditions: Conditions): void {
  const { state } = run;
  setHandler(
    respondUpdate,
    async (input) => {
      const { actor, organization, decision, comment, via } = input;
      let next: PreparedActivation | null = null;
      if (patched(PATCHES.settleFirst)) {
        // What the answer leads to is computed first (the next step's deadline may need a local
        // activity), checked again against the state as it is then, and applied all at once.
        for (;;) {
          const index = steps.activatedBy(organization, decision);
          next = index === null ? null : await steps.prepare(index);
          refuseIf(respondRefusal(state, input, context()));
          if (steps.activatedBy(organization, decision) === index) break;
        }
      }
      const seat = activeStep(state).participants.find((p) => p.org === organization)!;
      seat.status = SEAT_STATUS[decision];
      seat.comment = comment;
      seat.respondedAt = iso(nowMs());
      seat.respondedBy = actor.sub;
      // Data only (no new commands): histories without `via` replay exactly as before.
      run.record(SEAT_STATUS[decision] as TimelineKind, actor, { org: organization, ...(comment ? { comment } : {}), ...(via ? { data: { via: 'email-link', address: via.emailLink } } : {}) });
      conditions.set(input);
      if (decision === 'ACKNOWLEDGE') changed();
      else await steps.decide(actor, next);
      return state;
    },
    { validator: (i) => refuseIf(respondRefusal(state, i, context())) },
  );
}
