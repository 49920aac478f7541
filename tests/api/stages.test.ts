/**
 * The election schedule over HTTP: STAGE deadlines accepted for known stages only (400 naming the
 * field otherwise), and the admin re-resolve action after the schedule file was revised: it
 * finds the open requests using the stage in the records store and reports what each did.
 * Real dev server, worker, records store; the worker and the API read the same temporary file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApp } from '../../src/api/app';
import { createWorkingCalendar, toLocal } from '../../src/domain/calendar';
import { openRequestsUsingStage } from '../../src/records/stageUsers';
import { bearer, createBody, createRequest, eventually, JWT_SECRET } from '../support/apiHarness';
import { testDatabase } from '../support/postgres';
import { devServerEnv } from '../support/temporalEnv';
import { directory, startWorker, testConfig } from '../support/workflowHarness';

const DAY = 24 * 3600_000;
const WITA = 'Asia/Makassar';
const calendar = createWorkingCalendar({ jointLeaveDays: [], workStart: '08:00', workEnd: '16:00' });

let env: TestWorkflowEnvironment;
let worker: Awaited<ReturnType<typeof startWorker>>;
let store: Awaited<ReturnType<typeof testDatabase>>;
let app: Express;
let dir: string;
let file: string;
const writeStages = (dpt: string) =>
  writeFileSync(file, JSON.stringify({ stages: [{ id: 'penetapan-dpt', name: 'Penetapan DPT', date: dpt }, { id: 'pemungutan-suara', name: 'Pemungutan suara', date: '2027-08-25' }] }));
const firstDate = toLocal(Date.now() + 30 * DAY, WITA).date;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'stages-api-'));
  file = path.join(dir, 'stages.json');
  writeStages(firstDate);
  env = await devServerEnv();
  store = await testDatabase();
  const config = testConfig({ JWT_SECRET, STAGES_PATH: file });
  worker = await startWorker(env, { records: store.db, config });
  app = createApp({ config: { ...config, TEMPORAL_TASK_QUEUE: worker.taskQueue }, directory, client: env.client, logger: pino({ level: 'silent' }), records: store.db });
});
afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await store?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const stageStep = (stage: string, offsetWorkingDays = -5) => ({ participants: ['pemkab-sumbawa'], deadline: { kind: 'STAGE', stage, offsetWorkingDays } });
const durationStep = { participants: ['bawaslu-sumbawa'], deadline: { kind: 'DURATION', duration: 'P3D' } };
const admin = () => bearer('dkpp', { roles: ['staff', 'admin'] });

test('GET /v1/stages lists the schedule as the file says now', async () => {
  const res = await request(app).get('/v1/stages').set('Authorization', await bearer('pemkab-sumbawa'));
  expect(res.status).toBe(200);
  expect(res.body.stages).toContainEqual({ id: 'penetapan-dpt', name: 'Penetapan DPT', date: firstDate });
});

test.each([
  ['an unknown stage', stageStep('penetapan-dps'), 'steps[0].deadline.stage', /unknown stage "penetapan-dps"/],
  ['a stage id that is not one', stageStep('Penetapan DPT'), 'steps[0].deadline.stage', /stage id/],
  ['a fractional offset', stageStep('penetapan-dpt', 1.5), 'steps[0].deadline.offsetWorkingDays', /expected int/],
  ['an offset beyond a year', stageStep('penetapan-dpt', -400), 'steps[0].deadline.offsetWorkingDays', /366|-365|>=/],
])('create with %s: 400 naming the field', async (_what, step, field, message) => {
  const res = await request(app).post('/v1/coordination-requests').set('Authorization', await bearer('kpu-sumbawa')).send(createBody({ steps: [step] }));
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.errors).toContainEqual({ in: 'body', field, message: expect.stringMatching(message) });
});

test('extending to an unknown stage is a 400; to a known one moves the deadline there', async () => {
  const id = await createRequest(app);
  const auth = await bearer('kpu-sumbawa');
  const bad = await request(app).post(`/v1/coordination-requests/${id}/deadline`).set('Authorization', auth).send({ deadline: { kind: 'STAGE', stage: 'rekapitulasi', offsetWorkingDays: 0 } });
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].field).toBe('deadline.stage');
  const ok = await request(app).post(`/v1/coordination-requests/${id}/deadline`).set('Authorization', auth).send({ deadline: { kind: 'STAGE', stage: 'penetapan-dpt', offsetWorkingDays: -2 } });
  expect(ok.status).toBe(200);
  expect(ok.body.steps[0].deadline).toBe(new Date(calendar.closeOfWorkingDayFrom(firstDate, -2, WITA)).toISOString());
  await request(app).post(`/v1/coordination-requests/${id}/cancel`).set('Authorization', auth).send({});
});

describe('POST /v1/admin/stages/{stage}/re-resolve', () => {
  test('refused to staff (403), unknown stage (404), malformed stage (400), without a token (401)', async () => {
    const url = '/v1/admin/stages/penetapan-dpt/re-resolve';
    expect((await request(app).post(url).set('Authorization', await bearer('kpu-ri'))).status).toBe(403);
    const unknown = await request(app).post('/v1/admin/stages/penetapan-dps/re-resolve').set('Authorization', await admin());
    expect([unknown.status, unknown.headers['content-type']]).toEqual([404, expect.stringMatching(/problem\+json/)]);
    const malformed = await request(app).post('/v1/admin/stages/Bad%20Stage/re-resolve').set('Authorization', await admin());
    expect([malformed.status, malformed.body.errors?.[0]?.field]).toEqual([400, 'stage']);
    expect((await request(app).post(url)).status).toBe(401);
  });

  test('after the schedule moved a stage: matched, changed, unchanged, failed counts; repeating changes nothing', async () => {
    const active = await createRequest(app, 'kpu-sumbawa', createBody({ steps: [stageStep('penetapan-dpt')] }));
    const later = await createRequest(app, 'kpu-sumbawa', createBody({ steps: [durationStep, stageStep('penetapan-dpt', 0)] }));
    const other = await createRequest(app, 'kpu-sumbawa', createBody({ steps: [stageStep('pemungutan-suara')] }));
    // The records store follows the workflows: wait until it holds all three.
    await eventually(async () => expect(await openRequestsUsingStage(store.db, 'penetapan-dpt')).toEqual(expect.arrayContaining([active, later])), 30_000);
    expect(await openRequestsUsingStage(store.db, 'penetapan-dpt')).not.toContain(other);

    const moved = toLocal(Date.now() + 44 * DAY, WITA).date;
    writeStages(moved);
    const res = await request(app).post('/v1/admin/stages/penetapan-dpt/re-resolve').set('Authorization', await admin());
    expect(res.status).toBe(200);
    const to = new Date(calendar.closeOfWorkingDayFrom(moved, -5, WITA)).toISOString();
    expect(res.body).toMatchObject({ stage: 'penetapan-dpt', date: moved, matched: 2, changed: 1, unchanged: 1, failed: 0 });
    expect(res.body.requests).toEqual(
      expect.arrayContaining([
        { id: active, outcome: 'CHANGED', from: new Date(calendar.closeOfWorkingDayFrom(firstDate, -5, WITA)).toISOString(), to },
        { id: later, outcome: 'UNCHANGED', reason: expect.stringMatching(/later step/) },
      ]),
    );
    const state = await request(app).get(`/v1/coordination-requests/${active}`).set('Authorization', await bearer('kpu-sumbawa'));
    expect(state.body.steps[0].deadline).toBe(to);
    const timeline = await request(app).get(`/v1/coordination-requests/${active}/timeline`).set('Authorization', await bearer('pemkab-sumbawa'));
    expect(timeline.body.events.map((e: { kind: string }) => e.kind)).toContain('STAGE_DEADLINE_MOVED');

    // The record catches up, then the same action again: nothing moves.
    await eventually(async () => {
      const again = await request(app).post('/v1/admin/stages/penetapan-dpt/re-resolve').set('Authorization', await admin());
      expect(again.body).toMatchObject({ matched: 2, changed: 0, unchanged: 2, failed: 0 });
    }, 30_000);
  });
});
