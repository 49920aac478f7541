/**
 * Approval with conditions over HTTP: APPROVE with `conditions`, the requester marking one met
 * (POST …/conditions/{conditionId}/met), bad input (400 problem+json naming the field), who may
 * (403/404), what makes no sense now (409), and the list filter `openConditions`.
 */
import request from 'supertest';
import { bearer, createRequest, eventually, startApiEnv, type ApiEnv } from '../support/apiHarness';

let api: ApiEnv;
beforeAll(async () => {
  api = await startApiEnv();
});
afterAll(async () => {
  await api?.stop();
});

const R = (id: string, suffix = '') => `/v1/coordination-requests/${id}${suffix}`;
const post = async (url: string, org: string, body: object, roles?: string[]) =>
  request(api.app).post(url).set('Authorization', await bearer(org, roles ? { roles } : {})).send(body);
const problem = (res: request.Response) => ({ status: res.status, type: res.headers['content-type'], fields: (res.body.errors ?? []).map((e: { field: string }) => e.field) });

test('approve with conditions, then the requester marks them met; the list filters on open conditions', async () => {
  const id = await createRequest(api.app);
  const conditions = ['Sertakan surat kuasa pengguna barang', 'Gudang dikosongkan setelah pemungutan suara'];
  const first = await post(R(id, '/responses'), 'pemkab-sumbawa', { decision: 'APPROVE', conditions });
  expect(first.status).toBe(200);
  const approved = await post(R(id, '/responses'), 'bawaslu-sumbawa', { decision: 'APPROVE' });
  expect(approved.body).toMatchObject({ status: 'APPROVED', conditions: [{ id: 'c1', status: 'OPEN', org: 'pemkab-sumbawa' }, { id: 'c2', status: 'OPEN' }] });

  await eventually(async () => {
    const list = await request(api.app).get('/v1/coordination-requests?openConditions=true&pageSize=100').set('Authorization', await bearer('kpu-sumbawa'));
    expect(list.status).toBe(200);
    expect(list.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ status: 'APPROVED', openConditions: 2 });
  }, 30_000);

  // Who may: the approver and outsiders may not; bad input names its field.
  expect(problem(await post(R(id, '/conditions/c1/met'), 'pemkab-sumbawa', { comment: 'saya' }))).toEqual({ status: 403, type: expect.stringMatching(/problem\+json/), fields: [] });
  expect(problem(await post(R(id, '/conditions/c1/met'), 'kpu-sulbar', { comment: 'saya' })).status).toBe(404);
  expect(problem(await post(R(id, '/conditions/c1/met'), 'kpu-sumbawa', {}))).toEqual({ status: 400, type: expect.stringMatching(/problem\+json/), fields: ['comment'] });
  expect(problem(await post(R(id, '/conditions/c1/met'), 'kpu-sumbawa', { comment: '   ' })).fields).toEqual(['comment']);
  expect(problem(await post(R(id, '/conditions/c1/met'), 'kpu-sumbawa', { comment: 'x', extra: 1 })).status).toBe(400);
  expect(problem(await post(R(id, '/conditions/abc/met'), 'kpu-sumbawa', { comment: 'x' })).fields).toEqual(['conditionId']);
  const unknown = await post(R(id, '/conditions/c9/met'), 'kpu-sumbawa', { comment: 'x' });
  expect({ status: unknown.status, detail: unknown.body.detail }).toEqual({ status: 409, detail: expect.stringMatching(/no condition c9/) });

  const one = await post(R(id, '/conditions/c1/met'), 'kpu-sumbawa', { comment: 'Surat kuasa dikirim' });
  expect(one.status).toBe(200);
  expect(one.body.conditions[0]).toMatchObject({ status: 'MET', metComment: 'Surat kuasa dikirim', metBy: { org: 'kpu-sumbawa' } });
  // Read from the running workflow (read-your-writes), not from a record that may lag.
  const read = await request(api.app).get(R(id)).set('Authorization', await bearer('pemkab-sumbawa'));
  expect(read.body.conditions.map((c: { status: string }) => c.status)).toEqual(['MET', 'OPEN']);
  expect(read.headers.age).toBeUndefined();
  const again = await post(R(id, '/conditions/c1/met'), 'kpu-sumbawa', { comment: 'lagi' });
  expect([again.status, again.body.detail]).toEqual([409, expect.stringMatching(/already met/)]);

  const last = await post(R(id, '/conditions/c2/met'), 'dkpp', { comment: 'Disepakati' }, ['staff', 'admin']);
  expect(last.status).toBe(200);
  await eventually(async () => {
    const after = await post(R(id, '/conditions/c2/met'), 'kpu-sumbawa', { comment: 'lagi' });
    expect([after.status, after.body.detail]).toEqual([409, expect.stringMatching(/closed|already met/)]);
    const list = await request(api.app).get('/v1/coordination-requests?openConditions=false&status=APPROVED&pageSize=100').set('Authorization', await bearer('kpu-sumbawa'));
    expect(list.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ openConditions: 0 });
  }, 30_000);
});

test('conditions are refused with anything but APPROVE, and bounded in count and length (400 naming the field)', async () => {
  const id = await createRequest(api.app);
  const cases: Array<[object, string]> = [
    [{ decision: 'REJECT', conditions: ['x'] }, 'conditions'],
    [{ decision: 'APPROVE', conditions: Array.from({ length: 11 }, (_, i) => `syarat ${i}`) }, 'conditions'],
    [{ decision: 'APPROVE', conditions: ['x'.repeat(501)] }, 'conditions[0]'],
    [{ decision: 'APPROVE', conditions: ['  '] }, 'conditions[0]'],
    [{ decision: 'APPROVE', conditions: ['baris\nkedua'] }, 'conditions[0]'],
    [{ decision: 'APPROVE', conditions: 'satu' }, 'conditions'],
  ];
  for (const [body, field] of cases) {
    const res = await post(R(id, '/responses'), 'pemkab-sumbawa', body);
    expect({ body, status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ body, status: 400, fields: [field] });
  }
  const list = await request(api.app).get('/v1/coordination-requests?openConditions=maybe').set('Authorization', await bearer('kpu-sumbawa'));
  expect(problem(list)).toEqual({ status: 400, type: expect.stringMatching(/problem\+json/), fields: ['openConditions'] });
  // Nothing was applied.
  const state = await request(api.app).get(R(id)).set('Authorization', await bearer('kpu-sumbawa'));
  expect(state.body.steps[0].participants[0].status).toBe('PENDING');
});
