/**
 * How a request moves through its steps: activating a step (its deadline computed, its
 * participants told), deciding a step by its approval policy after a response, and closing the
 * request (approved, rejected, cancelled, expired).
 */
import { patched } from '@temporalio/workflow';
import { parseDuration } from '../src/domain/duration';
import { evaluateStep } from '../src/domain/policy';
import { activeStep, refreshProgress } from '../src/domain/requestState';
import type { Decision, DeadlineSpec, OrgId, ParticipantStatus, RequestStatus, StepState, TimelineKind } from '../src/domain/types';
import { local, resolveStageDeadline } from './localActivities';
import { audience, type Notifier } from './notifications';
import type { Organizations } from './organizations';
import { PATCHES } from './patches';
import type { Reminders } from './reminders';
import { iso, nowMs, SYSTEM, type EventActor, type Run } from './run';

/** A step activation computed ahead (its deadline needs a local activity), applied later at once. */
export interface PreparedActivation {
  index: number;
  atMs: number;
  deadlineMs: number;
}

export const SEAT_STATUS: Record<Decision, ParticipantStatus> = {
  ACKNOWLEDGE: 'ACKNOWLEDGED',
  APPROVE: 'APPROVED',
  REJECT: 'REJECTED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
};

export type Steps = ReturnType<typeof createSteps>;

export function createSteps(run: Run, orgs: Organizations, notifier: Notifier, reminders: Reminders, changed: () => void) {
  const { state } = run;
  const { notify } = notifier;
  const everyone = () => [...audience.requester(run), ...audience.tembusan(run), ...audience.participants(run)];

  async function resolveDeadline(spec: DeadlineSpec, fromMs: number): Promise<number> {
    switch (spec.kind) {
      case 'AT':
        return Date.parse(spec.at);
      case 'DURATION':
        return fromMs + parseDuration(spec.duration);
      case 'WORKING_DAYS':
        return Date.parse(await local.resolveDeadline({ from: iso(fromMs), spec, timeZone: orgs.zoneOf(state.requester) }));
      case 'STAGE':
        return (await resolveStageDeadline(spec, orgs.zoneOf(state.requester))).deadlineMs;
    }
  }

  async function activate(index: number): Promise<void> {
    state.currentStep = index;
    const step = state.steps[index];
    const at = nowMs();
    step.status = 'ACTIVE';
    step.activatedAt = iso(at);
    const deadlineMs = await resolveDeadline(step.deadlineSpec, at);
    step.deadline = iso(deadlineMs);
    step.overdue = deadlineMs <= nowMs();
    activated(index, at, deadlineMs);
  }

  function activated(index: number, at: number, deadlineMs: number): void {
    const step = state.steps[index];
    reminders.plan(index, deadlineMs, at);
    run.record('STEP_ACTIVATED', SYSTEM, { step: index, data: { deadline: step.deadline, participants: step.participants.map((p) => p.org) } });
    notify('REQUEST_CREATED', index === 0 ? [...audience.participants(run), ...audience.tembusan(run)] : audience.participants(run));
    changed();
  }

  /** Activate a step whose deadline was computed ahead: all at once, nothing awaited. */
  function activateNow({ index, atMs, deadlineMs }: PreparedActivation): void {
    state.currentStep = index;
    const step = state.steps[index];
    step.status = 'ACTIVE';
    step.activatedAt = iso(atMs);
    step.deadline = iso(deadlineMs);
    step.overdue = deadlineMs <= nowMs();
    activated(index, atMs, deadlineMs);
  }

  /** The step this answer would activate (the active one approved, a later one waiting), or null. */
  function activatedBy(org: OrgId, decision: Decision): number | null {
    if (decision === 'ACKNOWLEDGE' || state.currentStep + 1 >= state.steps.length) return null;
    const step = activeStep(state);
    const after = step.participants.map((p) => (p.org === org ? { ...p, status: SEAT_STATUS[decision] } : p));
    return evaluateStep(step.policy, after) === 'APPROVED' ? state.currentStep + 1 : null;
  }

  /** Compute a step's activation (its deadline) without changing anything. */
  async function prepare(index: number): Promise<PreparedActivation> {
    const atMs = nowMs();
    return { index, atMs, deadlineMs: await resolveDeadline(state.steps[index].deadlineSpec, atMs) };
  }

  function close(status: RequestStatus, actor: EventActor, kind: TimelineKind, comment?: string): void {
    state.status = status;
    state.closedAt = iso(nowMs());
    const step = activeStep(state);
    if (step.status === 'ACTIVE' || step.status === 'CHANGES_REQUESTED') step.status = status === 'APPROVED' ? 'APPROVED' : status === 'REJECTED' ? 'REJECTED' : 'CLOSED';
    for (const later of state.steps.slice(state.currentStep + 1)) later.status = 'CLOSED';
    reminders.drop();
    run.record(kind, actor, comment ? { comment } : {});
    if (kind !== 'COMPLETED') run.record('COMPLETED', SYSTEM, { data: { status } });
    run.wake = true;
  }

  /**
   * Apply the approval policy to the active step after a response. With `next` (computed ahead by
   * `prepare`), nothing is awaited: the whole change happens at once.
   */
  async function decide(actor: EventActor, next?: PreparedActivation | null): Promise<void> {
    const step = activeStep(state);
    refreshProgress(step);
    const outcome = evaluateStep(step.policy, step.participants);
    if (outcome === 'APPROVED') {
      step.status = 'APPROVED';
      step.decidedAt = iso(nowMs());
      run.record('STEP_APPROVED', SYSTEM, { data: { progress: step.progress } });
      if (state.currentStep + 1 < state.steps.length) {
        if (next) activateNow(next);
        else await activate(state.currentStep + 1);
      } else {
        close('APPROVED', SYSTEM, 'COMPLETED');
        notify('OUTCOME_APPROVED', everyone());
      }
    } else if (outcome === 'REJECTED') {
      step.decidedAt = iso(nowMs());
      run.record('STEP_REJECTED', SYSTEM, { data: { progress: step.progress } });
      close('REJECTED', SYSTEM, 'COMPLETED');
      notify('OUTCOME_REJECTED', everyone());
    } else if (outcome === 'CHANGES_REQUESTED' && state.status !== 'CHANGES_REQUESTED') {
      state.status = 'CHANGES_REQUESTED';
      step.status = 'CHANGES_REQUESTED';
      const askers = step.participants.filter((p) => p.status === 'CHANGES_REQUESTED');
      const words = patched(PATCHES.attributedComments)
        ? { comments: askers.map((p) => ({ org: p.org, text: p.comment ?? '' })) }
        : { comment: askers.map((p) => `${p.org}: ${p.comment ?? ''}`).join('\n') };
      notify('CHANGES_REQUESTED', audience.requester(run), { ...words, actor });
    }
    changed();
  }

  /** The request expired: closed, and everyone told. */
  /**
   * The active step gets a new deadline (an extension, a granted ask, a moved stage): its reminder
   * plan starts again from `at`, escalation starts afresh, and it is overdue only if the new
   * deadline has already passed.
   */
  function moveDeadline(step: StepState, deadline: string, at: number, spec?: DeadlineSpec): void {
    const deadlineMs = Date.parse(deadline);
    step.deadline = deadline;
    if (spec) step.deadlineSpec = spec;
    step.overdue = deadlineMs <= at;
    step.escalated = false;
    reminders.plan(step.index, deadlineMs, at);
  }

  function expire(): void {
    close('EXPIRED', SYSTEM, 'EXPIRED');
    notify('OUTCOME_EXPIRED', everyone());
    changed();
  }

  return { resolveDeadline, activate, activatedBy, prepare, close, decide, moveDeadline, expire };
}
