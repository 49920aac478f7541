/**
 * The coordination request workflow (docs/ARCHITECTURE.md#the-coordination-request): ordered steps of multi-party approvals with
 * durable reminders, working-hours shifts, escalation, expiry, and a timeline as audit trail.
 *
 * Shape of the run (this file: building the parts and starting or resuming; the parts beside it):
 * - Updates (with validators) change the state; queries read it (queries.ts). Each group of
 *   handlers installs itself: respond.ts, requesterActions.ts (revise, extend, cancel),
 *   delegation.ts, conditions.ts, extensions.ts, stageDeadlines.ts. Validators are the pure
 *   functions of validators.ts: an action that is not allowed now is rejected before it enters
 *   history.
 * - steps.ts moves the request through its steps; reminders.ts walks the active step's schedule;
 *   notifications.ts fans each occasion out to its recipients without blocking the loop.
 * - The main loop (mainLoop.ts) sleeps until the next schedule event or shifted delivery,
 *   whichever is first, and wakes early when an update changed the schedule.
 * - Calendar arithmetic (working days, holidays) runs in local activities so its answers are
 *   recorded in history: a newer holiday table never changes what a running request decided.
 * - Before history grows large the run continues-as-new, carrying state, timeline and schedule.
 */
import { continueAsNew, upsertSearchAttributes } from '@temporalio/workflow';
import { initialState, refreshProgress, searchAttributeUpdates } from '../src/domain/requestState';
import type { CoordinationRequestInput, CoordinationState, OrgId, OrgRef, TimelineEvent } from '../src/domain/types';
import { installConditions, type AnswerParts } from './conditions';
import { installDelegation } from './delegation';
import { installExtensions } from './extensions';
import { finish, runUntilClosed } from './mainLoop';
import { createNotifier } from './notifications';
import { createOrganizations } from './organizations';
import { installQueries } from './queries';
import { createReminders, expiresAt, type ScheduleState } from './reminders';
import { startRecorder, type Recorder, type RecorderCursor } from './recorder';
import { refuseIf } from './refuse';
import { installRequesterActions } from './requesterActions';
import { installRespond } from './respond';
import { installStageDeadlines } from './stageDeadlines';
import { createRun, iso, nowMs, type Run } from './run';
import { createSteps } from './steps';

/** Continue-as-new well before Temporal's own limits (50k events) so the carried state stays small. */
const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 5000;

/** Everything a run hands to the next one at continue-as-new. */
export interface CarriedOver {
  state: CoordinationState;
  timeline: TimelineEvent[];
  orgs: Record<OrgId, OrgRef>;
  schedule: ScheduleState | null;
  notificationSeq: number;
  /** Position of the records-store recorder (absent in runs started before recording existed). */
  recorder?: RecorderCursor;
}

/** Every event the run records also reaches the records store (in the background). */
function mirrorToRecorder(run: Run, recorder: Recorder | null): void {
  const recordEvent = run.record.bind(run);
  run.record = (...args) => {
    recordEvent(...args);
    recorder?.changed();
  };
}

export async function coordinationWorkflow(input: CoordinationRequestInput, carried?: CarriedOver): Promise<CoordinationState> {
  const run: Run = createRun(carried?.state ?? initialState(input, iso(nowMs())), carried?.timeline ?? [], carried?.orgs ?? {});
  const { state } = run;
  /** False until the first step is active: actions wait for a request that is fully set up. */
  let ready = !!carried;
  /** Mirrors every change into the records store, in the background (null for older requests). */
  // (The hook reads the notifier, set up below, only once the run is under way.)
  const recorder = startRecorder(state, run.timeline, carried?.recorder, { ready: () => ready, deliveriesSettled: () => notifier.inFlight.size === 0 });
  mirrorToRecorder(run, recorder);
  const orgs = createOrganizations(run);
  const notifier = createNotifier(run, carried?.notificationSeq ?? 0);
  const reminders = createReminders(run, orgs, notifier, carried?.schedule ?? null, { expire: () => steps.expire(), changed });
  const steps = createSteps(run, orgs, notifier, reminders, changed);
  const parts: AnswerParts = { run, notifier, changed, refuseIf, context: () => ({ ready, nowMs: nowMs(), ancestorsOf: orgs.knownAncestors }) };
  const conditions = installConditions(parts);
  const extensions = installExtensions(parts, orgs, reminders, steps);

  /** After any change: asks that lapsed, progress, next reminder, expiry, search attributes. */
  function changed(): void {
    extensions.lapseMootAsks();
    state.steps.forEach(refreshProgress);
    reminders.refreshNextReminder();
    state.expiresAt = expiresAt(state);
    upsertSearchAttributes(searchAttributeUpdates(state));
    recorder?.changed();
  }

  installQueries(run, () => ready);
  installRespond(parts, steps, conditions);
  installRequesterActions(parts, steps);
  installDelegation(parts, orgs, extensions);
  installStageDeadlines({ run, orgs, steps, notifier, changed, ready: () => ready });

  if (!carried) {
    run.record('CREATED', input.createdBy, { data: { steps: input.steps.length, tembusan: input.tembusan } });
    changed();
    await orgs.ensure([state.requester, ...state.tembusan, ...state.steps.flatMap((s) => s.participants.map((p) => p.org))]);
    await steps.activate(0);
    ready = true;
  } else {
    state.generation += 1;
    changed();
  }

  const continueAfter = input.options?.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
  const carryOver = (): CarriedOver => ({ state, timeline: run.timeline, orgs: run.orgs, schedule: reminders.schedule, notificationSeq: notifier.sequence, recorder: recorder?.cursor() });
  await runUntilClosed({ run, reminders, notifier, recorder, continueAfter, continueAsNew: () => continueAsNew<typeof coordinationWorkflow>(input, carryOver()) });
  await finish(conditions, notifier, recorder);
  return state;
}
