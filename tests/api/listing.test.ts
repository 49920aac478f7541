/**
 * Listing through Temporal visibility: each filter, the caller's scope (own organization and
 * descendants, admins all) and page tokens. Visibility is eventually consistent on the dev
 * server, so expectations are polled (bounded). This file has its own dev server: the five
 * requests below are all there is.
 */
import request from 'supertest';
import { RequestPageSchema } from '../../src/api/responses';
import { bearer, createBody, eventually, startApiEnv, type ApiEnv } from '../support/apiHarness';

let api: ApiEnv;
const ids: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = { A: '', B: '', C: '', D: '', E: '' };

async function create(org: string, body: object): Promise<string> {
  const res = await request(api.app).post('/v1/coordination-requests').set('Authorization', await bearer(org)).send(body);
  expect(res.status).toBe(201);
  return res.body.id;
}

const step = (participants: string[], duration = 'P3D') => ({ participants, deadline: { kind: 'DURATION', duration } });

beforeAll(async () => {
  api = await startApiEnv();
  // A: kpu-sumbawa asks pemkab + bawaslu Sumbawa (FACILITIES), nobody answered.
  ids.A = await create('kpu-sumbawa', createBody());
  // B: kpu-ntb asks pemprov-ntb for budget.
  ids.B = await create('kpu-ntb', createBody({ category: 'BUDGET', tembusan: [], steps: [step(['pemprov-ntb'])] }));
  // C: kpu-sulbar asks dkpp, then cancels.
  ids.C = await create('kpu-sulbar', createBody({ category: 'ETHICS', tembusan: [], steps: [step(['dkpp'])] }));
  const cancel = await request(api.app).post(`/v1/coordination-requests/${ids.C}/cancel`).set('Authorization', await bearer('kpu-sulbar')).send({});
  expect(cancel.status).toBe(200);
  // D: a one-second deadline: overdue soon after creation.
  ids.D = await create('kpu-sumbawa', createBody({ category: 'SECURITY', tembusan: [], steps: [step(['bawaslu-sumbawa'], 'PT1S')] }));
  // E: like A, but pemkab-sumbawa approved: pending only on bawaslu-sumbawa.
  ids.E = await create('kpu-sumbawa', createBody());
  const approve = await request(api.app).post(`/v1/coordination-requests/${ids.E}/responses`).set('Authorization', await bearer('pemkab-sumbawa')).send({ decision: 'APPROVE' });
  expect(approve.status).toBe(200);
});
afterAll(async () => {
  await api?.stop();
});

const admin = () => bearer('dkpp', { sub: 'root', roles: ['staff', 'admin'] });
const nameOf = (id: string) => (Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id);

async function list(auth: string, query: Record<string, string | number> = {}) {
  const res = await request(api.app).get('/v1/coordination-requests').query(query).set('Authorization', auth);
  expect(res.status).toBe(200);
  return RequestPageSchema.parse(res.body);
}

/** Names (A..E) of everything the caller lists with these filters, all pages. */
async function names(auth: string, query: Record<string, string | number> = {}): Promise<string[]> {
  const out: string[] = [];
  let pageToken: string | null = null;
  do {
    const page = await list(auth, { ...query, ...(pageToken ? { pageToken } : {}) });
    out.push(...page.items.map((i) => nameOf(i.id)));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out.sort();
}

async function expectNames(auth: Promise<string> | string, query: Record<string, string | number>, expected: string[]) {
  const token = await auth;
  await eventually(async () => expect(await names(token, query)).toEqual(expected));
}

test('an admin lists everything, with summaries from the search attributes', async () => {
  await expectNames(admin(), {}, ['A', 'B', 'C', 'D', 'E']);
  const page = await list(await admin(), { requester: 'kpu-ntb' });
  expect(page.items).toEqual([
    expect.objectContaining({ id: ids.B, status: 'IN_PROGRESS', requester: 'kpu-ntb', category: 'BUDGET', participants: ['pemprov-ntb'], pendingFor: ['pemprov-ntb'], overdue: false }),
  ]);
  expect(page.items[0].dueAt).toEqual(expect.any(String));
});

test('filter: status (one or several)', async () => {
  await expectNames(admin(), { status: 'CANCELLED' }, ['C']);
  await expectNames(admin(), { status: 'IN_PROGRESS,CANCELLED' }, ['A', 'B', 'C', 'D', 'E']);
  await expectNames(admin(), { status: 'APPROVED' }, []);
});

test('filter: requester organization', async () => {
  await expectNames(admin(), { requester: 'kpu-sumbawa' }, ['A', 'D', 'E']);
});

test('filter: participant organization', async () => {
  await expectNames(admin(), { participant: 'dkpp' }, ['C']);
  await expectNames(admin(), { participant: 'pemkab-sumbawa' }, ['A', 'E']);
});

test('filter: pending for an organization (what is waiting on me)', async () => {
  await expectNames(admin(), { pendingFor: 'bawaslu-sumbawa' }, ['A', 'D', 'E']);
  await expectNames(admin(), { pendingFor: 'pemkab-sumbawa' }, ['A']);
  // A cancelled request waits on nobody.
  await expectNames(admin(), { pendingFor: 'dkpp' }, []);
});

test('filter: overdue', async () => {
  await expectNames(admin(), { overdue: 'true' }, ['D']);
  await expectNames(admin(), { overdue: 'false', status: 'IN_PROGRESS' }, ['A', 'B', 'E']);
});

test('filter: category', async () => {
  await expectNames(admin(), { category: 'BUDGET' }, ['B']);
  await expectNames(admin(), { category: 'FACILITIES' }, ['A', 'E']);
});

test('filters combine with AND', async () => {
  await expectNames(admin(), { requester: 'kpu-sumbawa', category: 'FACILITIES', pendingFor: 'pemkab-sumbawa' }, ['A']);
});

test('scope: a caller lists only what it may read (own organization and descendants)', async () => {
  await expectNames(bearer('kpu-sulbar'), {}, ['C']); // requester of C only
  await expectNames(bearer('dkpp'), {}, ['C']); // participant of C
  await expectNames(bearer('kpu-ri'), {}, ['A', 'B', 'C', 'D', 'E']); // national KPU: ancestor of every requester
  await expectNames(bearer('pemprov-ntb'), {}, ['A', 'B', 'E']); // itself (B) and pemkab-sumbawa below it (A, E)
  await expectNames(bearer('bawaslu-ri'), {}, ['A', 'D', 'E']); // bawaslu-sumbawa below it
  await expectNames(bearer('kpu-ntb'), {}, ['A', 'B', 'D', 'E']); // tembusan of A/E, requester of B, parent of kpu-sumbawa
  // Filters never widen the scope.
  await expectNames(bearer('kpu-sulbar'), { requester: 'kpu-sumbawa' }, []);
});

test('pagination: page tokens walk every result once', async () => {
  await expectNames(admin(), {}, ['A', 'B', 'C', 'D', 'E']);
  const auth = await admin();
  const seen: string[] = [];
  let pageToken: string | null = null;
  let pages = 0;
  do {
    const page = await list(auth, { pageSize: 2, ...(pageToken ? { pageToken } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(2);
    seen.push(...page.items.map((i) => i.id));
    pageToken = page.nextPageToken;
    pages++;
  } while (pageToken && pages < 10);
  expect(pages).toBeGreaterThanOrEqual(3);
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.map(nameOf).sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
});

test('bad listing input → 400 naming the parameter', async () => {
  const auth = await admin();
  const cases: Array<[Record<string, string>, string]> = [
    [{ status: 'DONE' }, 'status'],
    [{ overdue: 'yes' }, 'overdue'],
    [{ category: 'PARTY' }, 'category'],
    [{ requester: "kpu' OR 1=1" }, 'requester'],
    [{ pageSize: '1000' }, 'pageSize'],
    [{ pageToken: 'not a token!' }, 'pageToken'],
    [{ colour: 'blue' }, 'colour'],
  ];
  for (const [query, field] of cases) {
    const res = await request(api.app).get('/v1/coordination-requests').query(query).set('Authorization', auth);
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ in: 'query', field }));
  }
  // Well-formed but forged page token: refused before it reaches Temporal.
  const forged = await request(api.app).get('/v1/coordination-requests').query({ pageToken: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }).set('Authorization', auth);
  expect(forged.status).toBe(400);
  expect(forged.body.errors).toContainEqual(expect.objectContaining({ field: 'pageToken' }));
});

test('a page token continues only the listing it came from', async () => {
  await expectNames(admin(), {}, ['A', 'B', 'C', 'D', 'E']);
  const first = await list(await admin(), { pageSize: 1 });
  expect(first.nextPageToken).toEqual(expect.any(String));
  const token = first.nextPageToken!;
  // Other filters, or another caller (whose scope is part of the query): 400.
  const otherFilter = await request(api.app).get('/v1/coordination-requests').query({ pageSize: 1, pageToken: token, category: 'BUDGET' }).set('Authorization', await admin());
  expect(otherFilter.status).toBe(400);
  const otherCaller = await request(api.app).get('/v1/coordination-requests').query({ pageSize: 1, pageToken: token }).set('Authorization', await bearer('kpu-ri'));
  expect(otherCaller.status).toBe(400);
  // The page size may change between pages; the token still continues the same listing.
  const next = await list(await admin(), { pageSize: 10, pageToken: token });
  expect(next.items.map((i) => i.id)).not.toContain(first.items[0].id);
});
