/**
 * Production identity: tokens verified against a JWKS endpoint with issuer and audience. A local
 * JWKS server on 127.0.0.1 stands in for the OIDC provider. HS256 tokens signed with a leftover
 * development secret must not pass in this mode.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { bearer, JWT_SECRET, offlineApp } from '../support/apiHarness';
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

function sign(key: CryptoKey, claims: { iss?: string; aud?: string; org?: string } = {}) {
  return new SignJWT({ org: claims.org ?? 'kpu-sumbawa', roles: ['staff'] })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject('alice')
    .setIssuer(claims.iss ?? ISSUER)
    .setAudience(claims.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
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
