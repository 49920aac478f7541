/**
 * Who may take each action on a request, by action: the one list both the API's routes and the
 * pages' forms authorize with, inside the action pipeline (actionPipeline.ts), so the two can never
 * word or decide a refusal differently. Each names the rule of src/api/access.ts that applies (404
 * for outsiders, 403 for readers without the right); what is particular to pages (email links,
 * staff-only forms) stays in src/web.
 */
import type { Directory } from '../directory/directory';
import type { Actor, OrgId } from '../domain/types';
import { assertCanRespond, assertDelegationAllowed, assertRequester, assertSeatHolder, type RequestAccess } from './access';

type Rule<Out = void, In = void> = (caller: Actor, access: RequestAccess, directory: Directory, input: In) => Out;

/** The seat answered for: the caller's own, or the one an admin names. */
export const mayRespond: Rule<OrgId, { organization?: OrgId }> = (caller, access, directory, body) => assertCanRespond(caller, access, directory, body.organization);
export const mayRevise: Rule = (caller, access, directory) => assertRequester(caller, access, directory, 'revise');
export const mayExtendDeadline: Rule = (caller, access, directory) => assertRequester(caller, access, directory, 'extend the deadline');
/** The seat moved: the caller's own by default. */
export const mayDelegate: Rule<OrgId, { from?: OrgId; to: OrgId; comment?: string }> = (caller, access, directory, body) => assertDelegationAllowed(caller, access, directory, body);
export const mayCancel: Rule = (caller, access, directory) => assertRequester(caller, access, directory, 'cancel');
export const mayMarkConditionMet: Rule = (caller, access, directory) => assertRequester(caller, access, directory, 'mark a condition met');
/** The seat more time is asked for: always the caller's own. */
export const mayAskForMoreTime: Rule<OrgId> = (caller, access, directory) => assertSeatHolder(caller, access, directory, 'ask for more time');
export const mayDecideOnMoreTime: Rule = (caller, access, directory) => assertRequester(caller, access, directory, 'decide on an ask for more time');
