/**
 * Operational behaviour: Temporal unreachable → 503 with Retry-After (never a 500), readiness,
 * rate limiting per caller, request ids, metrics, security headers, logs without tokens.
 * Temporal is deliberately unreachable here (see offlineApp).
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { connectRecords } from '../../src/records/database';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { closeSafeRetries } from '../../src/temporal/closeSafeRetries';
import { createApp } from '../../src/api/app';
import { bearer, createBody, JWT_SECRET, offlineApp } from '../support/apiHarness';
import { directory, testConfig } from '../support/workflowHarness';

const offline = offlineApp();
afterAll(() => offline.close());
const app = offline.app;
const ID = 'rq-0123456789abcdef0123456789abcdef';

describe('Temporal unreachable', () => {
  test('/healthz stays 200, /readyz is 503 with Retry-After', async () => {
    expect((await request(app).get('/healthz')).status).toBe(200);
    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toMatch(/^\d+$/);
    expect(ready.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  // The records store is unreachable too: what it serves (list, report) says so.
  test.each([
    ['create', 'post', '/v1/coordination-requests', createBody(), 'unavailable'],
    ['get', 'get', `/v1/coordination-requests/${ID}`, undefined, 'unavailable'],
    ['timeline', 'get', `/v1/coordination-requests/${ID}/timeline`, undefined, 'unavailable'],
    ['list', 'get', '/v1/coordination-requests', undefined, 'storeUnavailable'],
    ['report', 'get', '/v1/reports/response-times', undefined, 'storeUnavailable'],
    ['respond', 'post', `/v1/coordination-requests/${ID}/responses`, { decision: 'APPROVE' }, 'unavailable'],
    ['cancel', 'post', `/v1/coordination-requests/${ID}/cancel`, {}, 'unavailable'],
  ] as const)('%s → 503 with Retry-After', async (_name, method, url, body, kind) => {
    const req = request(app)[method](url).set('Authorization', await bearer('kpu-sumbawa'));
    const res = body ? await req.send(body) : await req;
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.body).toMatchObject({ type: `urn:koordinasi:problem:${kind}`, status: 503 });
  });
});

test('rate limit per caller: 429 problem with Retry-After; other callers unaffected', async () => {
  const limited = offlineApp({ RATE_LIMIT_PER_MINUTE: '3' });
  try {
    const alice = await bearer('kpu-sumbawa', { sub: 'alice' });
    for (let i = 0; i < 3; i++) expect((await request(limited.app).get('/v1/organizations').set('Authorization', alice)).status).toBe(200);
    const over = await request(limited.app).get('/v1/organizations').set('Authorization', alice);
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toMatch(/^\d+$/);
    expect(over.body).toMatchObject({ type: 'urn:koordinasi:problem:rateLimited', status: 429 });
    const bob = await bearer('kpu-sumbawa', { sub: 'bob' });
    expect((await request(limited.app).get('/v1/organizations').set('Authorization', bob)).status).toBe(200);
  } finally {
    await limited.close();
  }
});

test('request ids: generated, or taken from a sane X-Request-Id, and put in problems', async () => {
  const generated = await request(app).get('/healthz');
  expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const given = await request(app).get('/v1/nothing-here').set('X-Request-Id', 'trace-123');
  expect(given.headers['x-request-id']).toBe('trace-123');
  expect(given.status).toBe(401);
  expect(given.body.requestId).toBe('trace-123');
  const insane = await request(app).get('/healthz').set('X-Request-Id', 'x'.repeat(500));
  expect(insane.headers['x-request-id']).not.toBe('x'.repeat(500));
});

test('unknown routes → 404 problem (behind authentication under /v1)', async () => {
  const res = await request(app).get('/v1/nothing-here').set('Authorization', await bearer('kpu-sumbawa'));
  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect((await request(app).get('/nothing')).status).toBe(404);
});

test('security headers (helmet)', async () => {
  const res = await request(app).get('/healthz');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['content-security-policy']).toEqual(expect.any(String));
  expect(res.headers['x-powered-by']).toBeUndefined();
});

test('GET /v1/organizations returns the directory with its hierarchy and no contacts', async () => {
  const res = await request(app).get('/v1/organizations').set('Authorization', await bearer('kpu-sumbawa'));
  expect(res.status).toBe(200);
  expect(res.body.roots).toEqual(expect.arrayContaining(['kpu-ri', 'bawaslu-ri', 'dkpp', 'pemprov-ntb']));
  const sumbawa = res.body.organizations.find((o: { id: string }) => o.id === 'kpu-sumbawa');
  expect(sumbawa).toMatchObject({ parentId: 'kpu-ntb', ancestors: ['kpu-ntb', 'kpu-ri'], level: 'REGENCY', kind: 'KPU', timeZone: 'Asia/Makassar' });
  expect(res.body.organizations.find((o: { id: string }) => o.id === 'kpu-ntb').children).toEqual(['kpu-sumbawa']);
  expect(JSON.stringify(res.body)).not.toMatch(/@|contacts|secret/);
});

test('metrics: request counts and latency by route pattern and status', async () => {
  await request(app).get('/v1/organizations').set('Authorization', await bearer('kpu-sumbawa'));
  const res = await request(app).get('/metrics');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/text\/plain/);
  expect(res.text).toMatch(/koordinasi_http_requests_total\{method="GET",route="\/v1\/organizations",status="200"\} \d+/);
  expect(res.text).toMatch(/koordinasi_http_request_duration_seconds_bucket\{.*route="\/v1\/organizations"/);
  expect(res.text).toContain('koordinasi_api_process_cpu_user_seconds_total');
});

test('logs never contain the bearer token', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logged = offlineApp({}, pino({ level: 'trace' }, sink));
  try {
    const auth = await bearer('kpu-sumbawa');
    await request(logged.app).get('/v1/organizations').set('Authorization', auth);
    await request(logged.app).get('/v1/organizations').set('Authorization', `${auth}x`);
    await request(logged.app).post('/v1/coordination-requests').set('Authorization', auth).send(createBody());
  } finally {
    await logged.close();
  }
  const text = lines.join('');
  expect(text).toContain('/v1/organizations');
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+/);
  expect(text.toLowerCase()).not.toContain('authorization');
});

/** A records store nothing answers for (these routes never need it). */
const unreachableRecords = connectRecords('postgres://nobody:none@127.0.0.1:1/none', { connectTimeoutMs: 500 });
afterAll(() => unreachableRecords.destroy());

describe('public routes (no token)', () => {
  test('/readyz: concurrent and repeated probes share one Temporal call per cache period', async () => {
    const connection = Connection.lazy({ address: '127.0.0.1:1', plugins: [closeSafeRetries] });
    const client = new Client({ connection });
    const calls = jest.spyOn(connection.workflowService, 'describeNamespace');
    try {
      const probed = createApp({ config: testConfig({ JWT_SECRET }), directory, client, logger: pino({ level: 'silent' }), records: unreachableRecords });
      const first = await Promise.all(Array.from({ length: 5 }, () => request(probed).get('/readyz')));
      expect(first.map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
      for (let i = 0; i < 20; i++) expect((await request(probed).get('/readyz')).status).toBe(503);
      // Cache period elapsed (2 s after the answer settled): one more check.
      await new Promise((r) => setTimeout(r, 2100));
      expect((await request(probed).get('/readyz')).status).toBe(503);
      expect(calls.mock.calls.length).toBeLessThanOrEqual(3);
      expect(calls.mock.calls.length).toBeGreaterThanOrEqual(2);
    } finally {
      calls.mockRestore();
      await connection.close();
    }
  });

  test('/metrics, /openapi.json and /docs are rate-limited per client address; the probes are not', async () => {
    const limited = offlineApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      for (let i = 0; i < 3; i++) expect((await request(limited.app).get('/metrics')).status).toBe(200);
      const over = await request(limited.app).get('/openapi.json');
      expect(over.status).toBe(429);
      expect(over.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((await request(limited.app).get('/docs')).status).toBe(429);
      for (let i = 0; i < 5; i++) expect((await request(limited.app).get('/healthz')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
