/**
 * Idempotent create: the Idempotency-Key header (or a body `id`) names one request per
 * requester organization. Concurrent retries start one workflow; same body → same request (200),
 * different body → 409; the key itself never reaches Temporal.
 */
import request from 'supertest';
import { workflowIdFor } from '../../workflows/messages';
import { bearer, createBody, eventually, startApiEnv, type ApiEnv } from '../support/apiHarness';

let api: ApiEnv;
beforeAll(async () => {
  api = await startApiEnv();
});
afterAll(async () => {
  await api?.stop();
});

let n = 0;
const uniqueKey = () => `key-${process.pid}-${Date.now()}-${++n}`;

async function create(body: object, opts: { org?: string; key?: string } = {}) {
  let req = request(api.app).post('/v1/coordination-requests').set('Authorization', await bearer(opts.org ?? 'kpu-sumbawa'));
  if (opts.key) req = req.set('Idempotency-Key', opts.key);
  return req.send(body);
}

async function executionsWithId(id: string): Promise<number> {
  let count = 0;
  for await (const _ of api.env.client.workflow.list({ query: `WorkflowId = '${workflowIdFor(id)}'` })) count++;
  return count;
}

test('20 parallel creates with one key → one workflow, 20 identical answers', async () => {
  const key = uniqueKey();
  const body = createBody();
  const responses = await Promise.all(Array.from({ length: 20 }, () => create(body, { key })));

  const statuses = responses.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 200)).toHaveLength(19);

  // The same request in every answer. (`updatedAt` and the timeline move on as notifications
  // settle, so the comparison is on what identifies the request.)
  const identity = responses.map((r) => ({
    id: r.body.id,
    location: r.headers.location,
    createdAt: r.body.createdAt,
    createdBy: r.body.createdBy,
    requester: r.body.requester,
    title: r.body.title,
    revision: r.body.revision,
    steps: r.body.steps.map((s: { participants: Array<{ org: string }> }) => s.participants.map((p) => p.org)),
  }));
  for (const x of identity) expect(x).toEqual(identity[0]);

  const id = identity[0].id as string;
  expect(id).toMatch(/^rq-[0-9a-f]{32}$/);
  expect(id).not.toContain(key);
  const count = await eventually(async () => {
    const c = await executionsWithId(id);
    expect(c).toBeGreaterThan(0);
    return c;
  });
  expect(count).toBe(1);
});

test('same key, different body → 409 problem; the original request is untouched', async () => {
  const key = uniqueKey();
  const first = await create(createBody(), { key });
  expect(first.status).toBe(201);
  const other = await create(createBody({ title: 'Judul lain' }), { key });
  expect(other.status).toBe(409);
  expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(other.body.type).toBe('urn:koordinasi:problem:idempotencyConflict');
  const again = await create(createBody(), { key });
  expect(again.status).toBe(200);
  expect(again.body.title).toBe(first.body.title);
});

test('defaults are part of the body: omitting a default field is the same body', async () => {
  const key = uniqueKey();
  const body = createBody();
  const first = await create(body, { key });
  expect(first.status).toBe(201);
  const explicit = await create({ ...body, expireAfter: null, steps: [{ ...(body.steps as object[])[0], policy: { type: 'ALL' } }] }, { key });
  expect(explicit.status).toBe(200);
  expect(explicit.body.id).toBe(first.body.id);
});

test('keys are scoped by requester organization: the same key from another org is another request', async () => {
  const key = uniqueKey();
  const a = await create(createBody(), { key, org: 'kpu-sumbawa' });
  const b = await create(createBody(), { key, org: 'kpu-ntb' });
  expect(a.status).toBe(201);
  expect(b.status).toBe(201);
  expect(a.body.id).not.toBe(b.body.id);
  expect(b.body.requester).toBe('kpu-ntb');
});

test('a body id works like the header; both given and different → 400', async () => {
  const key = uniqueKey();
  const byBody = await create(createBody({ id: key }));
  expect(byBody.status).toBe(201);
  const byHeader = await create(createBody(), { key });
  expect(byHeader.status).toBe(200);
  expect(byHeader.body.id).toBe(byBody.body.id);

  const both = await create(createBody({ id: `${key}-x` }), { key });
  expect(both.status).toBe(400);
  expect(both.body.errors).toEqual([expect.objectContaining({ in: 'body', field: 'id' })]);
});

test('a retry after the request closed returns it as it is now, never a second request', async () => {
  const key = uniqueKey();
  const first = await create(createBody(), { key });
  const cancelled = await request(api.app)
    .post(`/v1/coordination-requests/${first.body.id}/cancel`)
    .set('Authorization', await bearer('kpu-sumbawa'))
    .send({});
  expect(cancelled.body.status).toBe('CANCELLED');
  const retry = await create(createBody(), { key });
  expect(retry.status).toBe(200);
  expect(retry.body).toMatchObject({ id: first.body.id, status: 'CANCELLED' });
});

test('without a key every create is a new request', async () => {
  const a = await create(createBody());
  const b = await create(createBody());
  expect(a.status).toBe(201);
  expect(b.status).toBe(201);
  expect(a.body.id).not.toBe(b.body.id);
});

describe('actions retried with an Idempotency-Key', () => {
  const R = '/v1/coordination-requests';
  async function act(path: string, org: string, body: object, key?: string) {
    let req = request(api.app).post(`${R}${path}`).set('Authorization', await bearer(org));
    if (key) req = req.set('Idempotency-Key', key);
    return req.send(body);
  }

  test('a retried response returns the first outcome instead of 409, and is applied once', async () => {
    const created = await create(createBody(), { key: uniqueKey() });
    const id = created.body.id as string;
    const key = uniqueKey();
    const first = await act(`/${id}/responses`, 'pemkab-sumbawa', { decision: 'APPROVE', comment: 'Setuju' }, key);
    expect(first.status).toBe(200);
    // Concurrent and later retries: the same state back, no conflict.
    const retries = await Promise.all([1, 2, 3].map(() => act(`/${id}/responses`, 'pemkab-sumbawa', { decision: 'APPROVE', comment: 'Setuju' }, key)));
    for (const r of retries) {
      expect(r.status).toBe(200);
      expect(r.body.steps[0].participants).toEqual(first.body.steps[0].participants);
    }
    // Without the key, a repeat is what it is: a second answer, refused.
    expect((await act(`/${id}/responses`, 'pemkab-sumbawa', { decision: 'APPROVE', comment: 'Setuju' })).status).toBe(409);
    // The same key with another body is another action, judged by the workflow.
    expect((await act(`/${id}/responses`, 'pemkab-sumbawa', { decision: 'REJECT' }, key)).status).toBe(409);
    const timeline = await request(api.app).get(`${R}/${id}/timeline`).set('Authorization', await bearer('kpu-sumbawa'));
    expect(timeline.body.events.filter((e: { kind: string; org?: string }) => e.kind === 'APPROVED' && e.org === 'pemkab-sumbawa')).toHaveLength(1);
  });

  test('a retried cancel after the request closed still answers with the cancelled request', async () => {
    const created = await create(createBody(), { key: uniqueKey() });
    const id = created.body.id as string;
    const key = uniqueKey();
    const first = await act(`/${id}/cancel`, 'kpu-sumbawa', { reason: 'Jadwal berubah' }, key);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('CANCELLED');
    const retry = await act(`/${id}/cancel`, 'kpu-sumbawa', { reason: 'Jadwal berubah' }, key);
    expect(retry.status).toBe(200);
    expect(retry.body.status).toBe('CANCELLED');
    expect(retry.body.closedAt).toBe(first.body.closedAt);
    // Without the key: closed is closed.
    expect((await act(`/${id}/cancel`, 'kpu-sumbawa', { reason: 'Jadwal berubah' })).status).toBe(409);
  });
});
