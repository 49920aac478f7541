/**
 * Development (HS256) tokens must say when they expire and when they were issued, and may live
 * at most JWT_MAX_LIFETIME (a small clock skew is tolerated). The offline app answers 503 for
 * anything that passes authentication and reaches Temporal; /v1/organizations needs no Temporal.
 */
import request from 'supertest';
import { JWT_SECRET, offlineApp } from '../support/apiHarness';
// After apiHarness (which hands Jest the ESM-only jose).
import { SignJWT } from 'jose';

const offline = offlineApp({ JWT_MAX_LIFETIME: 'PT12H' });
afterAll(() => offline.close());

const now = () => Math.floor(Date.now() / 1000);
function token(claims: { iat?: number | null; exp?: number | null }): Promise<string> {
  let jwt = new SignJWT({ org: 'kpu-sumbawa', roles: ['staff'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice');
  if (claims.iat !== null) jwt = jwt.setIssuedAt(claims.iat ?? now());
  if (claims.exp !== null) jwt = jwt.setExpirationTime(claims.exp ?? now() + 3600);
  return jwt.sign(new TextEncoder().encode(JWT_SECRET));
}
const get = async (t: string) => request(offline.app).get('/v1/organizations').set('Authorization', `Bearer ${t}`);

test.each([
  ['no exp', { exp: null }],
  ['no iat', { iat: null }],
  ['iat an hour in the future', { iat: now() + 3600, exp: now() + 7200 }],
  ['a lifetime of 13 h', { iat: now(), exp: now() + 13 * 3600 }],
  ['a lifetime of ten years', { iat: now() - 60, exp: now() + 10 * 365 * 86400 }],
  ['issued 13 h ago, still unexpired', { iat: now() - 13 * 3600, exp: now() + 600 }],
])('a token with %s → 401 problem+json', async (_name, claims) => {
  const res = await get(await token(claims));
  expect(res.status).toBe(401);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.headers['www-authenticate']).toMatch(/invalid_token/);
});

test.each([
  ['the default shape (iat now, exp in an hour)', {}],
  ['a clock 30 s ahead of ours', { iat: now() + 30, exp: now() + 3600 }],
  ['exactly 12 h', { iat: now(), exp: now() + 12 * 3600 }],
])('a token with %s is accepted', async (_name, claims) => {
  expect((await get(await token(claims))).status).toBe(200);
});

test('JWT_MAX_LIFETIME is configurable', async () => {
  const short = offlineApp({ JWT_MAX_LIFETIME: 'PT1H' });
  try {
    const res = await request(short.app).get('/v1/organizations').set('Authorization', `Bearer ${await token({ exp: now() + 2 * 3600 })}`);
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/PT1H/);
  } finally {
    await short.close();
  }
});

test('a token accepted once (and remembered as verified) is refused once it expires; a tampered copy is never accepted', async () => {
  const t = await token({ iat: now(), exp: now() + 2 });
  expect((await get(t)).status).toBe(200);
  expect((await get(t)).status).toBe(200);
  const [h, p, s] = t.split('.');
  const tampered = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
  expect((await get(tampered)).status).toBe(401);
  await new Promise((r) => setTimeout(r, 3_100));
  const expired = await get(t);
  expect(expired.status).toBe(401);
  expect(expired.body.detail).toMatch(/expired/);
});
