/**
 * Asking for more time over HTTP: a seat holder asks (POST …/extension-requests), the requester
 * decides (POST …/extension-requests/{extensionId}/decision); bad input is a 400 problem naming the
 * field, who may not is 403 (404 for outsiders), what makes no sense now is 409.
 */
import request from 'supertest';
import { bearer, createRequest, startApiEnv, type ApiEnv } from '../support/apiHarness';

let api: ApiEnv;
beforeAll(async () => {
  api = await startApiEnv();
});
afterAll(async () => {
  await api?.stop();
});

const DAY = 86_400_000;
const R = (id: string, suffix = '') => `/v1/coordination-requests/${id}${suffix}`;
const post = async (url: string, org: string, body: object, roles?: string[]) =>
  request(api.app).post(url).set('Authorization', await bearer(org, roles ? { roles } : {})).send(body);
const outcome = (res: request.Response) => ({
  status: res.status,
  problem: res.status >= 400 ? /problem\+json/.test(res.headers['content-type'] ?? '') : undefined,
  fields: (res.body.errors ?? []).map((e: { field: string }) => e.field),
});
const later = (days: number) => new Date(Date.now() + days * DAY).toISOString();

test('a seat holder asks, the requester grants it for that seat: its own deadline shows on the request', async () => {
  const id = await createRequest(api.app);
  const asked = await post(R(id, '/extension-requests'), 'pemkab-sumbawa', { until: later(6), reason: 'Menunggu rapat pimpinan' });
  expect(asked.status).toBe(200);
  expect(asked.body.extensions).toEqual([expect.objectContaining({ id: 'e1', org: 'pemkab-sumbawa', status: 'PENDING', reason: 'Menunggu rapat pimpinan' })]);

  const again = await post(R(id, '/extension-requests'), 'pemkab-sumbawa', { until: later(7), reason: 'lagi' });
  expect([again.status, again.body.detail]).toEqual([409, expect.stringMatching(/already has an ask/)]);

  const granted = await post(R(id, '/extension-requests/e1/decision'), 'kpu-sumbawa', { decision: 'GRANT_SEAT' });
  expect(granted.status).toBe(200);
  expect(granted.body.extensions[0]).toMatchObject({ status: 'GRANTED', scope: 'SEAT' });
  expect(granted.body.steps[0].participants[0]).toMatchObject({ org: 'pemkab-sumbawa', deadline: asked.body.extensions[0].until });
  const twice = await post(R(id, '/extension-requests/e1/decision'), 'kpu-sumbawa', { decision: 'GRANT_STEP' });
  expect([twice.status, twice.body.detail]).toEqual([409, expect.stringMatching(/already decided/)]);

  const timeline = await request(api.app).get(R(id, '/timeline')).set('Authorization', await bearer('kpu-sumbawa'));
  expect(timeline.body.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['EXTENSION_REQUESTED', 'EXTENSION_GRANTED']));
});

test('bad input is a 400 naming the field; who may not is 403 or 404; nothing is applied', async () => {
  const id = await createRequest(api.app);
  const ask = R(id, '/extension-requests');
  expect(outcome(await post(ask, 'pemkab-sumbawa', { until: later(6) }))).toEqual({ status: 400, problem: true, fields: ['reason'] });
  expect(outcome(await post(ask, 'pemkab-sumbawa', { until: later(6), reason: '   ' }))).toEqual({ status: 400, problem: true, fields: ['reason'] });
  expect(outcome(await post(ask, 'pemkab-sumbawa', { until: 'next week', reason: 'x' }))).toEqual({ status: 400, problem: true, fields: ['until'] });
  expect(outcome(await post(ask, 'pemkab-sumbawa', { until: later(6), reason: 'x', scope: 'STEP' })).status).toBe(400);
  expect(outcome(await post(ask, 'pemkab-sumbawa', { until: later(6), reason: 'x\u202e' }))).toEqual({ status: 400, problem: true, fields: ['reason'] });
  const past = await post(ask, 'pemkab-sumbawa', { until: later(-1), reason: 'x' });
  expect([past.status, past.body.detail]).toEqual([409, expect.stringMatching(/in the past/)]);
  const early = await post(ask, 'pemkab-sumbawa', { until: later(1), reason: 'x' });
  expect([early.status, early.body.detail]).toEqual([409, expect.stringMatching(/after the current deadline/)]);
  // Only the seat holder asks: not the requester, not an admin, not an ancestor.
  expect(outcome(await post(ask, 'kpu-sumbawa', { until: later(6), reason: 'x' })).status).toBe(403);
  expect(outcome(await post(ask, 'dkpp', { until: later(6), reason: 'x' }, ['staff', 'admin'])).status).toBe(403);
  expect(outcome(await post(ask, 'kpu-sulbar', { until: later(6), reason: 'x' })).status).toBe(404);

  expect((await post(ask, 'bawaslu-sumbawa', { until: later(6), reason: 'Rapat pleno' })).status).toBe(200);
  const decide = R(id, '/extension-requests/e1/decision');
  expect(outcome(await post(decide, 'kpu-sumbawa', { decision: 'DECLINE' }))).toEqual({ status: 400, problem: true, fields: ['reason'] });
  expect(outcome(await post(decide, 'kpu-sumbawa', { decision: 'MAYBE' }))).toEqual({ status: 400, problem: true, fields: ['decision'] });
  expect(outcome(await post(R(id, '/extension-requests/x1/decision'), 'kpu-sumbawa', { decision: 'GRANT_SEAT' }))).toEqual({ status: 400, problem: true, fields: ['extensionId'] });
  const unknown = await post(R(id, '/extension-requests/e9/decision'), 'kpu-sumbawa', { decision: 'GRANT_SEAT' });
  expect([unknown.status, unknown.body.detail]).toEqual([409, expect.stringMatching(/no ask for more time e9/)]);
  expect(outcome(await post(decide, 'bawaslu-sumbawa', { decision: 'GRANT_SEAT' })).status).toBe(403);
  expect(outcome(await post(decide, 'kpu-sulbar', { decision: 'GRANT_SEAT' })).status).toBe(404);
  const state = await request(api.app).get(R(id)).set('Authorization', await bearer('kpu-sumbawa'));
  expect(state.body.extensions.map((e: { status: string }) => e.status)).toEqual(['PENDING']);

  const declined = await post(decide, 'dkpp', { decision: 'DECLINE', reason: 'Jadwal pleno tetap' }, ['staff', 'admin']);
  expect(declined.status).toBe(200);
  expect(declined.body.extensions[0]).toMatchObject({ status: 'DECLINED', decisionReason: 'Jadwal pleno tetap', decidedBy: { org: 'dkpp' } });
});
