/** Workflow bundle entry: the worker's `workflowsPath` points here. */
export { coordinationWorkflow } from './coordination';
export type { CarriedOver } from './coordination';
export { scheduledRequestWorkflow } from './scheduledRequest';
