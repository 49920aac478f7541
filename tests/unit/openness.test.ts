/** The one home of "is the request open" and "has this participant still to decide" (src/domain/openness.ts). */
import { isOpen, isUndecided } from '../../src/domain/openness';
import { isOpen as isOpenOfState, isUndecided as isUndecidedOfState } from '../../src/domain/requestState';
import { PARTICIPANT_STATUSES, REQUEST_STATUSES, type ParticipantStatus, type RequestStatus } from '../../src/domain/types';

const OPEN: Record<RequestStatus, boolean> = {
  IN_PROGRESS: true,
  CHANGES_REQUESTED: true,
  APPROVED: false,
  REJECTED: false,
  CANCELLED: false,
  EXPIRED: false,
};

const UNDECIDED: Record<ParticipantStatus, boolean> = {
  PENDING: true,
  ACKNOWLEDGED: true,
  APPROVED: false,
  REJECTED: false,
  CHANGES_REQUESTED: false,
};

test.each(REQUEST_STATUSES.map((status) => [status, OPEN[status]] as const))('a request %s is open: %s', (status, open) => {
  expect(isOpen({ status })).toBe(open);
});

test.each(PARTICIPANT_STATUSES.map((status) => [status, UNDECIDED[status]] as const))('a participant %s is undecided: %s', (status, undecided) => {
  expect(isUndecided({ status })).toBe(undecided);
});

test('requestState names the same functions (its importers keep working)', () => {
  expect(isOpenOfState).toBe(isOpen);
  expect(isUndecidedOfState).toBe(isUndecided);
});
