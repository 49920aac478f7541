/**
 * Reads from the records store, over the real API, Temporal dev server, worker and PostgreSQL:
 * - a request that ran to APPROVED and was then deleted from Temporal still answers GET, timeline,
 *   the list (with a filter and with `q`) and the response-time report with the same bodies as
 *   before, and an action on it is a 409 (closed), not a 404;
 * - read-your-writes: an action's effect is in the next GET;
 * - with the worker stopped, GET of an open request answers from the record, marked with `Age`,
 *   at once: the stopped worker took back its presence, so no Query is tried.
 */
import request from 'supertest';
import { backfillRecords } from '../../src/cli/recordsBackfill';
import { anyWorkerPresent } from '../../src/records/presence';
import { readRecord, readTimeline } from '../../src/records/reader';
import { stateQuery, timelineQuery, workflowIdFor } from '../../workflows/messages';
import { bearer, createRequest, eventually, startApiEnv, type ApiEnv } from '../support/apiHarness';

let api: ApiEnv;
beforeAll(async () => {
  api = await startApiEnv();
});
afterAll(() => api?.stop());

const BASE = '/v1/coordination-requests';
const get = async (path: string, org = 'kpu-sumbawa') => request(api.app).get(path).set('Authorization', await bearer(org));
const post = async (path: string, org: string, body: object) => request(api.app).post(path).set('Authorization', await bearer(org)).send(body);

/** What the list and the report answer about a request, read over the API. */
async function listsAndReport(id: string, createdAt: string) {
  const ids = async (query: Record<string, string>, org = 'kpu-sumbawa') =>
    (await request(api.app).get(BASE).query(query).set('Authorization', await bearer(org))).body.items.filter((i: { id: string }) => i.id === id);
  const window = { from: new Date(Date.parse(createdAt) - 60_000).toISOString(), to: new Date(Date.parse(createdAt) + 86_400_000).toISOString() };
  return {
    filtered: await ids({ status: 'APPROVED', requester: 'kpu-sumbawa', participant: 'bawaslu-sumbawa' }),
    searched: await ids({ q: 'gudang pilkada' }),
    bySupervisor: await ids({ q: 'logistik', sort: 'updated' }, 'kpu-ntb'),
    byOutsider: await ids({ q: 'gudang' }, 'kpu-sulbar'),
    report: (await request(api.app).get('/v1/reports/response-times').query(window).set('Authorization', await bearer('kpu-ntb'))).body,
  };
}

test('a request deleted from Temporal answers from its record: same GET, timeline, list and report, 409 for actions', async () => {
  const id = await createRequest(api.app);
  expect((await post(`${BASE}/${id}/responses`, 'pemkab-sumbawa', { decision: 'APPROVE' })).status).toBe(200);
  const last = await post(`${BASE}/${id}/responses`, 'bawaslu-sumbawa', { decision: 'APPROVE', comment: 'Setuju' });
  expect(last.body.status).toBe('APPROVED');
  const handle = api.env.client.workflow.getHandle(workflowIdFor(id));
  // The run ends only once its record is complete.
  await handle.result();
  const [queried, events] = [await handle.query(stateQuery), await handle.query(timelineQuery)];

  const before = await get(`${BASE}/${id}`);
  const timelineBefore = await get(`${BASE}/${id}/timeline`);
  expect(before.status).toBe(200);
  expect(before.body).toEqual(queried);
  expect(timelineBefore.body).toEqual({ id, events });
  const listedBefore = await listsAndReport(id, before.body.createdAt);
  for (const found of [listedBefore.filtered, listedBefore.searched, listedBefore.bySupervisor]) {
    expect(found).toEqual([expect.objectContaining({ id, status: 'APPROVED', title: queried.title, requester: 'kpu-sumbawa' })]);
  }
  expect(listedBefore.byOutsider).toEqual([]);
  expect(listedBefore.report.rows).toEqual([
    expect.objectContaining({ key: 'bawaslu-sumbawa', asked: 1, answered: 1, answeredLate: 0, escalations: 0 }),
    expect.objectContaining({ key: 'pemkab-sumbawa', asked: 1, answered: 1, answeredLate: 0, escalations: 0 }),
  ]);
  expect(listedBefore.report.rows[0].medianSeconds).toBeGreaterThan(0);

  await api.env.client.workflowService.deleteWorkflowExecution({ namespace: api.env.namespace ?? 'default', workflowExecution: { workflowId: workflowIdFor(id) } });
  await eventually(async () => {
    await expect(handle.describe()).rejects.toThrow();
  }, 120_000);

  const after = await get(`${BASE}/${id}`);
  expect(after.status).toBe(200);
  expect(after.body).toEqual(before.body);
  expect(after.headers.age).toMatch(/^\d+$/);
  expect((await get(`${BASE}/${id}/timeline`)).body).toEqual(timelineBefore.body);
  expect(await listsAndReport(id, before.body.createdAt)).toEqual(listedBefore);
  // A supervisor (ancestor) still reads it; an outsider still gets 404.
  expect((await get(`${BASE}/${id}`, 'kpu-ntb')).status).toBe(200);
  expect((await get(`${BASE}/${id}`, 'kpu-sulbar')).status).toBe(404);
  const cancel = await post(`${BASE}/${id}/cancel`, 'kpu-sumbawa', {});
  expect(cancel.status).toBe(409);
  expect(cancel.body.detail).toMatch(/closed/);
  expect((await post(`${BASE}/${id}/cancel`, 'kpu-sulbar', {})).status).toBe(404);
});

test('read-your-writes: the next GET shows the action just taken', async () => {
  const id = await createRequest(api.app);
  for (const [org, decision] of [['pemkab-sumbawa', 'ACKNOWLEDGE'], ['pemkab-sumbawa', 'APPROVE'], ['bawaslu-sumbawa', 'REJECT']] as const) {
    const acted = await post(`${BASE}/${id}/responses`, org, { decision, comment: decision === 'REJECT' ? 'Tidak bisa' : undefined });
    expect(acted.status).toBe(200);
    const read = await get(`${BASE}/${id}`);
    // The same state, or later by notification outcomes only (they move updatedAt).
    expect(read.body).toEqual({ ...acted.body, updatedAt: read.body.updatedAt });
    expect(read.body.updatedAt >= acted.body.updatedAt).toBe(true);
  }
});

test('backfill copies what Temporal holds into the store, idempotently', async () => {
  const id = await createRequest(api.app);
  expect((await post(`${BASE}/${id}/responses`, 'pemkab-sumbawa', { decision: 'ACKNOWLEDGE' })).status).toBe(200);
  const handle = api.env.client.workflow.getHandle(workflowIdFor(id));
  await eventually(async () => expect((await readRecord(api.worker.records, id))?.state).toEqual(await handle.query(stateQuery)), 30_000);
  // As if the request had started before the store existed.
  await api.worker.records.deleteFrom('timeline_events').where('request_id', '=', id).execute();
  await api.worker.records.deleteFrom('requests').where('id', '=', id).execute();

  const first = await backfillRecords(api.env.client, api.worker.records);
  expect(first.failed).toEqual([]);
  expect(first.copied).toBeGreaterThanOrEqual(1);
  expect((await readRecord(api.worker.records, id))?.state).toEqual(await handle.query(stateQuery));
  expect((await readTimeline(api.worker.records, id)).map((e) => e.seq)).toEqual((await handle.query(timelineQuery)).map((e) => e.seq));
  const again = await backfillRecords(api.env.client, api.worker.records);
  expect(again.copied).toBe(0);
  expect(again.current).toBe(again.seen);
});

test('worker stopped: GET of an open request answers from the record, with its age', async () => {
  const id = await createRequest(api.app);
  const acted = await post(`${BASE}/${id}/responses`, 'pemkab-sumbawa', { decision: 'APPROVE' });
  // Wait until the record has caught up with the workflow (recording runs in the background).
  const rec = await eventually(async () => {
    const r = await readRecord(api.worker.records, id);
    expect(r?.state).toEqual(await api.env.client.workflow.getHandle(workflowIdFor(id)).query(stateQuery));
    return r!;
  }, 30_000);
  expect(rec.state.steps[0].participants.find((p) => p.org === 'pemkab-sumbawa')?.status).toBe('APPROVED');
  expect(await anyWorkerPresent(api.worker.records, api.worker.taskQueue)).toBe(true);
  await api.worker.stop();
  // A worker that stops takes its presence back: readers no longer wait for a Query.
  expect(await anyWorkerPresent(api.worker.records, api.worker.taskQueue)).toBe(false);

  const read = await get(`${BASE}/${id}`);
  expect(read.status).toBe(200);
  expect(read.headers.age).toMatch(/^\d+$/);
  expect(read.body).toEqual(rec.state);
  expect(read.body.updatedAt).toBe(acted.body.updatedAt);
  const timeline = await get(`${BASE}/${id}/timeline`);
  expect(timeline.status).toBe(200);
  expect(timeline.headers.age).toMatch(/^\d+$/);
  expect(timeline.body.events.map((e: { kind: string }) => e.kind)).toContain('APPROVED');
});
