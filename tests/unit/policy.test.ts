/** Approval policy evaluation (docs/ARCHITECTURE.md#the-coordination-request) against sequences of responses, without Temporal. */
import { evaluateStep, stepProgress, validatePolicy, type StepOutcome } from '../../src/domain/policy';
import type { ApprovalPolicy, ParticipantState, ParticipantStatus } from '../../src/domain/types';

const ALL: ApprovalPolicy = { type: 'ALL' };
const ANY: ApprovalPolicy = { type: 'ANY' };
const Q = (min: number): ApprovalPolicy => ({ type: 'QUORUM', min });

/** Letters → seat statuses: A approved, R rejected, C changes requested, K acknowledged, . pending. */
function seats(pattern: string): ParticipantState[] {
  const map: Record<string, ParticipantStatus> = { A: 'APPROVED', R: 'REJECTED', C: 'CHANGES_REQUESTED', K: 'ACKNOWLEDGED', '.': 'PENDING' };
  return [...pattern].map((ch, i) => ({ org: `org-${i}`, status: map[ch], delegatedFrom: [] }));
}

describe.each<[string, ApprovalPolicy, Array<[string, StepOutcome]>]>([
  [
    'ALL',
    ALL,
    [
      ['...', 'PENDING'],
      ['AK.', 'PENDING'],
      ['AAA', 'APPROVED'],
      ['AR.', 'REJECTED'], // one rejection rejects at once
      ['R..', 'REJECTED'],
      ['AC.', 'CHANGES_REQUESTED'],
      ['CR.', 'REJECTED'], // nothing to revise once approval is out of reach
      ['A', 'APPROVED'],
    ],
  ],
  [
    'ANY',
    ANY,
    [
      ['...', 'PENDING'],
      ['..A', 'APPROVED'], // the first approval decides
      ['RRA', 'APPROVED'],
      ['RR.', 'PENDING'],
      ['RRR', 'REJECTED'], // only when everyone rejected
      ['RC.', 'CHANGES_REQUESTED'],
      ['CA.', 'APPROVED'], // a decided outcome wins over a pending change request
    ],
  ],
  [
    'QUORUM(2) of 4',
    Q(2),
    [
      ['....', 'PENDING'],
      ['A...', 'PENDING'],
      ['A.A.', 'APPROVED'],
      ['RR..', 'PENDING'], // two can still approve
      ['RRR.', 'REJECTED'], // quorum became impossible
      ['ARR.', 'PENDING'],
      ['ARRR', 'REJECTED'],
      ['C...', 'CHANGES_REQUESTED'],
      ['CRRR', 'REJECTED'], // even the change requester's approval would not reach 2
    ],
  ],
  [
    'QUORUM(3) of 3 behaves like ALL',
    Q(3),
    [
      ['AA.', 'PENDING'],
      ['AAA', 'APPROVED'],
      ['AAR', 'REJECTED'],
    ],
  ],
])('%s', (_name, policy, cases) => {
  test.each(cases)('%s → %s', (pattern, expected) => {
    expect(evaluateStep(policy, seats(pattern))).toBe(expected);
  });
});

test('a response sequence is evaluated after each answer: quorum 2 of 3 decided by the third answer', () => {
  const s = seats('...');
  const outcomes: StepOutcome[] = [];
  for (const [i, status] of [[0, 'REJECTED'], [1, 'APPROVED'], [2, 'APPROVED']] as const) {
    s[i].status = status;
    outcomes.push(evaluateStep(Q(2), s));
  }
  expect(outcomes).toEqual(['PENDING', 'PENDING', 'APPROVED']);
});

test('delegation keeps the seat: the delegate answers for it and the count is unchanged', () => {
  const s = seats('A.');
  s[1] = { org: 'pemprov-ntb', status: 'PENDING', delegatedFrom: ['pemkab-sumbawa'] };
  expect(stepProgress(ALL, s)).toMatchObject({ approved: 1, pending: 1, required: 2, total: 2 });
  s[1].status = 'APPROVED';
  expect(evaluateStep(ALL, s)).toBe('APPROVED');
});

test('revision: change requesters answering again turns CHANGES_REQUESTED back into a live step', () => {
  const s = seats('AC');
  expect(evaluateStep(ALL, s)).toBe('CHANGES_REQUESTED');
  s[1].status = 'PENDING'; // the revision asks them again
  expect(evaluateStep(ALL, s)).toBe('PENDING');
  s[1].status = 'APPROVED';
  expect(evaluateStep(ALL, s)).toBe('APPROVED');
});

test('progress counts approved / required / total; acknowledged counts as pending', () => {
  expect(stepProgress(Q(2), seats('AKRC.'))).toEqual({ approved: 1, rejected: 1, changesRequested: 1, pending: 2, required: 2, total: 5 });
  expect(stepProgress(ANY, seats('...')).required).toBe(1);
  expect(stepProgress(ALL, seats('...')).required).toBe(3);
});

test('policy validation: quorum must fit the participants', () => {
  expect(validatePolicy(Q(4), 3)).toMatch(/larger than the 3 participants/);
  expect(validatePolicy(Q(0), 3)).toMatch(/≥ 1/);
  expect(validatePolicy(Q(1.5), 3)).toMatch(/whole number/);
  expect(validatePolicy(Q(3), 3)).toBeNull();
  expect(validatePolicy(ALL, 1)).toBeNull();
});
