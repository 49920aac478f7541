/**
 * Deadlines tied to the election schedule (`STAGE`, docs/ARCHITECTURE.md#election-schedule-stages):
 * the `reresolveStage` update an admin sends every open request using a stage after the schedule
 * was revised: when the stage's date moved, the active step's deadline and reminders move with it,
 * the timeline says so, and the participants who have not decided are told. Resolving a `STAGE`
 * deadline is a local activity (localActivities.ts: it reads the schedule file, so history
 * records the answer).
 */
import { setHandler } from '@temporalio/workflow';
import { isUndecided } from '../src/domain/requestState';
import { activeStageStep, reresolveRefusal, unchangedReason } from '../src/domain/stageDeadlines';
import { resolveStageDeadline } from './localActivities';
import { refuseIf } from './refuse';
import { reresolveStageUpdate } from './messages';
import type { Notifier } from './notifications';
import type { Organizations } from './organizations';
import type { Steps } from './steps';
import { iso, nowMs, type Run } from './run';

export interface StageDeadlineParts {
  run: Run;
  orgs: Organizations;
  steps: Pick<Steps, 'moveDeadline'>;
  notifier: Notifier;
  /** After a change: progress, next reminder, search attributes, record. */
  changed(): void;
  ready(): boolean;
}

export function installStageDeadlines({ run, orgs, steps, notifier, changed, ready }: StageDeadlineParts): void {
  const { state } = run;
  setHandler(
    reresolveStageUpdate,
    async ({ actor, stage }) => {
      const before = activeStageStep(state, stage);
      if (!before) return { outcome: 'UNCHANGED', reason: unchangedReason(state, stage) };
      const spec = before.deadlineSpec;
      const resolved = await resolveStageDeadline(spec, orgs.zoneOf(state.requester));
      // After the wait: the step may have been decided, extended or closed meanwhile.
      const step = activeStageStep(state, stage);
      if (step !== before || step.deadlineSpec !== spec) return { outcome: 'UNCHANGED', reason: 'the step changed while its deadline was being resolved' };
      const from = step.deadline;
      const to = iso(resolved.deadlineMs);
      if (from === to) return { outcome: 'UNCHANGED', from, to, reason: `stage ${stage} still falls on ${resolved.stageDate}` };
      const at = nowMs();
      steps.moveDeadline(step, to, at);
      run.record('STAGE_DEADLINE_MOVED', actor, { step: step.index, data: { stage, stageDate: resolved.stageDate, from, to } });
      notifier.notify(
        'STAGE_DEADLINE_MOVED',
        step.participants.filter(isUndecided).map((p) => ({ org: p.org, role: 'PARTICIPANT' as const })),
        { stage: { id: stage, date: resolved.stageDate, previousDeadline: from }, actor },
      );
      changed();
      return { outcome: 'CHANGED', from, to };
    },
    {
      validator: (input) => refuseIf(reresolveRefusal(input, ready())),
    },
  );
}
