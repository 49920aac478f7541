/**
 * Production identity: tokens verified against a JWKS endpoint with issuer and audience. A local
 * JWKS server on 127.0.0.1 stands in for the OIDC provider. HS256 tokens signed with a leftover
 * development secret must not pass in this mode.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createHmac } from 'node:crypto';
import { readableOrgs } from '../../src/api/access';
import { canonicalJson } from '../../src/api/idempotency';
import { PageTokens } from '../../src/api/pageToken';
import { bearer, JWT_SECRET, offlineApp } from '../support/apiHarness';
import { directory } from '../support/workflowHarness';
// After apiHarness (which hands Jest the ESM-only jose).
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

let server: Server;
let privateKey: CryptoKey;
let otherKey: CryptoKey;
let offline: ReturnType<typeof offlineApp>;
const ISSUER = 'https://sso.kpu.example';
const AUDIENCE = 'koordinasi-api';

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair('ES256')).privateKey;
  const publicKey = pair.publicKey;
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  // JWT_SECRET stays set on purpose: JWKS must win.
  offline = offlineApp({ JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, JWT_SECRET });
});
afterAll(async () => {
  await offline?.close();
  await new Promise((r) => server?.close(r));
});

function sign(key: CryptoKey, claims: { iss?: string; aud?: string; org?: string; iat?: number | null; exp?: string | number | null } = {}) {
  let jwt = new SignJWT({ org: claims.org ?? 'kpu-sumbawa', roles: ['staff'] })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject('alice')
    .setIssuer(claims.iss ?? ISSUER)
    .setAudience(claims.aud ?? AUDIENCE);
  if (claims.iat !== null) jwt = jwt.setIssuedAt(claims.iat);
  if (claims.exp !== null) jwt = jwt.setExpirationTime(claims.exp ?? '5m');
  return jwt.sign(key);
}

const get = (auth: string) => request(offline.app).get('/v1/organizations').set('Authorization', auth);

test('a token from the provider is accepted', async () => {
  expect((await get(`Bearer ${await sign(privateKey)}`)).status).toBe(200);
});

test('wrong issuer, wrong audience, or another key → 401', async () => {
  expect((await get(`Bearer ${await sign(privateKey, { iss: 'https://evil.example' })}`)).status).toBe(401);
  expect((await get(`Bearer ${await sign(privateKey, { aud: 'another-api' })}`)).status).toBe(401);
  expect((await get(`Bearer ${await sign(otherKey)}`)).status).toBe(401);
});

test('an HS256 development token is refused in JWKS mode', async () => {
  expect((await get(await bearer('kpu-sumbawa'))).status).toBe(401);
});

test('a provider token without exp or iat, issued in the future, or living longer than JWT_MAX_LIFETIME → 401', async () => {
  const now = Math.floor(Date.now() / 1000);
  expect((await get(`Bearer ${await sign(privateKey, { exp: null })}`)).status).toBe(401);
  expect((await get(`Bearer ${await sign(privateKey, { iat: null })}`)).status).toBe(401);
  expect((await get(`Bearer ${await sign(privateKey, { iat: now + 3600, exp: now + 7200 })}`)).status).toBe(401);
  expect((await get(`Bearer ${await sign(privateKey, { iat: now, exp: now + 30 * 24 * 3600 })}`)).status).toBe(401);
  // A clock a little ahead of ours is tolerated.
  expect((await get(`Bearer ${await sign(privateKey, { iat: now + 20, exp: now + 600 })}`)).status).toBe(200);
});

describe('page tokens in JWKS mode without JWT_SECRET', () => {
  let jwksOnly: ReturnType<typeof offlineApp>;
  beforeAll(() => {
    const { port } = server.address() as AddressInfo;
    jwksOnly = offlineApp({ JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, JWT_SECRET: undefined as unknown as string });
  });
  afterAll(() => jwksOnly?.close());

  test('a page token MACed with a guessable key is refused at once (400), never used as a position', async () => {
    // What a forger computes: the caller's own listing (filters, scope, sort), MACed with a key
    // derived from no secret at all (the key a JWKS deployment used to fall back to).
    const query = canonicalJson({ filters: {}, scope: readableOrgs({ sub: 'alice', org: 'kpu-sumbawa', roles: ['staff'] }, directory), sort: 'created' });
    const forged = new PageTokens('').encode(query, Buffer.from('["2026-01-01T00:00:00.000Z","rq-x"]'))!;
    const raw = Buffer.from('["2026-01-01T00:00:00.000Z","rq-x"]');
    const constantKey = createHmac('sha256', Buffer.from('koordinasi/page-token/')).update(query).update('\n').update(raw).digest().subarray(0, 16);
    for (const token of [forged, Buffer.concat([constantKey, raw]).toString('base64url')]) {
      const res = await request(jwksOnly.app).get(`/v1/coordination-requests?pageToken=${token}`).set('Authorization', `Bearer ${await sign(privateKey)}`);
      expect({ status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'pageToken' });
    }
  });

  test('production refuses to start without a page-token secret', () => {
    expect(() => PageTokens.fromConfig({ NODE_ENV: 'production' })).toThrow(/PAGE_TOKEN_SECRET/);
    expect(() => PageTokens.fromConfig({ NODE_ENV: 'production', PAGE_TOKEN_SECRET: 'a-page-token-secret-0123' })).not.toThrow();
  });
});
