/**
 * What the requester (or an admin) does to a running request: revise it after changes were
 * requested, extend the active step's deadline, cancel it. Each is an update whose validator is
 * the matching refusal of validators.ts.
 */
import { patched, setHandler } from '@temporalio/workflow';
import { withRevisionAttachments } from '../src/domain/letter';
import { activeStep, isUndecided } from '../src/domain/requestState';
import type { AnswerParts } from './conditions';
import { cancelUpdate, extendDeadlineUpdate, reviseUpdate } from './messages';
import { audience } from './notifications';
import { PATCHES } from './patches';
import { refuse } from './refuse';
import { iso, nowMs } from './run';
import type { Steps } from './steps';
import { cancelRefusal, extendRefusal, reviseRefusal } from './validators';

export function installRequesterActions({ run, notifier, changed, context, refuseIf }: AnswerParts, steps: Steps): void {
  const { state } = run;
  const { notify } = notifier;

  setHandler(
    reviseUpdate,
    ({ actor, comment, title, description, reanswer, attachments }) => {
      const step = activeStep(state);
      state.revision += 1;
      if (title !== undefined) state.title = title;
      if (description !== undefined) state.description = description;
      if (attachments?.length) state.attachments = withRevisionAttachments(state.attachments, attachments, state.revision); // data only
      const again = step.participants.filter((p) => (reanswer === 'ALL' ? true : p.status === 'CHANGES_REQUESTED'));
      for (const p of again) {
        p.status = 'PENDING';
        delete p.comment;
        delete p.respondedAt;
        delete p.respondedBy;
      }
      state.status = 'IN_PROGRESS';
      step.status = 'ACTIVE';
      run.record('REVISED', actor, { ...(comment ? { comment } : {}), data: { reanswer: again.map((p) => p.org), ...(attachments?.length ? { attachments: attachments.map((a) => a.id) } : {}) } });
      notify('REVISED', again.map((p) => ({ org: p.org, role: 'PARTICIPANT' as const })), { ...(comment ? { comment } : {}), actor });
      run.wake = true;
      changed();
      return state;
    },
    { validator: (i) => refuseIf(reviseRefusal(state, i, context())) },
  );

  setHandler(
    extendDeadlineUpdate,
    async (input) => {
      const { actor, deadline, comment } = input;
      const settle = patched(PATCHES.settleFirst);
      let step = activeStep(state);
      let previous = step.deadline;
      const at = nowMs();
      const deadlineMs = await steps.resolveDeadline(deadline, at);
      if (settle) {
        // Checked again after the wait: the request may have closed, moved on or been extended.
        refuseIf(extendRefusal(state, input, context()));
        step = activeStep(state);
        previous = step.deadline;
      }
      if (previous && deadlineMs <= Date.parse(previous)) refuse(`new deadline ${iso(deadlineMs)} is not after the current one ${previous}`);
      steps.moveDeadline(step, iso(deadlineMs), at, deadline);
      run.record('DEADLINE_EXTENDED', actor, { ...(comment ? { comment } : {}), data: { from: previous, to: step.deadline } });
      notify('DEADLINE_EXTENDED', step.participants.filter(isUndecided).map((p) => ({ org: p.org, role: 'PARTICIPANT' as const })), comment ? { comment, actor } : { actor });
      changed();
      return state;
    },
    { validator: (i) => refuseIf(extendRefusal(state, i, context())) },
  );

  setHandler(
    cancelUpdate,
    ({ actor, reason }) => {
      steps.close('CANCELLED', actor, 'CANCELLED', reason);
      notify('CANCELLED', [...audience.participants(run), ...audience.tembusan(run)], { ...(reason ? { comment: reason } : {}), actor });
      changed();
      return state;
    },
    { validator: (i) => refuseIf(cancelRefusal(state, i, context())) },
  );
}
