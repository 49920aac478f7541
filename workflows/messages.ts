/**
 * Message handles of the coordination workflow, shared by the workflow (handlers) and clients
 * (the API, tests). Every state-changing action is an Update with a validator, so an action that is
 * not allowed now is rejected before it enters history and the caller learns why.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CancelInput,
  CoordinationState,
  DecideExtensionInput,
  DelegateInput,
  ExtendDeadlineInput,
  MarkConditionMetInput,
  RequestExtensionInput,
  RespondInput,
  ReviseInput,
  StageReresolveInput,
  StageReresolveResult,
  TimelineEvent,
} from '../src/domain/types';

export const respondUpdate = defineUpdate<CoordinationState, [RespondInput]>('respond');
export const reviseUpdate = defineUpdate<CoordinationState, [ReviseInput]>('revise');
export const extendDeadlineUpdate = defineUpdate<CoordinationState, [ExtendDeadlineInput]>('extendDeadline');
export const delegateUpdate = defineUpdate<CoordinationState, [DelegateInput]>('delegate');
export const cancelUpdate = defineUpdate<CoordinationState, [CancelInput]>('cancel');
/** The election schedule changed: resolve the active step's `STAGE` deadline again (admin). */
export const reresolveStageUpdate = defineUpdate<StageReresolveResult, [StageReresolveInput]>('reresolveStage');
/** The requester (or an admin) says a condition of an approval is met (workflows/conditions.ts). */
export const markConditionMetUpdate = defineUpdate<CoordinationState, [MarkConditionMetInput]>('markConditionMet');
/** A seat holder asks for more time; the requester decides (workflows/extensions.ts). */
export const requestExtensionUpdate = defineUpdate<CoordinationState, [RequestExtensionInput]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<CoordinationState, [DecideExtensionInput]>('decideExtension');
/** Waits until the request is set up (first step active) and returns its state; changes nothing. */
export const readyUpdate = defineUpdate<CoordinationState>('ready');

export const stateQuery = defineQuery<CoordinationState>('state');
/** Timeline events with seq > `afterSeq` (all when omitted). */
export const timelineQuery = defineQuery<TimelineEvent[], [number?]>('timeline');

export const WORKFLOW_TYPE = 'coordinationWorkflow';
/** Workflow id of a request: a fixed prefix and the request id (never personal data). */
export const workflowIdFor = (requestId: string): string => `koordinasi-${requestId}`;
/** Validator rejections carry this error type so the API can map them to 409. */
export { REJECTED_ACTION } from '../src/domain/failures';
