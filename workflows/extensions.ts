/**
 * Asking for more time in a run (src/domain/extensions.ts): a seat holder asks (an Update), the
 * requester grants it for that seat, for the whole step, or declines it (an Update); validators
 * are the pure functions of answerValidators.ts. While an ask waits, nothing changes: reminders
 * continue. A seat granted more time follows a reminder plan of its own (seatReminders.ts); a
 * step granted more time is re-planned like a deadline extension.
 */
import { patched, setHandler } from '@temporalio/workflow';
import { askIsMoot, nextExtensionId } from '../src/domain/extensions';
import type { ExtensionRequestState } from '../src/domain/request';
import { activeStep, isUndecided } from '../src/domain/requestState';
import { decideExtensionRefusal, requestExtensionRefusal } from './answerValidators';
import type { AnswerParts } from './conditions';
import { decideExtensionUpdate, requestExtensionUpdate } from './messages';
import type { OrgId } from '../src/domain/types';
import type { Organizations } from './organizations';
import { PATCHES } from './patches';
import type { Reminders } from './reminders';
import type { Steps } from './steps';
import { audience } from './notifications';
import { iso, nowMs, SYSTEM } from './run';
import { createSeatReminders } from './seatReminders';

export function installExtensions({ run, notifier, changed, context, refuseIf }: AnswerParts, orgs: Organizations, reminders: Reminders, steps: Pick<Steps, 'moveDeadline'>) {
  const { state } = run;
  const seats = createSeatReminders(run, orgs, notifier, reminders.seatPlans, changed);
  reminders.attachSeats(seats);

  setHandler(
    requestExtensionUpdate,
    ({ actor, organization, until, reason }) => {
      const ask: ExtensionRequestState = { id: nextExtensionId(state), step: state.currentStep, org: organization, until, reason, askedAt: iso(nowMs()), askedBy: actor.sub, status: 'PENDING' };
      state.extensions = [...(state.extensions ?? []), ask];
      run.record('EXTENSION_REQUESTED', actor, { org: organization, comment: reason, data: { extension: ask.id, until } });
      notifier.notify('EXTENSION_REQUESTED', audience.requester(run), { comment: reason, actor, extension: { org: organization, until } });
      changed();
      return state;
    },
    { validator: (i) => refuseIf(requestExtensionRefusal(state, i, context())) },
  );

  setHandler(
    decideExtensionUpdate,
    ({ actor, extensionId, decision, reason }) => {
      const ask = state.extensions!.find((e) => e.id === extensionId)!;
      const at = nowMs();
      const step = activeStep(state);
      ask.decidedAt = iso(at);
      ask.decidedBy = { sub: actor.sub, org: actor.org };
      if (reason) ask.decisionReason = reason;
      const said = { actor, ...(reason ? { comment: reason } : {}), extension: { org: ask.org, until: ask.until } };
      const asker = [{ org: ask.org, role: 'PARTICIPANT' as const }];
      if (decision === 'DECLINE') {
        ask.status = 'DECLINED';
        run.record('EXTENSION_DECLINED', actor, { step: ask.step, org: ask.org, ...(reason ? { comment: reason } : {}), data: { extension: ask.id } });
        notifier.notify('EXTENSION_DECLINED', asker, said);
      } else if (decision === 'GRANT_SEAT') {
        ask.status = 'GRANTED';
        ask.scope = 'SEAT';
        step.participants.find((p) => p.org === ask.org)!.deadline = ask.until;
        run.record('EXTENSION_GRANTED', actor, { step: ask.step, org: ask.org, ...(reason ? { comment: reason } : {}), data: { extension: ask.id, scope: 'SEAT', until: ask.until } });
        notifier.notify('EXTENSION_GRANTED', asker, { ...said, seatDeadline: ask.until });
      } else {
        ask.status = 'GRANTED';
        ask.scope = 'STEP';
        const previous = step.deadline;
        // As a deadline extension does.
        steps.moveDeadline(step, ask.until, at, { kind: 'AT', at: ask.until });
        run.record('EXTENSION_GRANTED', actor, { step: ask.step, org: ask.org, ...(reason ? { comment: reason } : {}), data: { extension: ask.id, scope: 'STEP', from: previous, to: ask.until } });
        notifier.notify('EXTENSION_GRANTED', asker, said);
        const others = step.participants.filter((p) => isUndecided(p) && p.org !== ask.org).map((p) => ({ org: p.org, role: 'PARTICIPANT' as const }));
        notifier.notify('DEADLINE_EXTENDED', others, { actor, ...(reason ? { comment: reason } : {}) });
      }
      seats.sync();
      run.wake = true;
      changed();
      return state;
    },
    { validator: (i) => refuseIf(decideExtensionRefusal(state, i, context())) },
  );

  return {
    /** After any change: a waiting ask whose seat no longer waits lapses (no one is told: nothing changed for anyone). */
    lapseMootAsks(): void {
      const moot = (state.extensions ?? []).filter((e) => askIsMoot(state, e));
      // Asked only when there is one: runs without moot asks replay as they were.
      if (moot.length === 0 || !patched(PATCHES.mootAsksLapse)) return;
      for (const ask of moot) {
        ask.status = 'LAPSED';
        ask.decidedAt = iso(nowMs());
        run.record('EXTENSION_LAPSED', SYSTEM, { step: ask.step, org: ask.org, data: { extension: ask.id } });
      }
    },
    /** After a delegation moved the seat of `from` in `step` to `to`. */
    delegated(step: number, from: OrgId, to: OrgId): void {
      // Asked only when the seat has a plan of its own: other delegations replay as they were.
      // Cursor and shifted reminders included: the new holder gets what is still to come.
      const plan = seats.planOf(step, from);
      if (plan && patched(PATCHES.seatPlanFollowsDelegation)) plan.org = to;
    },
  };
}
export type Extensions = ReturnType<typeof installExtensions>;
