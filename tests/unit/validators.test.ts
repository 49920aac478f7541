/**
 * The workflow's validators as tables: state × input → refusal (or null), no Temporal server. The
 * workflow tests check that the workflow uses them; these check what they say.
 */
import { initialState } from '../../src/domain/requestState';
import type { CoordinationState } from '../../src/domain/types';
import { cancelRefusal, delegateRefusal, extendRefusal, respondRefusal, reviseRefusal, type ValidationContext } from '../../workflows/validators';
import { actor, requestInput } from '../support/workflowHarness';

const NOW = Date.parse('2026-12-01T02:00:00Z');
const ctx = (over: Partial<ValidationContext> = {}): ValidationContext => ({ ready: true, nowMs: NOW, ancestorsOf: () => [], ...over });

/** kpu-sumbawa asks pemkab-sumbawa and bawaslu-sumbawa; step 2: kpu-ntb. First step active, deadline in 3 days. */
function state(change: (s: CoordinationState) => void = () => {}): CoordinationState {
  const s = initialState(
    requestInput({
      steps: [
        { participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'], policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P3D' } },
        { participants: ['kpu-ntb'], policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P3D' } },
      ],
    }),
    new Date(NOW).toISOString(),
  );
  s.steps[0].status = 'ACTIVE';
  s.steps[0].deadline = new Date(NOW + 3 * 86_400_000).toISOString();
  change(s);
  return s;
}
const requester = actor('kpu-sumbawa');
const pemkab = actor('pemkab-sumbawa');
const adminDkpp = actor('dkpp', 'root', ['admin']);
const closed = (s: CoordinationState) => {
  s.status = 'CANCELLED';
};
const changesAsked = (s: CoordinationState) => {
  s.status = 'CHANGES_REQUESTED';
  s.steps[0].status = 'CHANGES_REQUESTED';
  s.steps[0].participants[1].status = 'CHANGES_REQUESTED';
};
const pemkabApproved = (s: CoordinationState) => {
  s.steps[0].participants[0].status = 'APPROVED';
};

describe('respond', () => {
  test.each<[string, (s: CoordinationState) => void, Parameters<typeof respondRefusal>[1], ValidationContext, RegExp | null]>([
    ['a seat holder approves', () => {}, { actor: pemkab, organization: 'pemkab-sumbawa', decision: 'APPROVE' }, ctx(), null],
    ['an admin answers for a seat', () => {}, { actor: adminDkpp, organization: 'pemkab-sumbawa', decision: 'REJECT' }, ctx(), null],
    ['before the request is set up', () => {}, { actor: pemkab, organization: 'pemkab-sumbawa', decision: 'APPROVE' }, ctx({ ready: false }), /being set up/],
    ['on a closed request', closed, { actor: pemkab, organization: 'pemkab-sumbawa', decision: 'APPROVE' }, ctx(), /closed \(CANCELLED\)/],
    ['while changes are asked', changesAsked, { actor: pemkab, organization: 'pemkab-sumbawa', decision: 'APPROVE' }, ctx(), /waiting for a revision/],
    ["for another's seat", () => {}, { actor: pemkab, organization: 'bawaslu-sumbawa', decision: 'APPROVE' }, ctx(), /only for its own seat/],
    ['for a seat of a later step', () => {}, { actor: actor('kpu-ntb'), organization: 'kpu-ntb', decision: 'APPROVE' }, ctx(), /seat in step 2, not in the active step 1/],
    ['by an outsider', () => {}, { actor: actor('dkpp'), organization: 'dkpp', decision: 'APPROVE' }, ctx(), /not a participant/],
    ['twice', pemkabApproved, { actor: pemkab, organization: 'pemkab-sumbawa', decision: 'REJECT' }, ctx(), /already decided \(APPROVED\)/],
    ['changes without a comment', () => {}, { actor: pemkab, organization: 'pemkab-sumbawa', decision: 'REQUEST_CHANGES', comment: ' ' }, ctx(), /needs a comment/],
    ['with a bidi override in the comment', () => {}, { actor: pemkab, organization: 'pemkab-sumbawa', decision: 'APPROVE', comment: 'ok\u202E' }, ctx(), /bidirectional/],
    ['with a comment too long', () => {}, { actor: pemkab, organization: 'pemkab-sumbawa', decision: 'APPROVE', comment: 'x'.repeat(2001) }, ctx(), /longer than 2000/],
  ])('%s', (_name, change, input, c, expected) => {
    const got = respondRefusal(state(change), input, c);
    if (expected) expect(got).toMatch(expected);
    else expect(got).toBeNull();
  });
});

describe('revise, extend, cancel', () => {
  test.each<[string, () => string | null, RegExp | null]>([
    ['revise when changes were asked', () => reviseRefusal(state(changesAsked), { actor: requester, comment: 'ok' }, ctx()), null],
    ['revise with nothing asked', () => reviseRefusal(state(), { actor: requester }, ctx()), /nothing to revise/],
    ['revise by a participant', () => reviseRefusal(state(changesAsked), { actor: pemkab }, ctx()), /only the requester organization kpu-sumbawa may revise/],
    ['revise to a blank title', () => reviseRefusal(state(changesAsked), { actor: requester, title: '  ' }, ctx()), /title must be 1\.\.200/],
    ['revise to a title with a NUL', () => reviseRefusal(state(changesAsked), { actor: requester, title: 'a\u0000' }, ctx()), /control characters/],
    ['extend by a duration', () => extendRefusal(state(), { actor: requester, deadline: { kind: 'DURATION', duration: 'P5D' } }, ctx()), null],
    ['extend to before the current deadline', () => extendRefusal(state(), { actor: requester, deadline: { kind: 'DURATION', duration: 'P1D' } }, ctx()), /must be after the current one/],
    ['extend to the past', () => extendRefusal(state(), { actor: requester, deadline: { kind: 'AT', at: '2026-01-01T00:00:00Z' } }, ctx()), /in the past/],
    ['extend to a non-instant', () => extendRefusal(state(), { actor: requester, deadline: { kind: 'AT', at: 'soon' } }, ctx()), /not a valid instant/],
    ['extend by zero working days', () => extendRefusal(state(), { actor: requester, deadline: { kind: 'WORKING_DAYS', days: 0 } }, ctx()), /whole number ≥ 1/],
    ['extend a closed request', () => extendRefusal(state(closed), { actor: requester, deadline: { kind: 'DURATION', duration: 'P5D' } }, ctx()), /closed/],
    ['cancel by the requester', () => cancelRefusal(state(), { actor: requester, reason: 'batal' }, ctx()), null],
    ['cancel by an admin', () => cancelRefusal(state(), { actor: adminDkpp }, ctx()), null],
    ['cancel by a participant', () => cancelRefusal(state(), { actor: pemkab }, ctx()), /only the requester/],
    ['cancel twice', () => cancelRefusal(state(closed), { actor: requester }, ctx()), /closed/],
  ])('%s', (_name, run, expected) => {
    const got = run();
    if (expected) expect(got).toMatch(expected);
    else expect(got).toBeNull();
  });
});

describe('delegate', () => {
  const under = ctx({ ancestorsOf: (o) => (o === 'kpu-sumbawa-kecamatan' ? ['kpu-sumbawa', 'kpu-ntb'] : []) });
  test.each<[string, (s: CoordinationState) => void, Parameters<typeof delegateRefusal>[1], ValidationContext, RegExp | null]>([
    ['the holder to another organization', () => {}, { actor: pemkab, from: 'pemkab-sumbawa', to: 'pemprov-ntb' }, ctx(), null],
    ['the requester with a reason', () => {}, { actor: requester, from: 'pemkab-sumbawa', to: 'pemprov-ntb', comment: 'kewenangan' }, ctx(), null],
    ['the requester without a reason', () => {}, { actor: requester, from: 'pemkab-sumbawa', to: 'pemprov-ntb' }, ctx(), /needs a reason/],
    ['to the requester', () => {}, { actor: pemkab, from: 'pemkab-sumbawa', to: 'kpu-sumbawa' }, ctx(), /never moves to the requester/],
    ['the requester to an organization under it', () => {}, { actor: requester, from: 'pemkab-sumbawa', to: 'kpu-sumbawa-kecamatan', comment: 'x' }, under, /under the requester/],
    ['by another participant', () => {}, { actor: actor('bawaslu-sumbawa'), from: 'pemkab-sumbawa', to: 'pemprov-ntb' }, ctx(), /only pemkab-sumbawa itself/],
    ['a decided seat', pemkabApproved, { actor: pemkab, from: 'pemkab-sumbawa', to: 'pemprov-ntb' }, ctx(), /already decided/],
    ['to a holder of the same step', () => {}, { actor: pemkab, from: 'pemkab-sumbawa', to: 'bawaslu-sumbawa' }, ctx(), /already holds a seat in step 1/],
    ['a seat in a waiting step', () => {}, { actor: actor('kpu-ntb'), from: 'kpu-ntb', to: 'kpu-ri' }, ctx(), null],
    ['no seat at all', () => {}, { actor: adminDkpp, from: 'dkpp', to: 'kpu-ri' }, ctx(), /holds no seat/],
    ['on a closed request', closed, { actor: pemkab, from: 'pemkab-sumbawa', to: 'pemprov-ntb' }, ctx(), /closed/],
  ])('%s', (_name, change, input, c, expected) => {
    const got = delegateRefusal(state(change), input, c);
    if (expected) expect(got).toMatch(expected);
    else expect(got).toBeNull();
  });
});
