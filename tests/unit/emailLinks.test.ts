/** Email-link tokens and what a genuine link may do against a request's state. */
import { EmailLinks, linkModeFor, linkStanding, type LinkGrant } from '../../src/links/emailLinks';
import { deriveKey, webSecretOf } from '../../src/links/keys';
import type { CoordinationState } from '../../src/domain/types';

const SECRET = 'unit-test-secret-0123456789abcdef0123';
const grant: Omit<LinkGrant, 'exp'> = { requestId: 'rq-0123456789abcdef0123456789abcdef', org: 'pemkab-sumbawa', address: 'a@pemkab.example', mode: 'answer', revision: 2 };

test('a minted link verifies to its grant; tampered, expired, foreign-key and garbage tokens do not', async () => {
  const links = new EmailLinks(SECRET, 3600);
  const token = await links.mint(grant);
  expect(await links.verify(token)).toEqual({ ...grant, exp: expect.any(Number) });
  const [h, p, sig] = token.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, org: 'kpu-ri' })).toString('base64url')}.${sig}`;
  expect(await links.verify(forged)).toBeNull();
  expect(await links.verify(await links.mint(grant, Date.now() - 7200_000))).toBeNull();
  expect(await new EmailLinks('another-secret-0123456789abcdef0123', 3600).verify(token)).toBeNull();
  for (const junk of ['', 'x', 'a.b.c', 'x'.repeat(5000)]) expect(await links.verify(junk)).toBeNull();
});

test('keys are separated by purpose', () => {
  expect(Buffer.from(deriveKey(SECRET, 'session')).equals(Buffer.from(deriveKey(SECRET, 'email-link')))).toBe(false);
  expect(Buffer.from(deriveKey(SECRET, 'csrf'))).toHaveLength(32);
});

test('the web secret falls back to JWT_SECRET in development only, never in production', () => {
  const jwt = 'jwt-secret-16-chars';
  expect(webSecretOf({ NODE_ENV: 'development', JWT_SECRET: jwt })).toBe(jwt);
  expect(webSecretOf({ NODE_ENV: 'test', WEB_SECRET: SECRET, JWT_SECRET: jwt })).toBe(SECRET);
  expect(webSecretOf({ NODE_ENV: 'production', JWT_SECRET: jwt })).toBeUndefined();
  expect(webSecretOf({ NODE_ENV: 'production', WEB_SECRET: SECRET, JWT_SECRET: jwt })).toBe(SECRET);
});

const state = (over: Partial<CoordinationState> = {}, holders = ['pemkab-sumbawa']): CoordinationState =>
  ({
    id: grant.requestId,
    status: 'IN_PROGRESS',
    revision: 2,
    closedAt: null,
    steps: [{ participants: holders.map((org) => ({ org, status: 'PENDING', delegatedFrom: [] })) }],
    ...over,
  }) as unknown as CoordinationState;

test.each([
  ['open, seat held, same revision', grant, state(), 'answer'],
  ['view-only link', { ...grant, mode: 'view' as const }, state(), 'view'],
  ['request revised since', grant, state({ revision: 3 }), 'view'],
  ['seat delegated away', grant, state({}, ['pemprov-ntb']), 'view'],
  ['waiting for a revision (still open)', grant, state({ status: 'CHANGES_REQUESTED' }), 'answer'],
  ['approved', grant, state({ status: 'APPROVED', closedAt: '2026-01-01T00:00:00Z' }), 'closed'],
  ['cancelled', grant, state({ status: 'CANCELLED', closedAt: '2026-01-01T00:00:00Z' }), 'closed'],
])('standing: %s', (_name, g, s, want) => {
  expect(linkStanding({ ...g, exp: 0 }, s)).toBe(want);
});

test.each([
  ['PARTICIPANT', 'on', 'answer'],
  ['PARTICIPANT', 'view-only', 'view'],
  ['TEMBUSAN', 'on', 'view'],
  ['SUPERVISOR', 'on', 'view'],
  ['REQUESTER', 'on', undefined],
  ['PARTICIPANT', 'off', undefined],
  ['TEMBUSAN', 'off', undefined],
] as const)('link mode of %s with EMAIL_LINK_ACCESS=%s: %s', (role, setting, want) => {
  expect(linkModeFor(role, setting)).toBe(want);
});
