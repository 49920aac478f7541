/**
 * The CSRF check of form posts: the token bound to the session and the browser's own origin
 * headers, judged against PUBLIC_BASE_URL's origin only (never the request's own Host header).
 */
import type { Request } from 'express';
import { Csrf, CSRF_FIELD } from '../../src/web/csrf';

const PUBLIC = 'https://koordinasi.example';
const csrf = new Csrf('a-web-secret-of-at-least-thirty-two-chars', PUBLIC);
const SID = 'session-1';

/** The parts of an Express request the check reads. */
function post(headers: Record<string, string>, body: Record<string, unknown> = { [CSRF_FIELD]: csrf.tokenFor(SID) }): Request {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { headers: lower, body, protocol: 'http', get: (name: string) => lower[name.toLowerCase()] } as unknown as Request;
}

test.each([
  ['same origin by Sec-Fetch-Site and Origin', { 'Sec-Fetch-Site': 'same-origin', Origin: PUBLIC, Host: 'koordinasi.example' }, null],
  ['no origin headers (an old browser), right token', { Host: 'koordinasi.example' }, null],
  ['a cross-site Sec-Fetch-Site', { 'Sec-Fetch-Site': 'cross-site', Origin: PUBLIC }, 'cross-site form post (Sec-Fetch-Site: cross-site)'],
  ['another origin', { Origin: 'https://evil.example', Host: 'koordinasi.example' }, 'form post from another origin'],
  // A rebound DNS name or a proxy passing the Host through: Origin equals Host, not the public address.
  ['an Origin equal to the request’s own Host', { Origin: 'http://rebound.example', Host: 'rebound.example' }, 'form post from another origin'],
])('%s', (_what, headers, want) => {
  expect(csrf.problem(post(headers), SID)).toBe(want);
});

test('the token: missing, forged, of another session', () => {
  const headers = { 'Sec-Fetch-Site': 'same-origin', Origin: PUBLIC };
  expect(csrf.problem(post(headers, {}), SID)).toBe('missing CSRF token');
  expect(csrf.problem(post(headers, { [CSRF_FIELD]: 'forged' }), SID)).toBe('wrong CSRF token');
  expect(csrf.problem(post(headers, { [CSRF_FIELD]: csrf.tokenFor('session-2') }), SID)).toBe('wrong CSRF token');
});
