/**
 * Conditions of approval and asks for more time as tables: the pure rules of
 * src/domain/conditions.ts, src/domain/extensions.ts and the validators of
 * workflows/answerValidators.ts (state × input → refusal or null), no Temporal server.
 */
import { outstandingConditions } from '../../src/domain/conditions';
import { askIsMoot, ownDeadlineMs, seatDeadlineMs } from '../../src/domain/extensions';
import { initialState } from '../../src/domain/requestState';
import type { ConditionState, CoordinationState, ExtensionRequestState } from '../../src/domain/types';
import { conditionsRefusal, decideExtensionRefusal, markConditionMetRefusal, requestExtensionRefusal } from '../../workflows/answerValidators';
import type { ValidationContext } from '../../workflows/validators';
import { actor, requestInput } from '../support/workflowHarness';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T02:00:00Z');
const DEADLINE = NOW + 3 * DAY;
const at = (ms: number) => new Date(ms).toISOString();
const ctx = (over: Partial<ValidationContext> = {}): ValidationContext => ({ ready: true, nowMs: NOW, ancestorsOf: () => [], ...over });

/** kpu-sumbawa asks pemkab-sumbawa and bawaslu-sumbawa; first step active, deadline in 3 days. */
function state(change: (s: CoordinationState) => void = () => {}): CoordinationState {
  const s = initialState(requestInput({ steps: [{ participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'], policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P3D' } }] }), at(NOW));
  s.steps[0].status = 'ACTIVE';
  s.steps[0].deadline = at(DEADLINE);
  change(s);
  return s;
}
const condition = (over: Partial<ConditionState> = {}): ConditionState => ({ id: 'c1', step: 0, org: 'pemkab-sumbawa', text: 'Sertakan denah', status: 'OPEN', setAt: at(NOW), setBy: 'u', ...over });
const ask = (over: Partial<ExtensionRequestState> = {}): ExtensionRequestState => ({ id: 'e1', step: 0, org: 'pemkab-sumbawa', until: at(DEADLINE + 2 * DAY), reason: 'Rapat pimpinan', askedAt: at(NOW), askedBy: 'u', status: 'PENDING', ...over });
const withCondition = (over: Partial<ConditionState> = {}) => (s: CoordinationState) => {
  s.conditions = [condition(over)];
};
const withAsk = (over: Partial<ExtensionRequestState> = {}) => (s: CoordinationState) => {
  s.extensions = [ask(over)];
};
const status = (value: CoordinationState['status']) => (s: CoordinationState) => {
  s.status = value;
};
const both = (...fs: Array<(s: CoordinationState) => void>) => (s: CoordinationState) => fs.forEach((f) => f(s));
const requester = actor('kpu-sumbawa');
const pemkab = actor('pemkab-sumbawa');
const admin = actor('dkpp', 'root', ['admin']);

test.each<[string, (s: CoordinationState) => void, number]>([
  ['open request, open condition', withCondition(), 1],
  ['approved request, open condition', both(withCondition(), status('APPROVED')), 1],
  ['approved request, condition met', both(withCondition({ status: 'MET' }), status('APPROVED')), 0],
  ['rejected request: nothing owed', both(withCondition(), status('REJECTED')), 0],
  ['cancelled request: nothing owed', both(withCondition(), status('CANCELLED')), 0],
  ['no conditions at all (older states)', () => {}, 0],
])('outstanding conditions: %s', (_name, change, count) => {
  expect(outstandingConditions(state(change))).toHaveLength(count);
});

test.each<[string, string | undefined, number | null, number | null]>([
  ['no own deadline', undefined, null, DEADLINE],
  ['own deadline after the step\'s', at(DEADLINE + DAY), DEADLINE + DAY, DEADLINE + DAY],
  ['own deadline made moot by a later step extension', at(DEADLINE - DAY), null, DEADLINE],
])('seat deadline: %s', (_name, own, ownMs, effective) => {
  const step = { deadline: at(DEADLINE) };
  expect(ownDeadlineMs(step, { deadline: own })).toBe(ownMs);
  expect(seatDeadlineMs(step, { deadline: own })).toBe(effective);
});

test.each<[string, Parameters<typeof conditionsRefusal>[0], string[] | undefined, RegExp | null]>([
  ['approve with two conditions', 'APPROVE', ['a', 'b'], null],
  ['approve without conditions', 'APPROVE', undefined, null],
  ['reject with conditions', 'REJECT', ['a'], /APPROVE\) only/],
  ['eleven conditions', 'APPROVE', Array.from({ length: 11 }, (_, i) => `c${i}`), /at most 10/],
  ['a blank condition', 'APPROVE', ['  '], /empty/],
  ['a condition too long', 'APPROVE', ['x'.repeat(501)], /longer than 500/],
  ['a condition with a bidi override', 'APPROVE', ['gnp\u202e.exe'], /bidirectional/],
])('conditions: %s', (_name, decision, conditions, expected) => {
  const r = conditionsRefusal(decision, conditions);
  if (expected) expect(r).toMatch(expected);
  else expect(r).toBeNull();
});

describe('mark a condition met', () => {
  test.each<[string, (s: CoordinationState) => void, Parameters<typeof markConditionMetRefusal>[1], RegExp | null]>([
    ['the requester, approved request', both(withCondition(), status('APPROVED')), { actor: requester, conditionId: 'c1', comment: 'Denah dikirim' }, null],
    ['an admin', both(withCondition(), status('APPROVED')), { actor: admin, conditionId: 'c1', comment: 'Denah dikirim' }, null],
    ['early, while the request is open', withCondition(), { actor: requester, conditionId: 'c1', comment: 'Denah dikirim' }, null],
    ['the approver itself', withCondition(), { actor: pemkab, conditionId: 'c1', comment: 'x' }, /only the requester/],
    ['an unknown condition', withCondition(), { actor: requester, conditionId: 'c2', comment: 'x' }, /no condition c2/],
    ['already met', withCondition({ status: 'MET' }), { actor: requester, conditionId: 'c1', comment: 'x' }, /already met/],
    ['of a rejected request', both(withCondition(), status('REJECTED')), { actor: requester, conditionId: 'c1', comment: 'x' }, /no longer owed/],
    ['without a comment', withCondition(), { actor: requester, conditionId: 'c1', comment: ' ' }, /needs a comment/],
  ])('%s', (_name, change, input, expected) => {
    const r = markConditionMetRefusal(state(change), input, ctx());
    if (expected) expect(r).toMatch(expected);
    else expect(r).toBeNull();
  });
});

describe('ask for more time', () => {
  const input = (over: Partial<Parameters<typeof requestExtensionRefusal>[1]> = {}) => ({ actor: pemkab, organization: 'pemkab-sumbawa', until: at(DEADLINE + 2 * DAY), reason: 'Rapat pimpinan', ...over });
  test.each<[string, (s: CoordinationState) => void, Parameters<typeof requestExtensionRefusal>[1], RegExp | null]>([
    ['the seat holder, a later date', () => {}, input(), null],
    ['for another seat', () => {}, input({ organization: 'bawaslu-sumbawa' }), /only for its own seat/],
    ['not a seat holder', () => {}, input({ actor: actor('kpu-ntb'), organization: 'kpu-ntb' }), /holds no seat/],
    ['after deciding', (s) => (s.steps[0].participants[0].status = 'APPROVED'), input(), /already decided/],
    ['a second ask while one waits', withAsk(), input(), /already has an ask/],
    ['again after a decline', withAsk({ status: 'DECLINED' }), input(), null],
    ['a date before the deadline', () => {}, input({ until: at(DEADLINE - DAY) }), /after the current deadline/],
    ['a date before its own later deadline', (s) => (s.steps[0].participants[0].deadline = at(DEADLINE + 3 * DAY)), input(), /after the current deadline/],
    ['a date in the past', () => {}, input({ until: at(NOW - DAY) }), /in the past/],
    ['without a reason', () => {}, input({ reason: '' }), /needs a reason/],
    ['while changes are asked', status('CHANGES_REQUESTED'), input(), /waiting for a revision/],
    ['on a closed request', status('APPROVED'), input(), /closed \(APPROVED\)/],
  ])('%s', (_name, change, i, expected) => {
    const r = requestExtensionRefusal(state(change), i, ctx());
    if (expected) expect(r).toMatch(expected);
    else expect(r).toBeNull();
  });
});

describe('decide an ask for more time', () => {
  const input = (over: Partial<Parameters<typeof decideExtensionRefusal>[1]> = {}) => ({ actor: requester, extensionId: 'e1', decision: 'GRANT_SEAT' as const, ...over });
  test.each<[string, (s: CoordinationState) => void, Parameters<typeof decideExtensionRefusal>[1], RegExp | null]>([
    ['grant for the seat', withAsk(), input(), null],
    ['grant for the step', withAsk(), input({ decision: 'GRANT_STEP' }), null],
    ['decline with a reason', withAsk(), input({ decision: 'DECLINE', reason: 'Jadwal pleno tetap' }), null],
    ['an admin grants', withAsk(), input({ actor: admin }), null],
    ['decline without a reason', withAsk(), input({ decision: 'DECLINE' }), /needs a reason/],
    ['the asker decides its own ask', withAsk(), input({ actor: pemkab }), /only the requester/],
    ['an unknown ask', withAsk(), input({ extensionId: 'e7' }), /no ask for more time e7/],
    ['already decided', withAsk({ status: 'GRANTED' }), input(), /already decided/],
    ['lapsed', withAsk({ status: 'LAPSED' }), input({ decision: 'DECLINE', reason: 'x' }), /lapsed: pemkab-sumbawa no longer waits/],
    ['the seat answered meanwhile', both(withAsk(), (s) => (s.steps[0].participants[0].status = 'APPROVED')), input(), /can only be declined/],
    ['the seat answered meanwhile: declining still works', both(withAsk(), (s) => (s.steps[0].participants[0].status = 'APPROVED')), input({ decision: 'DECLINE', reason: 'sudah dijawab' }), null],
    ['the date asked for has passed', withAsk({ until: at(NOW - DAY) }), input(), /has passed/],
    ['the step was extended past the date', both(withAsk(), (s) => (s.steps[0].deadline = at(DEADLINE + 5 * DAY))), input(), /not after the step's deadline/],
    ['past the request expiry', both(withAsk({ until: at(DEADLINE + 10 * DAY) }), (s) => (s.expireAfter = 'P5D')), input(), /expires before/],
    ['past the request expiry, for the step', both(withAsk({ until: at(DEADLINE + 10 * DAY) }), (s) => (s.expireAfter = 'P5D')), input({ decision: 'GRANT_STEP' }), null],
    ['on a closed request', both(withAsk(), status('CANCELLED')), input(), /closed \(CANCELLED\)/],
  ])('%s', (_name, change, i, expected) => {
    const r = decideExtensionRefusal(state(change), i, ctx());
    if (expected) expect(r).toMatch(expected);
    else expect(r).toBeNull();
  });
});

test.each<[string, (s: CoordinationState) => void, Partial<ExtensionRequestState>, boolean]>([
  ['the seat still waits', () => {}, {}, false],
  ['the seat acknowledged (still undecided)', (s) => (s.steps[0].participants[0].status = 'ACKNOWLEDGED'), {}, false],
  ['waiting for a revision: the seat will be asked again', both(status('CHANGES_REQUESTED')), {}, false],
  ['the seat answered', (s) => (s.steps[0].participants[0].status = 'APPROVED'), {}, true],
  ['the seat was delegated away', (s) => (s.steps[0].participants[0].org = 'pemprov-ntb'), {}, true],
  ['the step is over', (s) => (s.currentStep = 1), {}, true],
  ['the request closed', status('CANCELLED'), {}, true],
  ['already decided: not a waiting ask', status('CANCELLED'), { status: 'DECLINED' }, false],
])('askIsMoot: %s', (_what, change, over, moot) => {
  expect(askIsMoot(state(change), ask(over))).toBe(moot);
});
