/**
 * HTTP tests of the API: one real Temporal dev server (visibility, search attributes) and one
 * real worker per test file, the real Express app driven by supertest (no listening socket),
 * development tokens signed with the test secret.
 */
import pino, { type Logger } from 'pino';
import { Client, Connection } from '@temporalio/client';
import { closeSafeRetries } from '../../src/temporal/closeSafeRetries';
import request from 'supertest';
import type { Express } from 'express';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApp } from '../../src/api/app';
import { connectRecords } from '../../src/records/database';
import { signDevToken } from '../../src/api/auth';
import type { Config } from '../../src/config';
import { testDatabase } from './postgres';
import { devServerEnv } from './temporalEnv';
import { directory, startWorker, testConfig } from './workflowHarness';

export const JWT_SECRET = 'api-test-secret-0123456789abcdef';

export interface ApiEnv {
  env: TestWorkflowEnvironment;
  app: Express;
  config: Config;
  worker: Awaited<ReturnType<typeof startWorker>>;
  /** An app over the same client with other settings (e.g. a tiny rate limit). */
  makeApp(overrides?: Record<string, string>): Express;
  stop(): Promise<void>;
}

export async function startApiEnv(): Promise<ApiEnv> {
  const env = await devServerEnv();
  // The store outlives the worker: tests stop the worker and read on.
  const store = await testDatabase();
  const worker = await startWorker(env, { records: store.db });
  const makeConfig = (overrides: Record<string, string> = {}) =>
    testConfig({ JWT_SECRET, TEMPORAL_TASK_QUEUE: worker.taskQueue, TEMPORAL_NAMESPACE: env.namespace ?? 'default', ...overrides });
  const makeApp = (overrides: Record<string, string> = {}) =>
    createApp({ config: makeConfig(overrides), directory, client: env.client, logger: pino({ level: 'silent' }), records: worker.records });
  return {
    env,
    worker,
    config: makeConfig(),
    app: makeApp(),
    makeApp,
    async stop() {
      await worker.stop();
      await env.teardown();
      await store.drop();
    },
  };
}

/**
 * An app whose Temporal and records store are unreachable (nothing listens on port 1): for input validation, which
 * must answer without Temporal, and for the 503 mapping. Calls give up after `temporalDeadlineMs`.
 */
export function offlineApp(overrides: Record<string, string> = {}, logger: Logger = pino({ level: 'silent' })): { app: Express; close(): Promise<void> } {
  const connection = Connection.lazy({ address: '127.0.0.1:1', plugins: [closeSafeRetries] });
  const client = new Client({ connection });
  const config = testConfig({ JWT_SECRET, ...overrides });
  // The records store is unreachable too: reads fall through to (unreachable) Temporal.
  const records = connectRecords('postgres://nobody:none@127.0.0.1:1/none', { connectTimeoutMs: 500 });
  return {
    app: createApp({ config, directory, client, logger, records, temporalDeadlineMs: 500 }),
    close: async () => {
      await connection.close();
      await records.destroy();
    },
  };
}

/** `Bearer <token>` for a staff member (or admin) of an organization. */
export async function bearer(org: string, opts: { sub?: string; roles?: string[]; secret?: string; expiresIn?: string | number } = {}): Promise<string> {
  const token = await signDevToken(opts.secret ?? JWT_SECRET, { sub: opts.sub ?? `user-${org}`, org, roles: opts.roles ?? ['staff'] }, { expiresIn: opts.expiresIn ?? '1h' });
  return `Bearer ${token}`;
}

/** A valid create body: kpu-sumbawa asks pemkab-sumbawa and bawaslu-sumbawa (ALL), tembusan kpu-ntb. */
export function createBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Fasilitasi gudang logistik Pilkada',
    description: 'Permohonan pinjam pakai gudang untuk logistik pemilihan.',
    category: 'FACILITIES',
    tembusan: ['kpu-ntb'],
    workingHours: false,
    steps: [{ participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'], policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P3D' } }],
    ...overrides,
  };
}

/** POST a create as `org` and return the new request id (expects 201). */
export async function createRequest(app: Express, org = 'kpu-sumbawa', body: Record<string, unknown> = createBody()): Promise<string> {
  const res = await request(app).post('/v1/coordination-requests').set('Authorization', await bearer(org)).send(body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Listing goes through visibility, which is eventually consistent: poll until a check passes. */
export { eventually } from './workflowHarness';
