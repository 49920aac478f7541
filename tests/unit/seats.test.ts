/** The seat rules and the free-text rules, as plain functions (src/domain): table tests, no server. */
import { answersForOwnSeat, delegationRefusal, mayMoveSeat, movedByRequester, movedOnBehalf, requesterSeatRefusal, type DelegationFacts } from '../../src/domain/seats';
import { freeTextProblem, textProblem } from '../../src/domain/text';

const staff = (org: string) => ({ sub: `u-${org}`, org, roles: ['staff'] });
const admin = (org: string) => ({ sub: `u-${org}`, org, roles: ['staff', 'admin'] });
// kpu-ri > kpu-ntb > kpu-sumbawa; pemprov-ntb > pemkab-sumbawa
const ANCESTORS: Record<string, string[]> = { 'kpu-sumbawa': ['kpu-ntb', 'kpu-ri'], 'kpu-ntb': ['kpu-ri'], 'pemkab-sumbawa': ['pemprov-ntb'] };
const facts = (actor: DelegationFacts['actor'], from: string, to: string, comment?: string): DelegationFacts => ({
  actor,
  requester: 'kpu-ntb',
  from,
  to,
  comment,
  ancestorsOfTo: ANCESTORS[to] ?? [],
});

test.each<[string, DelegationFacts, null | { kind: string; field: string }]>([
  ['holder to a sibling', facts(staff('pemprov-ntb'), 'pemprov-ntb', 'bawaslu-ntb'), null],
  ['holder to its own regency', facts(staff('pemprov-ntb'), 'pemprov-ntb', 'pemkab-sumbawa'), null],
  ['holder under the requester (its freedom)', facts(staff('pemprov-ntb'), 'pemprov-ntb', 'kpu-sumbawa'), null],
  ['holder to the requester', facts(staff('pemprov-ntb'), 'pemprov-ntb', 'kpu-ntb'), { kind: 'invalid', field: 'to' }],
  ['holder to itself', facts(staff('pemprov-ntb'), 'pemprov-ntb', 'pemprov-ntb'), { kind: 'invalid', field: 'to' }],
  ['requester with a reason', facts(staff('kpu-ntb'), 'pemprov-ntb', 'pemkab-sumbawa', 'gudang'), null],
  ['requester without a reason', facts(staff('kpu-ntb'), 'pemprov-ntb', 'pemkab-sumbawa'), { kind: 'invalid', field: 'comment' }],
  ['requester with a blank reason', facts(staff('kpu-ntb'), 'pemprov-ntb', 'pemkab-sumbawa', ' \n'), { kind: 'invalid', field: 'comment' }],
  ['requester to its regency', facts(staff('kpu-ntb'), 'pemprov-ntb', 'kpu-sumbawa', 'x'), { kind: 'invalid', field: 'to' }],
  ['requester to itself', facts(staff('kpu-ntb'), 'pemprov-ntb', 'kpu-ntb', 'x'), { kind: 'invalid', field: 'to' }],
  ['an admin of the requester organization is still the requester', facts(admin('kpu-ntb'), 'pemprov-ntb', 'kpu-sumbawa', 'x'), { kind: 'invalid', field: 'to' }],
  ['an admin elsewhere, no reason', facts(admin('dkpp'), 'pemprov-ntb', 'kpu-sumbawa'), null],
  ['an admin to the requester', facts(admin('dkpp'), 'pemprov-ntb', 'kpu-ntb'), { kind: 'invalid', field: 'to' }],
  ['another participant', facts(staff('bawaslu-ntb'), 'pemprov-ntb', 'pemkab-sumbawa', 'x'), { kind: 'forbidden', field: 'from' }],
  ['the requester parent (kpu-ri)', facts(staff('kpu-ri'), 'pemprov-ntb', 'pemkab-sumbawa', 'x'), { kind: 'forbidden', field: 'from' }],
])('%s', (_name, f, expected) => {
  const got = delegationRefusal(f);
  if (expected === null) expect(got).toBeNull();
  else expect(got).toMatchObject({ ...expected, reason: expect.any(String) });
});

test('who is told: a move on the holder’s behalf, and whether the requester made it', () => {
  expect(movedOnBehalf({ actor: staff('kpu-ntb'), from: 'pemprov-ntb' })).toBe(true);
  expect(movedOnBehalf({ actor: admin('dkpp'), from: 'pemprov-ntb' })).toBe(true);
  expect(movedOnBehalf({ actor: staff('pemprov-ntb'), from: 'pemprov-ntb' })).toBe(false);
  expect(movedByRequester({ actor: staff('kpu-ntb'), requester: 'kpu-ntb', from: 'pemprov-ntb' })).toBe(true);
  expect(movedByRequester({ actor: admin('dkpp'), requester: 'kpu-ntb', from: 'pemprov-ntb' })).toBe(false);
});

test('the requester is never a participant of its own request', () => {
  expect(requesterSeatRefusal('kpu-ntb', ['pemprov-ntb', 'kpu-ntb'])).toMatch(/cannot be a participant/);
  expect(requesterSeatRefusal('kpu-ntb', ['pemprov-ntb', 'kpu-sumbawa'])).toBeNull();
});

test.each([
  ['plain text', 'Mohon lampirkan denah gudang.', true, null],
  ['tab and line breaks in multi-line text', 'baris 1\n\tbaris 2\r\n', true, null],
  ['a line break in one-line text', 'judul\nBcc: x', false, /control characters/],
  ['NUL', 'a\u0000b', true, /control characters/],
  ['ESC', 'a\u001b[31mb', true, /control characters/],
  ['C1 NEL', 'a\u0085b', true, /control characters/],
  ['RLO', 'gnp\u202Eexe', true, /bidirectional/],
  ['RLI', 'a\u2067b', true, /bidirectional/],
  ['RLM', 'a\u200Fb', true, /bidirectional/],
  ['Arabic letter mark', 'a\u061Cb', false, /bidirectional/],
  ['Indonesian and other scripts are fine', 'Catatan: “ok” — café, 日本, عربي', false, null],
] as const)('free text: %s', (_name, text, multiLine, expected) => {
  const got = freeTextProblem(text, { multiLine });
  if (expected === null) expect(got).toBeNull();
  else expect(got).toMatch(expected);
});

test('length limits come with the field name', () => {
  expect(textProblem('x'.repeat(2001), 'comment', 2000)).toBe('comment is longer than 2000 characters');
  expect(textProblem('x'.repeat(2000), 'comment', 2000)).toBeNull();
  expect(textProblem(undefined, 'comment', 2000)).toBeNull();
  expect(textProblem('a\u202Eb', 'reason', 2000)).toMatch(/^reason must not contain bidirectional/);
});

describe('answering and moving seats', () => {
  test.each([
    ['its own seat', staff('pemprov-ntb'), 'pemprov-ntb', true],
    ["another organization's seat", staff('pemprov-ntb'), 'bawaslu-ntb', false],
    ["the requester, for a participant's seat", staff('kpu-ntb'), 'pemprov-ntb', false],
    ["an admin, for another organization's seat", admin('dkpp'), 'pemprov-ntb', true],
  ])('%s may be answered: %s', (_who, actor, seat, expected) => {
    expect(answersForOwnSeat(actor, seat)).toBe(expected);
  });

  test.each([
    ['its holder', staff('pemprov-ntb'), true],
    ['the requester', staff('kpu-ntb'), true],
    ['an admin elsewhere', admin('dkpp'), true],
    ['another participant', staff('bawaslu-ntb'), false],
    ['a supervisor of the holder', staff('kpu-ri'), false],
  ])('a seat may be moved by %s: %s', (_who, actor, expected) => {
    expect(mayMoveSeat(actor, 'kpu-ntb', 'pemprov-ntb')).toBe(expected);
  });
});
