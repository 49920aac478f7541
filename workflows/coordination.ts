/**
 * The coordination request workflow (docs/ARCHITECTURE.md#the-coordination-request): ordered steps of multi-party approvals with
 * durable reminders, working-hours shifts, escalation, expiry, and a timeline as audit trail.
 *
 * Shape of the run (this file: the handlers and the main loop; the parts beside it):
 * - Updates (with validators) change the state; queries read it. Validators are the pure functions
 *   of validators.ts: an action that is not allowed now is rejected before it enters history.
 * - steps.ts moves the request through its steps; reminders.ts walks the active step's schedule;
 *   notifications.ts fans each occasion out to its recipients without blocking the loop.
 * - The main loop sleeps until the next schedule event or shifted delivery, whichever is first,
 *   and wakes early when an update changed the schedule.
 * - Calendar arithmetic (working days, holidays) runs in local activities so its answers are
 *   recorded in history: a newer holiday table never changes what a running request decided.
 * - Before history grows large the run continues-as-new, carrying state, timeline and schedule.
 */
import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, patched, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { REJECTED_ACTION } from '../src/domain/failures';
import { activeStep, initialState, isOpen, isUndecided, refreshProgress, searchAttributeUpdates } from '../src/domain/requestState';
import { withRevisionAttachments } from '../src/domain/letter';
import { delegationRefusal, movedOnBehalf } from '../src/domain/seats';
import type { CoordinationRequestInput, CoordinationState, OrgId, OrgRef, TimelineEvent, TimelineKind } from '../src/domain/types';
import { cancelUpdate, delegateUpdate, extendDeadlineUpdate, readyUpdate, respondUpdate, reviseUpdate, stateQuery, timelineQuery } from './messages';
import { readable } from './compactTimeline';
import { installConditions } from './conditions';
import { installExtensions } from './extensions';
import { audience, createNotifier } from './notifications';
import { createOrganizations } from './organizations';
import { PATCHES } from './patches';
import { createReminders, expiresAt, type ScheduleState } from './reminders';
import { startRecorder, type RecorderCursor } from './recorder';
import { installStageDeadlines } from './stageDeadlines';
import { createRun, iso, nowMs, type Run } from './run';
import { createSteps, SEAT_STATUS, type PreparedActivation } from './steps';
import { cancelRefusal, delegateRefusal, extendRefusal, respondRefusal, reviseRefusal, seatOf, type Refusal, type ValidationContext } from './validators';

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

const refuse = (reason: string): never => {
  throw ApplicationFailure.create({ type: REJECTED_ACTION, message: reason, nonRetryable: true });
};
/** In a validator: throw the refusal, so the action never enters history. */
const refuseIf = (refusal: Refusal): void => {
  if (refusal) refuse(refusal);
};

export async function coordinationWorkflow(input: CoordinationRequestInput, carried?: CarriedOver): Promise<CoordinationState> {
  const run: Run = createRun(carried?.state ?? initialState(input, iso(nowMs())), carried?.timeline ?? [], carried?.orgs ?? {});
  const { state } = run;
  /** False until the first step is active: actions wait for a request that is fully set up. */
  let ready = !!carried;
  /** Mirrors every change into the records store, in the background (null for older requests). */
  // (The hook reads the notifier, set up below, only once the run is under way.)
  const recorder = startRecorder(state, run.timeline, carried?.recorder, { ready: () => ready, deliveriesSettled: () => notifier.inFlight.size === 0 });
  const recordEvent = run.record.bind(run);
  run.record = (...args) => {
    recordEvent(...args);
    recorder?.changed();
  };
  const orgs = createOrganizations(run);
  const notifier = createNotifier(run, carried?.notificationSeq ?? 0);
  const { notify } = notifier;
  const reminders = createReminders(run, orgs, notifier, carried?.schedule ?? null, { expire: () => steps.expire(), changed });
  const steps = createSteps(run, orgs, notifier, reminders, changed);
  const continueAfter = input.options?.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
  const context = (): ValidationContext => ({ ready, nowMs: nowMs(), ancestorsOf: orgs.knownAncestors });
  const conditions = installConditions({ run, notifier, changed, context, refuseIf });
  const extensions = installExtensions({ run, notifier, changed, context, refuseIf }, orgs, reminders, steps);

  /** After any change: asks that lapsed, progress, next reminder, expiry, search attributes. */
  function changed(): void {
    extensions.lapseMootAsks();
    state.steps.forEach(refreshProgress);
    reminders.refreshNextReminder();
    state.expiresAt = expiresAt(state);
    upsertSearchAttributes(searchAttributeUpdates(state));
    recorder?.changed();
  }

  // ---------- queries and updates ----------

  setHandler(stateQuery, () => state);
  setHandler(timelineQuery, (afterSeq?: number) => readable(run.timeline, afterSeq));
  // Lets a creator read the request as set up (first step active, deadline computed), not as it
  // looks before the first workflow task finished; a query right after start may see the latter.
  setHandler(readyUpdate, async () => {
    await condition(() => ready);
    return state;
  });

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
    delegateUpdate,
    async (input) => {
      const { actor, from, to, comment } = input;
      const rules = patched(PATCHES.delegationRules);
      const settle = patched(PATCHES.settleFirst);
      if (rules) await orgs.ensureAncestors(to);
      else await orgs.ensure([to]);
      // Everything below runs after the last await: checked again against the state as it is now
      // (the holder may have answered, the request closed, meanwhile).
      if (settle) refuseIf(delegateRefusal(state, input, context()));
      const { step, seat } = seatOf(state, from);
      if (!step || !seat || step.participants.some((p) => p.org === to)) refuse(`${from} no longer holds a seat that can be delegated to ${to}`);
      const refusal = rules ? delegationRefusal({ actor, requester: state.requester, from, to, comment, ancestorsOfTo: orgs.knownAncestors(to) }) : null;
      if (refusal) refuse(refusal.reason);
      seat!.delegatedFrom.push(from);
      seat!.org = to;
      extensions.delegated(step!.index, from, to);
      seat!.status = 'PENDING';
      delete seat!.comment;
      run.record('DELEGATED', actor, { step: step!.index, org: to, ...(comment ? { comment } : {}), data: { from, to } });
      // Moved by someone else (the requester, an admin): the holder's parent learns of it too.
      const holderParent = rules && movedOnBehalf({ actor, from }) ? orgs.parentOf(from) : undefined;
      if (step!.status === 'ACTIVE' || step!.status === 'CHANGES_REQUESTED') {
        notify(
          'DELEGATED',
          [{ org: to, role: 'PARTICIPANT' }, { org: from, role: 'PARTICIPANT' }, ...(holderParent ? [{ org: holderParent, role: 'SUPERVISOR' as const }] : [])],
          { delegation: { from, to }, actor, ...(rules && comment ? { comment } : {}) },
        );
      }
      changed();
      return state;
    },
    { validator: (i) => refuseIf(delegateRefusal(state, i, context())) },
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

  installStageDeadlines({ run, orgs, steps, notifier, changed, ready: () => ready });

  // ---------- start or resume ----------

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

  // ---------- main loop ----------

  while (isOpen(state)) {
    await reminders.shiftAhead();
    const wakeAt = reminders.nextWakeMs();
    run.wake = false;
    if (wakeAt === null) await condition(() => run.wake || !isOpen(state));
    else if (wakeAt > nowMs()) await condition(() => run.wake || !isOpen(state), wakeAt - nowMs());
    await reminders.runDue();
    recorder?.changed(); // the schedule moved (next reminder time) even without a new event
    if (isOpen(state) && (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > continueAfter)) {
      // Let running deliveries and handlers finish so nothing is lost between runs.
      await Promise.all([...notifier.inFlight]);
      await condition(allHandlersFinished);
      await recorder?.quiesce('2 minutes');
      if (isOpen(state)) {
        await continueAsNew<typeof coordinationWorkflow>(input, {
          state,
          timeline: run.timeline,
          orgs: run.orgs,
          schedule: reminders.schedule,
          notificationSeq: notifier.sequence,
          recorder: recorder?.cursor(),
        });
      }
    }
  }

  await conditions.settled(); // approved with conditions: the requester may still mark them met
  // Closed: finish outstanding deliveries (their outcome goes into the timeline) and handlers.
  while (notifier.inFlight.size > 0) await Promise.all([...notifier.inFlight]);
  await condition(allHandlersFinished);
  // The run ends only once its record is complete (it waits out a database outage, if any).
  await recorder?.flushed();
  return state;
}
