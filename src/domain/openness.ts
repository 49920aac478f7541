/**
 * Whether a request is still open, and whether a participant has still to decide: the one home of
 * these two rules, for the workflow, the API, the pages and the records alike. A leaf module (it
 * imports types only), so any domain file may use it without an import circle; requestState.ts
 * names it again for its older importers.
 */
import type { CoordinationState, ParticipantState, RequestStatus } from './request';

export const OPEN_STATUSES: readonly RequestStatus[] = ['IN_PROGRESS', 'CHANGES_REQUESTED'];

/** Open: still in progress or waiting for the requester's revision (approved, rejected, cancelled and expired are closed). */
export const isOpen = (s: Pick<CoordinationState, 'status'>): boolean => OPEN_STATUSES.includes(s.status);

/** A participant who has not decided: pending or merely acknowledged. */
export const isUndecided = (p: Pick<ParticipantState, 'status'>): boolean => p.status === 'PENDING' || p.status === 'ACKNOWLEDGED';
