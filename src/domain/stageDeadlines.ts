/**
 * Which steps of a request depend on a stage of the election schedule, and whether asking the
 * request to resolve that stage again makes sense now. Pure; one home for the rule shared by the
 * workflow (the re-resolve update) and its table tests. The records-store query that finds
 * candidate requests (src/records/stageUsers.ts) applies the same rule in SQL.
 */
import { isAdmin } from './actor';
import { activeStep, isOpen } from './requestState';
import type { StageReresolveInput } from './actions';
import type { CoordinationState, StepState } from './request';

export type StageSpec = { kind: 'STAGE'; stage: string; offsetWorkingDays: number };

/** Step statuses whose deadline is still to come or running: active, waiting for changes, or not started. */
export const STAGE_DEPENDENT_STEP_STATUSES = ['ACTIVE', 'CHANGES_REQUESTED', 'WAITING'] as const;

export const usesStage = (step: StepState, stage: string): boolean => step.deadlineSpec.kind === 'STAGE' && step.deadlineSpec.stage === stage;

/** The open request's active step when its deadline is tied to `stage`, else null. */
export function activeStageStep(state: CoordinationState, stage: string): (StepState & { deadlineSpec: StageSpec }) | null {
  if (!isOpen(state)) return null;
  const step = activeStep(state);
  return usesStage(step, stage) && step.status !== 'WAITING' ? (step as StepState & { deadlineSpec: StageSpec }) : null;
}

/** Why the active step's deadline is not re-resolved (a later step resolves at its activation). */
export function unchangedReason(state: CoordinationState, stage: string): string {
  if (!isOpen(state)) return `request is closed (${state.status})`;
  const later = state.steps.some((s) => s.index > state.currentStep && usesStage(s, stage));
  return later ? `a later step uses stage ${stage}; it reads the schedule when it starts` : `the active step does not use stage ${stage}`;
}

/** Refusal of the re-resolve update (validator): only admins, only once the request is set up. */
export function reresolveRefusal({ actor }: StageReresolveInput, ready: boolean): string | null {
  if (!ready) return 'the request is still being set up; retry in a moment';
  if (!isAdmin(actor)) return 'only an admin may re-resolve election-schedule deadlines';
  return null;
}
