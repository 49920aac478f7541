/**
 * Reading a request decides access before doing any work on the request's behalf: an outsider's
 * GET never makes a worker run the workflow Query (replaying a request it may not see), and a
 * hidden request and a missing one take the same path to the same 404.
 *
 * Proof by absence: with the worker stopped, a Query cannot be answered (the caller would get a
 * 503 after the deadline), so an outsider's prompt 404 shows no Query was sent.
 */
import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/api/app';
import { bearer, createRequest, startApiEnv, type ApiEnv } from '../support/apiHarness';
import { directory, eventually } from '../support/workflowHarness';

let api: ApiEnv;
let app: Express;
let hidden: string;
const MISSING = 'rq-00000000000000000000000000000000';
const R = (id: string, suffix = '') => `/v1/coordination-requests/${id}${suffix}`;

beforeAll(async () => {
  api = await startApiEnv();
  hidden = await createRequest(api.app);
  await api.worker.stop();
  app = createApp({ config: api.config, directory, client: api.env.client, logger: pino({ level: 'silent' }), records: api.worker.records, temporalDeadlineMs: 1500 });
});
afterAll(async () => {
  await api?.env.teardown();
});

test('the setup has no worker: a reader of the request gets its record (the Query cannot run), marked with its age', async () => {
  const res = await eventually(async () => {
    const r = await request(app).get(R(hidden)).set('Authorization', await bearer('kpu-sumbawa'));
    expect(r.status).toBe(200);
    return r;
  }, 30_000);
  expect(res.headers.age).toMatch(/^\d+$/);
  expect(res.body.id).toBe(hidden);
});

test.each([
  ['GET', ''],
  ['GET', '/timeline'],
])('an outsider gets 404 for %s of a hidden request without a Query (same answer as a missing one)', async (_m, suffix) => {
  const outsider = await bearer('kpu-sulbar');
  const hiddenRes = await request(app).get(R(hidden, suffix)).set('Authorization', outsider);
  const missingRes = await request(app).get(R(MISSING, suffix)).set('Authorization', outsider);
  expect(hiddenRes.status).toBe(404);
  expect(missingRes.status).toBe(404);
  expect({ ...hiddenRes.body, requestId: undefined, instance: undefined }).toEqual({ ...missingRes.body, requestId: undefined, instance: undefined });
});
