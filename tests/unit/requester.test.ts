/** The one home of "the requester or an admin" (src/domain/requester.ts), and the API rules that call it. */
import { isRequesterOrAdmin } from '../../src/domain/requester';
import { seesAnswerAddresses } from '../../src/api/answerAddresses';
import { canManageSchedule } from '../../src/api/schedules/access';

const staff = (org: string) => ({ sub: `u-${org}`, org, roles: ['staff'] });
const admin = (org: string) => ({ sub: `u-${org}`, org, roles: ['staff', 'admin'] });

test.each([
  ['the requester organization', staff('kpu-ntb'), true],
  ['an admin of the requester organization', admin('kpu-ntb'), true],
  ['an admin of another organization', admin('dkpp'), true],
  ['a participant', staff('pemprov-ntb'), false],
  ['a supervisor of the requester', staff('kpu-ri'), false],
  ['a subordinate of the requester', staff('kpu-sumbawa'), false],
])('%s acts as the requester: %s', (_who, actor, expected) => {
  expect(isRequesterOrAdmin(actor, 'kpu-ntb')).toBe(expected);
  // The rules that are "requester or admin" answer the same.
  expect(canManageSchedule(actor, 'kpu-ntb')).toBe(expected);
  expect(seesAnswerAddresses(actor, 'kpu-ntb')).toBe(expected);
});
