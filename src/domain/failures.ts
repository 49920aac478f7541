/**
 * Names of the failure types that cross process boundaries (workflow ↔ activities ↔ API): one
 * home, so a renamed type cannot silently stop matching on the other side.
 */

/** A workflow update validator or handler refused the action; the API answers 409 with its reason. */
export const REJECTED_ACTION = 'RejectedAction';
/** A notification that can never be delivered (4xx webhook, refused address): not retried. */
export const PERMANENT_DELIVERY_FAILURE = 'PermanentDeliveryFailure';
/** The directory has no such organization: retrying will not help. */
export const UNKNOWN_ORGANIZATION = 'UnknownOrganization';
/** The election schedule has no such stage (now): retried, since the operator may restore it. */
export const UNKNOWN_STAGE = 'UnknownStage';
