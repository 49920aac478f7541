/**
 * Refusing an action: the one way an update handler or validator says no. A refusal thrown from a
 * validator keeps the action out of history; the API maps its type to a 409 with the reason.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { REJECTED_ACTION } from '../src/domain/failures';
import type { Refusal } from './validation';

export const refuse = (reason: string): never => {
  throw ApplicationFailure.create({ type: REJECTED_ACTION, message: reason, nonRetryable: true });
};

/** In a validator (or a handler checking again after its last await): throw the refusal, if any. */
export const refuseIf = (refusal: Refusal): void => {
  if (refusal) refuse(refusal);
};
