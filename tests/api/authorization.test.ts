/**
 * Authorization matrix: every route × every kind of caller → the expected status
 * (docs/ARCHITECTURE.md#http-contract-and-identity).
 * A request is created by kpu-sumbawa (staff) with participants pemkab-sumbawa and
 * bawaslu-sumbawa and tembusan kpu-ntb. Callers:
 * - requester: kpu-sumbawa staff; participant: pemkab-sumbawa staff;
 * - uninvolved: kpu-sulbar (a sibling province, no part in the request) → 404, ids do not leak;
 * - ancestor: kpu-ri (national; ancestor of kpu-sumbawa) → may read, may not act;
 * - admin: dkpp with the admin role (uninvolved organization) → may do all;
 * - no token, expired token, token signed with another key → 401.
 * State-changing cells run on a fresh request each so every allowed call really succeeds.
 */
import request from 'supertest';
import { bearer, createBody, createRequest, eventually, startApiEnv, type ApiEnv } from '../support/apiHarness';
import { requestWithAttachment, tinyPdf } from '../support/attachmentFixtures';

let api: ApiEnv;
beforeAll(async () => {
  api = await startApiEnv();
});
afterAll(async () => {
  await api?.stop();
});

const CALLERS = ['requester', 'participant', 'uninvolved', 'ancestor', 'admin', 'noToken', 'expired', 'otherKey'] as const;
type Caller = (typeof CALLERS)[number];

async function authHeader(caller: Caller): Promise<string | undefined> {
  switch (caller) {
    case 'requester':
      return bearer('kpu-sumbawa');
    case 'participant':
      return bearer('pemkab-sumbawa');
    case 'uninvolved':
      return bearer('kpu-sulbar');
    case 'ancestor':
      return bearer('kpu-ri');
    case 'admin':
      return bearer('dkpp', { roles: ['staff', 'admin'] });
    case 'noToken':
      return undefined;
    case 'expired':
      return bearer('kpu-sumbawa', { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    case 'otherKey':
      return bearer('kpu-sumbawa', { secret: 'a-completely-different-secret-0123' });
  }
}

type Expect = Record<Caller, number>;
const unauth = { noToken: 401, expired: 401, otherKey: 401 } as const;
const allOk = (s: number): Expect => ({ requester: s, participant: s, uninvolved: s, ancestor: s, admin: s, ...unauth });
const readers: Expect = { requester: 200, participant: 200, uninvolved: 404, ancestor: 200, admin: 200, ...unauth };
const requesterOnly: Expect = { requester: 200, participant: 403, uninvolved: 404, ancestor: 403, admin: 200, ...unauth };
const open = (s: number): Expect => ({ requester: s, participant: s, uninvolved: s, ancestor: s, admin: s, noToken: s, expired: s, otherKey: s });

interface Route {
  name: string;
  method: 'get' | 'post' | 'delete';
  /** Prepare a request (fresh for state-changing routes) and return the URL to call. */
  url: () => Promise<string>;
  body?: (caller: Caller) => object;
  /** Send a small PDF as a multipart `file` part instead of a JSON body. */
  attach?: boolean;
  expect: Expect;
}

const fresh = () => createRequest(api.app);
let shared: string;
let withAttachment: Promise<{ id: string; attachmentId: string }> | undefined;
const sharedId = async () => (shared ??= await fresh());
const R = (id: string, suffix = '') => `/v1/coordination-requests/${id}${suffix}`;
/** A weekly coordination schedule of kpu-sumbawa (fresh for each state-changing cell). */
const scheduleBody = (participants = ['pemkab-sumbawa', 'bawaslu-sumbawa']) => ({
  template: createBody({ steps: [{ participants, deadline: { kind: 'WORKING_DAYS', days: 3 } }] }),
  recurrence: { every: 'P7D' },
});
async function freshSchedule(): Promise<string> {
  const res = await request(api.app).post('/v1/coordination-schedules').set('Authorization', await bearer('kpu-sumbawa')).send(scheduleBody());
  expect(res.status).toBe(201);
  return res.body.id as string;
}
let sharedSchedule: string;
const S = (id: string, suffix = '') => `/v1/coordination-schedules/${id}${suffix}`;
/** Schedules are seen like the requests they start are listed (requester, its ancestors, admins), managed by the requester and admins. */
const scheduleReaders: Expect = { requester: 200, participant: 404, uninvolved: 404, ancestor: 200, admin: 200, ...unauth };
const scheduleManagers = (s: number): Expect => ({ requester: s, participant: 404, uninvolved: 404, ancestor: 403, admin: s, ...unauth });

const ROUTES: Route[] = [
  {
    name: 'POST /v1/coordination-requests',
    method: 'post',
    url: async () => '/v1/coordination-requests',
    // Nobody asks itself: the participant's own request goes to others.
    body: (c) => (c === 'participant' ? createBody({ steps: [{ participants: ['bawaslu-sumbawa'], deadline: { kind: 'DURATION', duration: 'P3D' } }] }) : createBody()),
    expect: allOk(201),
  },
  { name: 'GET /v1/coordination-requests', method: 'get', url: async () => '/v1/coordination-requests', expect: allOk(200) },
  { name: 'GET /v1/coordination-requests/{id}', method: 'get', url: async () => R(await sharedId()), expect: readers },
  { name: 'GET /v1/coordination-requests/{id}/timeline', method: 'get', url: async () => R(await sharedId(), '/timeline'), expect: readers },
  {
    name: 'POST /v1/coordination-requests/{id}/responses',
    method: 'post',
    url: async () => R(await fresh(), '/responses'),
    body: (c) => (c === 'admin' ? { decision: 'APPROVE', organization: 'pemkab-sumbawa' } : { decision: 'APPROVE' }),
    // The requester and the ancestor can read but hold no seat.
    expect: { requester: 403, participant: 200, uninvolved: 404, ancestor: 403, admin: 200, ...unauth },
  },
  {
    name: 'POST /v1/coordination-requests/{id}/revisions',
    method: 'post',
    url: async () => {
      const id = await fresh();
      const changes = await request(api.app)
        .post(R(id, '/responses'))
        .set('Authorization', await bearer('bawaslu-sumbawa'))
        .send({ decision: 'REQUEST_CHANGES', comment: 'Mohon lengkapi' });
      expect(changes.status).toBe(200);
      return R(id, '/revisions');
    },
    body: () => ({ comment: 'Sudah dilengkapi' }),
    expect: requesterOnly,
  },
  {
    name: 'POST /v1/coordination-requests/{id}/deadline',
    method: 'post',
    url: async () => R(await fresh(), '/deadline'),
    body: () => ({ deadline: { kind: 'DURATION', duration: 'P10D' } }),
    expect: requesterOnly,
  },
  {
    name: 'POST /v1/coordination-requests/{id}/delegations',
    method: 'post',
    url: async () => R(await fresh(), '/delegations'),
    // The requester moving another organization's seat gives a reason (the delegation rules below).
    body: () => ({ from: 'pemkab-sumbawa', to: 'pemprov-ntb', comment: 'Kewenangan provinsi' }),
    // The seat holder and the requester (on its behalf) may; the ancestor may not.
    expect: { requester: 200, participant: 200, uninvolved: 404, ancestor: 403, admin: 200, ...unauth },
  },
  {
    name: 'POST /v1/coordination-requests/{id}/conditions/{conditionId}/met',
    method: 'post',
    url: async () => {
      const id = await fresh();
      const approve = await request(api.app).post(R(id, '/responses')).set('Authorization', await bearer('pemkab-sumbawa')).send({ decision: 'APPROVE', conditions: ['Sertakan denah'] });
      expect(approve.status).toBe(200);
      return R(id, '/conditions/c1/met');
    },
    body: () => ({ comment: 'Denah dikirim' }),
    // The approver that set it may not declare it met: only the requester (or an admin).
    expect: requesterOnly,
  },
  {
    name: 'POST /v1/coordination-requests/{id}/extension-requests',
    method: 'post',
    url: async () => R(await fresh(), '/extension-requests'),
    body: () => ({ until: new Date(Date.now() + 6 * 86_400_000).toISOString(), reason: 'Menunggu rapat pimpinan' }),
    // Only a seat holder asks, for its own seat: not the requester, not even an admin.
    expect: { requester: 403, participant: 200, uninvolved: 404, ancestor: 403, admin: 403, ...unauth },
  },
  {
    name: 'POST /v1/coordination-requests/{id}/extension-requests/{extensionId}/decision',
    method: 'post',
    url: async () => {
      const id = await fresh();
      const ask = await request(api.app)
        .post(R(id, '/extension-requests'))
        .set('Authorization', await bearer('pemkab-sumbawa'))
        .send({ until: new Date(Date.now() + 6 * 86_400_000).toISOString(), reason: 'Menunggu rapat pimpinan' });
      expect(ask.status).toBe(200);
      return R(id, '/extension-requests/e1/decision');
    },
    body: () => ({ decision: 'GRANT_SEAT' }),
    expect: requesterOnly,
  },
  { name: 'POST /v1/coordination-requests/{id}/cancel', method: 'post', url: async () => R(await fresh(), '/cancel'), body: () => ({}), expect: requesterOnly },
  { name: 'POST /v1/attachments', method: 'post', url: async () => '/v1/attachments', attach: true, expect: allOk(201) },
  {
    name: 'GET /v1/coordination-requests/{id}/attachments/{attachmentId}',
    method: 'get',
    url: async () => {
      const { id, attachmentId } = await (withAttachment ??= requestWithAttachment(api.app));
      return R(id, `/attachments/${attachmentId}`);
    },
    expect: readers,
  },
  { name: 'GET /v1/organizations', method: 'get', url: async () => '/v1/organizations', expect: allOk(200) },
  {
    name: 'POST /v1/coordination-schedules',
    method: 'post',
    url: async () => '/v1/coordination-schedules',
    body: (c) => (c === 'participant' ? scheduleBody(['bawaslu-sumbawa']) : scheduleBody()),
    expect: allOk(201),
  },
  { name: 'GET /v1/coordination-schedules', method: 'get', url: async () => '/v1/coordination-schedules', expect: allOk(200) },
  { name: 'GET /v1/coordination-schedules/{id}', method: 'get', url: async () => S((sharedSchedule ??= await freshSchedule())), expect: scheduleReaders },
  { name: 'POST /v1/coordination-schedules/{id}/pause', method: 'post', url: async () => S(await freshSchedule(), '/pause'), body: () => ({}), expect: scheduleManagers(200) },
  { name: 'POST /v1/coordination-schedules/{id}/resume', method: 'post', url: async () => S(await freshSchedule(), '/resume'), body: () => ({}), expect: scheduleManagers(200) },
  { name: 'DELETE /v1/coordination-schedules/{id}', method: 'delete', url: async () => S(await freshSchedule()), expect: scheduleManagers(204) },
  { name: 'GET /v1/stages', method: 'get', url: async () => '/v1/stages', expect: allOk(200) },
  {
    name: 'POST /v1/admin/stages/{stage}/re-resolve',
    method: 'post',
    url: async () => '/v1/admin/stages/penetapan-dpt/re-resolve',
    // Admins only: the schedule is the operator's, and the action reaches every organization's requests.
    expect: { requester: 403, participant: 403, uninvolved: 403, ancestor: 403, admin: 200, ...unauth },
  },
  { name: 'GET /healthz', method: 'get', url: async () => '/healthz', expect: open(200) },
  { name: 'GET /readyz', method: 'get', url: async () => '/readyz', expect: open(200) },
  { name: 'GET /metrics', method: 'get', url: async () => '/metrics', expect: open(200) },
  { name: 'GET /openapi.json', method: 'get', url: async () => '/openapi.json', expect: open(200) },
  { name: 'GET /docs', method: 'get', url: async () => '/docs', expect: open(200) },
];

const cells = ROUTES.flatMap((route) => CALLERS.map((caller) => [route.name, caller, route.expect[caller], route, caller] as const));

test.each(cells)('%s as %s → %i', async (_name, _caller, status, route, caller) => {
  const url = await route.url();
  let req = request(api.app)[route.method](url);
  const auth = await authHeader(caller);
  if (auth) req = req.set('Authorization', auth);
  const res = route.attach ? await req.attach('file', tinyPdf(), 'surat.pdf') : route.body ? await req.send(route.body(caller)) : await req;
  expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ status, body: undefined });
  if (status >= 400) {
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.status).toBe(status);
  }
  if (status === 401) expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
});

/**
 * Delegation rules (src/domain/seats.ts): who may move a seat, where it may go. Requests here are
 * made by kpu-ntb (a province with the regency kpu-sumbawa under it) to pemprov-ntb and
 * bawaslu-ntb, or as given. Each cell: caller, move, expected status and the field named.
 */
describe('delegation rules', () => {
  const byNtb = () => createRequest(api.app, 'kpu-ntb', createBody({ tembusan: [], steps: [{ participants: ['pemprov-ntb', 'bawaslu-ntb'], deadline: { kind: 'DURATION', duration: 'P3D' } }] }));
  const byRi = () => createRequest(api.app, 'kpu-ri', createBody({ tembusan: [], steps: [{ participants: ['pemprov-ntb', 'bawaslu-ntb'], deadline: { kind: 'DURATION', duration: 'P3D' } }] }));
  const admin = { roles: ['staff', 'admin'] };
  const CELLS: Array<[string, () => Promise<string>, string, object, { roles?: string[] }, number, string | undefined]> = [
    ['the requester moves a seat to itself', byNtb, 'kpu-ntb', { from: 'pemprov-ntb', to: 'kpu-ntb', comment: 'saya sendiri' }, {}, 400, 'to'],
    ['the requester moves a seat to its own regency', byNtb, 'kpu-ntb', { from: 'bawaslu-ntb', to: 'kpu-sumbawa', comment: 'bawahan' }, {}, 400, 'to'],
    ['the national requester moves a seat two levels down', byRi, 'kpu-ri', { from: 'bawaslu-ntb', to: 'kpu-sumbawa', comment: 'bawahan' }, {}, 400, 'to'],
    ['the requester moves a seat without a reason', byNtb, 'kpu-ntb', { from: 'pemprov-ntb', to: 'pemkab-sumbawa' }, {}, 400, 'comment'],
    ['the requester moves a seat with a blank reason', byNtb, 'kpu-ntb', { from: 'pemprov-ntb', to: 'pemkab-sumbawa', comment: '   ' }, {}, 400, 'comment'],
    ['the requester moves a seat elsewhere with a reason', byNtb, 'kpu-ntb', { from: 'bawaslu-ntb', to: 'bawaslu-sumbawa', comment: 'Ditangani kabupaten' }, {}, 200, undefined],
    ['a holder passes its own seat to the requester', byNtb, 'pemprov-ntb', { to: 'kpu-ntb' }, {}, 400, 'to'],
    ["a holder passes its own seat to its regency, no reason needed", byRi, 'pemprov-ntb', { to: 'pemkab-sumbawa' }, {}, 200, undefined],
    ["a holder passes its own seat under the requester (its own choice)", byNtb, 'bawaslu-ntb', { to: 'kpu-sumbawa' }, {}, 200, undefined],
    ['an admin moves a seat to the requester', byNtb, 'dkpp', { from: 'pemprov-ntb', to: 'kpu-ntb' }, admin, 400, 'to'],
    ['an admin moves a seat elsewhere', byNtb, 'dkpp', { from: 'pemprov-ntb', to: 'pemkab-sumbawa' }, admin, 200, undefined],
    ["a participant moves another's seat", byNtb, 'pemprov-ntb', { from: 'bawaslu-ntb', to: 'bawaslu-ri' }, {}, 403, undefined],
  ];

  test.each(CELLS)('%s', async (_name, make, caller, body, opts, status, field) => {
    const id = await make();
    const res = await request(api.app).post(R(id, '/delegations')).set('Authorization', await bearer(caller, opts)).send(body);
    expect({ status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ status, field });
    if (status >= 400) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  test('the requester is never a participant of its own request (400 naming the field)', async () => {
    const res = await request(api.app)
      .post('/v1/coordination-requests')
      .set('Authorization', await bearer('kpu-ntb'))
      .send(createBody({ tembusan: [], steps: [{ participants: ['pemprov-ntb', 'kpu-ntb'], deadline: { kind: 'DURATION', duration: 'P3D' } }] }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ in: 'body', field: 'steps[0].participants[1]', message: expect.stringMatching(/requester/) });
  });

  test('the reported takeover: the requester cannot move seats to itself or its subordinate and approve its own request', async () => {
    const id = await byNtb();
    const as = async (org: string) => bearer(org);
    const toSelf = await request(api.app).post(R(id, '/delegations')).set('Authorization', await as('kpu-ntb')).send({ from: 'pemprov-ntb', to: 'kpu-ntb', comment: 'x' });
    const toSub = await request(api.app).post(R(id, '/delegations')).set('Authorization', await as('kpu-ntb')).send({ from: 'bawaslu-ntb', to: 'kpu-sumbawa', comment: 'x' });
    expect([toSelf.status, toSub.status]).toEqual([400, 400]);
    const approve = await request(api.app).post(R(id, '/responses')).set('Authorization', await as('kpu-ntb')).send({ decision: 'APPROVE' });
    expect(approve.status).toBe(403);
    const state = await request(api.app).get(R(id)).set('Authorization', await as('kpu-ntb'));
    expect(state.body.status).toBe('IN_PROGRESS');
    expect(state.body.steps[0].participants.map((p: { org: string }) => p.org)).toEqual(['pemprov-ntb', 'bawaslu-ntb']);
  });

  test('a seat moved by the requester: the original holder and its parent are told, with the reason', async () => {
    const id = await byNtb();
    const res = await request(api.app)
      .post(R(id, '/delegations'))
      .set('Authorization', await bearer('kpu-ntb'))
      .send({ from: 'bawaslu-ntb', to: 'pemkab-sumbawa', comment: 'Gudang milik pemkab' });
    expect(res.status).toBe(200);
    const told = await eventually(() => {
      const msgs = api.worker.calls.filter((c) => c.message.request.id === id && c.message.kind === 'DELEGATED').map((c) => c.message);
      expect(new Set(msgs.map((m) => m.recipient))).toEqual(new Set(['pemkab-sumbawa', 'bawaslu-ntb', 'bawaslu-ri']));
      return msgs;
    });
    expect(told.find((m) => m.recipient === 'bawaslu-ri')).toMatchObject({ role: 'SUPERVISOR', comment: 'Gudang milik pemkab', delegation: { from: 'bawaslu-ntb', to: 'pemkab-sumbawa' } });
  });

  test('a holder moving its own seat: no supervisor is told', async () => {
    const id = await byNtb();
    expect((await request(api.app).post(R(id, '/delegations')).set('Authorization', await bearer('bawaslu-ntb')).send({ to: 'bawaslu-sumbawa' })).status).toBe(200);
    const msgs = await eventually(() => {
      const m = api.worker.calls.filter((c) => c.message.request.id === id && c.message.kind === 'DELEGATED').map((c) => c.message);
      expect(m.length).toBeGreaterThanOrEqual(2);
      return m;
    });
    expect(new Set(msgs.map((m) => m.recipient))).toEqual(new Set(['bawaslu-ntb', 'bawaslu-sumbawa']));
  });
});

describe('other identity rules', () => {
  test('a supervisor of a participant (pemprov-ntb over pemkab-sumbawa) may read', async () => {
    const res = await request(api.app).get(R(await sharedId())).set('Authorization', await bearer('pemprov-ntb'));
    expect(res.status).toBe(200);
  });

  test('an organization only informed (tembusan) may read but not answer', async () => {
    const id = await sharedId();
    expect((await request(api.app).get(R(id)).set('Authorization', await bearer('kpu-ntb'))).status).toBe(200);
    const answer = await request(api.app).post(R(id, '/responses')).set('Authorization', await bearer('kpu-ntb')).send({ decision: 'APPROVE' });
    expect(answer.status).toBe(403);
  });

  test('a participant may not answer for another seat', async () => {
    const res = await request(api.app)
      .post(R(await sharedId(), '/responses'))
      .set('Authorization', await bearer('pemkab-sumbawa'))
      .send({ decision: 'APPROVE', organization: 'bawaslu-sumbawa' });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/own seat/);
  });

  test('a participant may not delegate another seat', async () => {
    const res = await request(api.app)
      .post(R(await sharedId(), '/delegations'))
      .set('Authorization', await bearer('pemkab-sumbawa'))
      .send({ from: 'bawaslu-sumbawa', to: 'bawaslu-ntb' });
    expect(res.status).toBe(403);
  });

  test('the requester is the token organization; the body cannot name another', async () => {
    const res = await request(api.app)
      .post('/v1/coordination-requests')
      .set('Authorization', await bearer('kpu-sumbawa'))
      .send(createBody({ requester: 'kpu-ri' }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ in: 'body', field: 'requester', message: 'unknown field' });
  });

  test('a valid token for an organization outside the directory, or without a role, is refused (403)', async () => {
    const unknown = await request(api.app).get('/v1/organizations').set('Authorization', await bearer('kpu-atlantis'));
    expect(unknown.status).toBe(403);
    const noRole = await request(api.app).get('/v1/organizations').set('Authorization', await bearer('kpu-ri', { roles: ['viewer'] }));
    expect(noRole.status).toBe(403);
  });

  test('malformed Authorization headers are 401', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer not-a-jwt', 'bearer a.b.c']) {
      const res = await request(api.app).get('/v1/organizations').set('Authorization', header);
      expect(res.status).toBe(401);
    }
  });

  test('an unknown id is 404 for everyone, admins included', async () => {
    const res = await request(api.app)
      .get(R('rq-00000000000000000000000000000000'))
      .set('Authorization', await bearer('dkpp', { roles: ['admin'] }));
    expect(res.status).toBe(404);
  });
});
