/**
 * Scenario 5: bad input. Property-based fuzzing (fast-check, fixed seeds) of every route's body,
 * path parameters, query string and headers, in-process with supertest against createApp over a
 * real dev server and worker (fast: ~ms per case). Properties:
 * - never a 5xx; the app keeps answering (/healthz, a valid create) afterwards;
 * - no state change on rejected input: two target requests (one open, one cancelled) keep exactly
 *   their state and timeline, and visibility holds only the requests whose create was accepted;
 * - malformed, expired, wrongly signed, `alg: none` and otherwise forged JWTs are refused (401);
 * - the web pages' forms and pages (same app, signed-in sessions with valid CSRF tokens, so input
 *   reaches the checks behind them): never a 5xx, nothing changes but accepted creates.
 */
import type { Server } from 'node:http';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { signDevToken } from '../../src/api/auth';
import { createHttpApp } from '../../src/server';
import pino from 'pino';
import { directory } from '../support/workflowHarness';
import { bearer, createBody, JWT_SECRET, startApiEnv, type ApiEnv } from '../support/apiHarness';
import { eventually } from '../support/workflowHarness';
import { seedFor } from './support/prng';

const TOTAL = Number(process.env.RELIABILITY_FUZZ_CASES ?? 12_000);
const R = '/v1/coordination-requests';

let api: ApiEnv;
let server: Server;
/** The same system with the web pages mounted (API + pages, as `npm start` serves them). */
let web: Server;
let openId: string; // IN_PROGRESS: kpu-sumbawa asks pemkab-sumbawa and bawaslu-sumbawa, tembusan kpu-ntb
let closedId: string; // the same, cancelled
const snapshots = new Map<string, unknown>();
const stats = { cases: 0, byStatus: {} as Record<string, number>, created: 0, jwtCases: 0, refusedByNodeHttpParser: 0, malformedPercentPaths: 0, webCases: 0, webByStatus: {} as Record<string, number> };
/** Requests created through the web form (a double submit of one form key creates one). */
const webCreated = new Set<string>();

async function snapshot(id: string): Promise<unknown> {
  const h = api.env.client.workflow.getHandle(`koordinasi-${id}`);
  const [state, timeline, desc] = await Promise.all([h.query('state'), h.query('timeline'), h.describe()]);
  return { state, timeline, status: desc.status.name, historyLength: desc.historyLength };
}

async function assertTargetsUnchanged(): Promise<void> {
  for (const id of [openId, closedId]) expect(await snapshot(id)).toEqual(snapshots.get(id));
}

beforeAll(async () => {
  api = await startApiEnv();
  server = api.makeApp({ RATE_LIMIT_PER_MINUTE: '100000000' }).listen(0, '127.0.0.1');
  web = createHttpApp({ config: { ...api.config, RATE_LIMIT_PER_MINUTE: 100_000_000, WEB_RATE_LIMIT_PER_MINUTE: 100_000_000 }, directory, client: api.env.client, logger: pino({ level: 'silent' }), records: api.worker.records }).listen(0, '127.0.0.1');
  const create = async () => {
    const res = await request(server).post(R).set('Authorization', await bearer('kpu-sumbawa')).send(createBody());
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  openId = await create();
  closedId = await create();
  const cancelled = await request(server).post(`${R}/${closedId}/cancel`).set('Authorization', await bearer('kpu-sumbawa')).send({ reason: 'fuzz target' });
  expect(cancelled.status).toBe(200);
  // Wait for the creation/cancel notifications to be recorded, so the snapshots are stable.
  await eventually(async () => {
    const open = (await snapshot(openId)) as { timeline: Array<{ kind: string }> };
    expect(open.timeline.filter((e) => e.kind === 'NOTIFICATION_DELIVERED')).toHaveLength(1);
    expect(((await snapshot(closedId)) as { status: string }).status).toBe('COMPLETED');
  }, 30_000);
  for (const id of [openId, closedId]) snapshots.set(id, await snapshot(id));
}, 180_000);

afterAll(async () => {
  process.stdout.write(`[reliability] summary ${JSON.stringify({ scenario: 'fuzz', ...stats })}\n`);
  server?.close();
  web?.close();
  await api?.stop();
});

// ------------------------------------------------------------------ arbitraries

/** Header-safe text (what an HTTP client can put on the wire): tab, printable ASCII, latin-1. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c < 0x7f || c >= 0xa0).map((c) => String.fromCharCode(c)), maxLength: 80 });
/**
 * Characters free text must never carry: C0/C1 controls (NUL, ESC, BEL, DEL, NEL…) and the Unicode
 * bidirectional controls that reorder what a reader sees ("gnp.exe" shown as "exe.png").
 */
const REFUSED_CHARS = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
/** Ordinary text with control or bidi characters mixed in. */
const hostileText = fc
  .tuple(fc.string({ maxLength: 15 }), fc.array(fc.constantFrom(...REFUSED_CHARS), { minLength: 1, maxLength: 3 }), fc.string({ maxLength: 15 }))
  .map(([a, bad, b]) => `${a}${bad.join('')}${b}`);
const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), headerText, hostileText);
const json = fc.jsonValue({ maxDepth: 3 });
const orgish = fc.constantFrom('pemkab-sumbawa', 'bawaslu-sumbawa', 'kpu-ntb', 'kpu-ri', 'dkpp', 'nowhere', 'Pemkab', '', 'a', 'kpu-sumbawa');
const strangeValue = fc.oneof(json, anyText, orgish, fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.constant({}), fc.constant([]), fc.string({ minLength: 2001, maxLength: 2100 }));

/** A valid object with one field replaced, removed or added: near misses reach deeper checks. */
function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.record({ k: fc.constantFrom(...keys), v: strangeValue }).map(({ k, v }) => ({ ...valid, [k]: v })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([x]) => x !== k))),
    fc.record({ k: fc.string({ minLength: 1, maxLength: 12 }), v: strangeValue }).map(({ k, v }) => ({ ...valid, [k]: v })),
    fc.record({ path: fc.constantFrom('steps', 'steps.0', 'steps.0.deadline', 'steps.0.policy', 'steps.0.reminders', 'deadline'), k: fc.constantFrom('participants', 'kind', 'duration', 'at', 'days', 'type', 'min', 'before', 'repeatEvery', 'x'), v: strangeValue }).map(
      ({ path, k, v }) => {
        const copy = structuredClone(valid);
        let target: unknown = copy;
        for (const p of path.split('.')) target = (target as Record<string, unknown> | undefined)?.[p];
        if (target && typeof target === 'object') (target as Record<string, unknown>)[k] = v;
        return copy;
      },
    ),
  );
}

const validBodies: Record<string, Record<string, unknown>> = {
  responses: { decision: 'APPROVE', comment: 'ok' },
  revisions: { comment: 'sudah diperbaiki', title: 'Judul baru', reanswer: 'ALL' },
  deadline: { deadline: { kind: 'DURATION', duration: 'P10D' }, comment: 'diperpanjang' },
  delegations: { to: 'pemprov-ntb', comment: 'dialihkan' },
  cancel: { reason: 'batal' },
};

type RawBody = { raw: string; type: string };
/** Stands for a JSON body over the 100 kB limit (expanded when sent, so counterexamples stay short). */
const HUGE = '<json body of 120 kB>';
const rawBody: fc.Arbitrary<RawBody> = fc.oneof(
  fc.record({ raw: fc.constantFrom('{', '{"a":', '[1,2', 'null', '"x"', '{"decision":"APPROVE"', '\u0000', 'true', '1e999', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}'), type: fc.constant('application/json') }),
  fc.record({ raw: fc.string({ maxLength: 60 }), type: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/problem+json', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', 'application/xml') }),
  fc.record({ raw: fc.constant(HUGE), type: fc.constant('application/json') }),
);
const body = (valid?: Record<string, unknown>) => fc.oneof({ weight: 3, arbitrary: valid ? mutated(valid) : json }, { weight: 2, arbitrary: json }, { weight: 2, arbitrary: rawBody }, { weight: 1, arbitrary: fc.constant(undefined) });

const query = fc.dictionary(
  fc.oneof(fc.constantFrom('status', 'requester', 'participant', 'pendingFor', 'overdue', 'category', 'pageSize', 'pageToken', 'afterSeq', 'x', '__proto__', 'constructor'), fc.string({ maxLength: 10 })),
  fc.oneof(anyText, fc.constantFrom('IN_PROGRESS', 'IN_PROGRESS,APPROVED', 'true', 'false', '-1', '0', '1e3', '101', 'NaN', 'kpu-ntb', "x' OR 1=1", 'FACILITIES'), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 })),
  { maxKeys: 4 },
);

const pathId = (targets: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...targets) },
    { weight: 2, arbitrary: fc.stringMatching(/^rq-[0-9a-f]{32}$/) },
    { weight: 2, arbitrary: anyText.map((s) => encodeURIComponent(s)) },
    { weight: 1, arbitrary: fc.constantFrom('%E0%A4%A', '%', '..%2F..%2Fetc', 'rq-', `${targets[0]}%00`, `${targets[0].toUpperCase()}`, 'koordinasi-rq-0', '%F0%9F%98%80', 'a'.repeat(3000)) },
  );

/** Callers allowed to READ the targets but not to change them (admin/participants/requester excluded). */
const weakCaller = fc.constantFrom('kpu-ntb', 'kpu-ri', 'dkpp', 'pemprov-ntb', 'bawaslu-ri');
const headers = fc.record(
  {
    'Idempotency-Key': fc.oneof(headerText, fc.string({ minLength: 256, maxLength: 300 }).map((s) => s.replace(/[^\x21-\x7e]/g, 'k'))),
    'X-Request-Id': headerText,
    Accept: fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml', ''),
    'Content-Encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x'),
  },
  { requiredKeys: [] },
);

interface Case {
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body?: unknown;
  caller?: string;
  /** Statuses that mean "accepted" and are allowed for this case; anything else must be 4xx. */
  accept: number[];
}

async function send(c: Case): Promise<request.Response> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(c.query)) for (const x of Array.isArray(v) ? v : [v]) qs.append(k, String(x));
  const url = `${c.path}${qs.size ? `?${qs}` : ''}`;
  let req = request(server)[c.method](url);
  if (c.caller) req = req.set('Authorization', await bearer(c.caller));
  for (const [k, v] of Object.entries(c.headers)) req = req.set(k, v);
  if (c.body === undefined) return req;
  if (typeof c.body === 'object' && c.body !== null && 'raw' in c.body && 'type' in c.body) {
    const b = c.body as RawBody;
    return req.set('Content-Type', b.type).send(b.raw === HUGE ? `{"comment":"${'x'.repeat(120_000)}"}` : b.raw);
  }
  return req.set('Content-Type', 'application/json').send(JSON.stringify(c.body));
}

function hasMalformedPercent(path: string): boolean {
  return path.split('/').some((seg) => {
    try {
      decodeURIComponent(seg);
      return false;
    } catch {
      return true;
    }
  });
}

async function check(c: Case): Promise<void> {
  const res = await send(c);
  stats.cases++;
  stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
  if (res.status === 201) stats.created++;
  const what = `${c.method.toUpperCase()} ${c.path} as ${c.caller ?? 'anonymous'} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  if (hasMalformedPercent(c.path)) stats.malformedPercentPaths++;
  if (res.status >= 500) throw new Error(`5xx: ${what}`);
  if (!c.accept.includes(res.status) && !(res.status >= 400 && res.status < 500)) throw new Error(`accepted input that must be refused: ${what}`);
  // Node's HTTP parser refuses some header combinations itself (e.g. Transfer-Encoding with
  // Content-Length: bare 400, no request id); whatever reached the app must answer problem+json.
  if (res.status >= 400 && res.headers['x-request-id'] && !/^application\/problem\+json/.test(String(res.headers['content-type']))) {
    throw new Error(`error without problem+json: ${what}`);
  }
  if (!res.headers['x-request-id']) stats.refusedByNodeHttpParser++;
}

/** Runs a property with its share of the total cases, then checks the targets are untouched. */
async function fuzz(name: string, share: number, arb: fc.Arbitrary<Case>): Promise<void> {
  const numRuns = Math.max(50, Math.round(TOTAL * share));
  const seed = seedFor(`fuzz ${name}`, 5500 + name.length * 31 + name.charCodeAt(0));
  let n = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (c) => {
      await check(c);
      if (++n % 500 === 0) await assertTargetsUnchanged();
    }),
    { numRuns, seed, endOnFailure: true },
  );
  await assertTargetsUnchanged();
}

const targetIds = () => [openId, closedId];

// ------------------------------------------------------------------ properties

test('POST /v1/coordination-requests: bodies and headers (valid ones may create, nothing else changes)', async () => {
  await fuzz(
    'create',
    0.2,
    fc.record({ body: body(createBody()), headers, caller: fc.constantFrom('kpu-sumbawa', 'kpu-ri', 'dkpp') }).map(
      ({ body: b, headers: h, caller }): Case => ({ method: 'post', path: R, query: {}, headers: h, body: b, caller, accept: [200, 201] }),
    ),
  );
});

for (const action of ['responses', 'revisions', 'deadline', 'delegations', 'cancel'] as const) {
  test(`POST /v1/coordination-requests/{id}/${action}: params, bodies, headers; targets never change`, async () => {
    await fuzz(
      action,
      0.1,
      fc
        .record({ id: pathId(targetIds()), body: body(validBodies[action]), headers, caller: weakCaller, query })
        .map(({ id, body: b, headers: h, caller, query: q }): Case => ({ method: 'post', path: `${R}/${id}/${action}`, query: q, headers: h, body: b, caller, accept: [] })),
    );
  });
}

/** Every free-text field of every body, with control or bidi characters in it: always 400 naming the field. */
const FREE_TEXT_FIELDS: Array<[string, string, Record<string, unknown>, string]> = [
  ['create', R, createBody(), 'title'],
  ['create', R, createBody(), 'description'],
  ['create', R, createBody({ steps: [{ name: 'Tahap 1', participants: ['pemkab-sumbawa'], deadline: { kind: 'DURATION', duration: 'P3D' } }] }), 'steps.0.name'],
  ['responses', 'responses', validBodies.responses, 'comment'],
  ['revisions', 'revisions', validBodies.revisions, 'comment'],
  ['revisions', 'revisions', validBodies.revisions, 'title'],
  ['revisions', 'revisions', { ...validBodies.revisions, description: 'isi' }, 'description'],
  ['deadline', 'deadline', validBodies.deadline, 'comment'],
  ['delegations', 'delegations', validBodies.delegations, 'comment'],
  ['cancel', 'cancel', validBodies.cancel, 'reason'],
];

test('free text with control or bidi characters is refused in every field (400 naming it), nothing changes', async () => {
  const numRuns = Math.max(50, Math.round(TOTAL * 0.05));
  const seed = seedFor('fuzz free text', 7700);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...FREE_TEXT_FIELDS), hostileText, async ([, target, valid, field], text) => {
      const copy = structuredClone(valid);
      const keys = field.split('.');
      let obj: Record<string, unknown> = copy;
      for (const k of keys.slice(0, -1)) obj = obj[k] as Record<string, unknown>;
      obj[keys.at(-1)!] = text;
      const url = target === R ? R : `${R}/${openId}/${target}`;
      const res = await request(server).post(url).set('Authorization', await bearer('kpu-sumbawa')).send(copy);
      stats.cases++;
      const expectedField = keys.map((k, i) => (i > 0 && /^\d+$/.test(k) ? `[${k}]` : i > 0 ? `.${k}` : k)).join('');
      expect({ status: res.status, fields: (res.body.errors ?? []).map((e: { field: string }) => e.field) }).toEqual({ status: 400, fields: expect.arrayContaining([expectedField]) });
    }),
    { numRuns, seed, endOnFailure: true },
  );
  await assertTargetsUnchanged();
});

test('requester and participants on the CLOSED target: every action refused', async () => {
  await fuzz(
    'closed',
    0.08,
    fc
      .record({ action: fc.constantFrom(...(Object.keys(validBodies) as Array<keyof typeof validBodies>)), body: fc.oneof(fc.constantFrom(...Object.values(validBodies)), json), caller: fc.constantFrom('kpu-sumbawa', 'pemkab-sumbawa', 'bawaslu-sumbawa') })
      .map(({ action, body: b, caller }): Case => ({ method: 'post', path: `${R}/${closedId}/${action}`, query: {}, headers: {}, body: b, caller, accept: [] })),
  );
});

test('GET routes: params, query strings and headers', async () => {
  await fuzz(
    'reads',
    0.17,
    fc
      .record({
        which: fc.constantFrom('list', 'get', 'timeline', 'orgs', 'healthz', 'metrics', 'openapi', 'unknown'),
        id: pathId(targetIds()),
        query,
        headers,
        caller: fc.option(fc.constantFrom('kpu-sumbawa', 'kpu-ntb', 'dkpp', 'pemkab-sumbawa'), { nil: undefined }),
      })
      .map(({ which, id, query: q, headers: h, caller }): Case => {
        const path = { list: R, get: `${R}/${id}`, timeline: `${R}/${id}/timeline`, orgs: '/v1/organizations', healthz: '/healthz', metrics: '/metrics', openapi: '/openapi.json', unknown: `/v1/${id}` }[which];
        return { method: 'get', path, query: q, headers: h, caller, accept: [200] };
      }),
  );
});

test('other methods and unknown paths', async () => {
  await fuzz(
    'methods',
    0.05,
    fc
      .record({ method: fc.constantFrom('put', 'delete', 'patch', 'post', 'get') as fc.Arbitrary<Case['method']>, path: fc.oneof(pathId(targetIds()).map((id) => `${R}/${id}`), anyText.map((s) => `/${encodeURIComponent(s)}`), fc.constantFrom('/v1', '/v1/', '/v2/coordination-requests', `${R}/`, '/docs/../v1/organizations')), body: fc.option(json, { nil: undefined }), caller: fc.constantFrom('kpu-sumbawa', 'kpu-ntb') })
      .map(({ method, path, body: b, caller }): Case => ({ method, path, query: {}, headers: {}, body: b, caller, accept: method === 'get' ? [200] : [] })),
  );
});

// Found by this fuzzer (answered 500 until 3988e78): Express's router throws a URIError with
// status 400 but without `expose`, which errors.ts used to treat as internal.
test('a malformed percent-encoding in a path parameter is refused with 400, not 500', async () => {
  const auth = await bearer('kpu-sumbawa');
  for (const path of [`${R}/%`, `${R}/%/timeline`, `${R}/%E0%A4%A/cancel`, `${R}/%/responses`]) {
    const res = await request(server)[path.endsWith('timeline') || path.endsWith('%') ? 'get' : 'post'](path).set('Authorization', auth);
    expect(res.status).toBe(400);
  }
});

// ------------------------------------------------------------------ tokens

const b64 = (x: unknown) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
const hs = (alg: 'sha256' | 'sha512', secret: string, input: string) => createHmac(alg, secret).update(input).digest('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'mallory', org: 'kpu-sumbawa', roles: ['staff', 'admin'], iat: now(), exp: now() + 3600, ...extra });

async function forgedTokens(): Promise<Array<[string, string]>> {
  const valid = await signDevToken(JWT_SECRET, { sub: 'alice', org: 'kpu-sumbawa', roles: ['staff'] }, { expiresIn: '1h' });
  const [h, p, s] = valid.split('.');
  const unsigned = (header: unknown, payload: unknown) => `${b64(header)}.${b64(payload)}`;
  const signed = (header: Record<string, unknown>, payload: unknown, alg: 'sha256' | 'sha512' = 'sha256', secret = JWT_SECRET) => {
    const input = unsigned(header, payload);
    return `${input}.${hs(alg, secret, input)}`;
  };
  return [
    ['alg none, empty signature', `${unsigned({ alg: 'none', typ: 'JWT' }, claims())}.`],
    ['alg none, no signature part', unsigned({ alg: 'none', typ: 'JWT' }, claims())],
    ['alg None (case)', `${unsigned({ alg: 'None' }, claims())}.`],
    ['alg none with the valid signature kept', `${unsigned({ alg: 'none' }, claims())}.${s}`],
    ['expired', await signDevToken(JWT_SECRET, { sub: 'alice', org: 'kpu-sumbawa', roles: ['staff'] }, { expiresIn: now() - 120 })],
    ['expired, hand-made', signed({ alg: 'HS256', typ: 'JWT' }, claims({ exp: now() - 10 }))],
    ['not yet valid (nbf in an hour)', signed({ alg: 'HS256' }, claims({ nbf: now() + 3600 }))],
    ['wrong secret', await signDevToken('another-secret-0123456789abcdef', { sub: 'alice', org: 'kpu-sumbawa', roles: ['staff'] })],
    ['HS512 with the right secret', signed({ alg: 'HS512' }, claims(), 'sha512')],
    ['RS256 header, HMAC signature', signed({ alg: 'RS256' }, claims())],
    ['payload swapped (org kpu-ri), signature kept', `${h}.${b64({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), org: 'kpu-ri', roles: ['admin'] })}.${s}`],
    ['signature removed', `${h}.${p}.`],
    ['signature of another token', `${h}.${p}.${hs('sha256', JWT_SECRET, 'something else')}`],
    ['two parts', `${h}.${p}`],
    ['four parts', `${valid}.${s}`],
    ['garbage', 'not-a-jwt'],
    ['header not JSON', `${b64('{alg:HS256')}.${p}.${s}`],
    ['missing claims (no org)', signed({ alg: 'HS256' }, { sub: 'x', iat: now(), exp: now() + 60 })],
    ['claims of the wrong type', signed({ alg: 'HS256' }, { sub: 5, org: ['kpu-sumbawa'], roles: 'admin', exp: now() + 60 })],
    ['crit header', signed({ alg: 'HS256', crit: ['x-unknown'], 'x-unknown': 1 }, claims())],
    ['empty token', ''],
  ];
}

const V1_ROUTES: Array<[Case['method'], (id: string) => string, unknown]> = [
  ['get', () => R, undefined],
  ['post', () => R, createBody()],
  ['get', (id) => `${R}/${id}`, undefined],
  ['get', (id) => `${R}/${id}/timeline`, undefined],
  ['post', (id) => `${R}/${id}/responses`, validBodies.responses],
  ['post', (id) => `${R}/${id}/revisions`, validBodies.revisions],
  ['post', (id) => `${R}/${id}/deadline`, validBodies.deadline],
  ['post', (id) => `${R}/${id}/delegations`, validBodies.delegations],
  ['post', (id) => `${R}/${id}/cancel`, validBodies.cancel],
  ['get', () => '/v1/organizations', undefined],
];

test('malformed, expired, wrongly signed and alg:none tokens are refused with 401 on every /v1 route', async () => {
  const failures: string[] = [];
  for (const [name, tok] of await forgedTokens()) {
    for (const scheme of ['Bearer', 'bearer']) {
      for (const [method, path, b] of V1_ROUTES) {
        let req = request(server)[method](path(openId)).set('Authorization', `${scheme} ${tok}`);
        if (b !== undefined) req = req.send(b as object);
        const res = await req;
        stats.jwtCases++;
        if (res.status !== 401) failures.push(`${name}: ${method.toUpperCase()} ${path(openId)} → ${res.status}`);
      }
    }
  }
  expect(failures).toEqual([]);
  await assertTargetsUnchanged();
});

test('random corruptions of a valid token are refused (401)', async () => {
  const valid = await signDevToken(JWT_SECRET, { sub: 'alice', org: 'kpu-sumbawa', roles: ['staff', 'admin'] }, { expiresIn: '1h' });
  const last = new Set([valid.indexOf('.') - 1, valid.lastIndexOf('.') - 1, valid.length - 1]); // base64url tails may carry padding bits
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: valid.length - 1 }).filter((i) => !last.has(i) && valid[i] !== '.'),
      fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
      fc.constantFrom(...V1_ROUTES),
      async (i, ch, [method, path, b]) => {
        fc.pre(valid[i] !== ch);
        const tok = `${valid.slice(0, i)}${ch}${valid.slice(i + 1)}`;
        let req = request(server)[method](path(openId)).set('Authorization', `Bearer ${tok}`);
        if (b !== undefined) req = req.send(b as object);
        const res = await req;
        stats.jwtCases++;
        expect(res.status).toBe(401);
      },
    ),
    { numRuns: Math.max(100, Math.round(TOTAL * 0.05)), seed: seedFor('fuzz token corruption', 5599) },
  );
  await assertTargetsUnchanged();
});

// ------------------------------------------------------------------ web pages and forms

/** A signed-in browser-like session (development sign-in) and a CSRF token valid for it. */
const webSessions = new Map<string, { agent: request.Agent; csrf: string }>();
const csrfIn = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function webSession(org: string): Promise<{ agent: request.Agent; csrf: string }> {
  let s = webSessions.get(org);
  if (!s) {
    const agent = request.agent(web);
    const signIn = await agent.get('/sign-in');
    const signedIn = await agent.post('/sign-in/dev').type('form').send({ _csrf: csrfIn(signIn.text), org });
    expect(signedIn.status).toBe(303);
    s = { agent, csrf: csrfIn((await agent.get('/requests/new')).text) };
    webSessions.set(org, s);
  }
  return s;
}

type FormValue = string | string[];
const formText = fc.oneof(anyText, fc.constantFrom('', '0', '-1', '3', '1e3', 'NaN', 'P3D', 'APPROVE', 'REQUEST_CHANGES', 'QUORUM', 'AT', '2020-01-01T00:00', '2099-12-31T23:59', 'pemkab-sumbawa', 'nowhere', 'remove:0', 'remove:99', 'add', 'submit'));
const formValue: fc.Arbitrary<FormValue> = fc.oneof({ weight: 4, arbitrary: formText }, { weight: 1, arbitrary: fc.array(formText, { maxLength: 4 }) });
const formKey = fc.oneof(
  fc.constantFrom('title', 'description', 'category', 'tembusan[]', '_action', '_key', 'steps[0][name]', 'steps[0][participants][]', 'steps[0][policy]', 'steps[0][min]', 'steps[0][deadlineKind]', 'steps[0][days]', 'steps[0][at]', 'steps[0][before]', 'steps[0][atDeadline]', 'steps[0][escalate]', 'steps[1][participants][]', 'steps[99][days]', 'steps[a][b][c]', 'steps', 'steps[]', '__proto__[x]', 'constructor[prototype][x]', 'decision', 'comment', 'reason', 'from', 'to', 'at', 'reanswer', 'next', 'org', 'role'),
  fc.string({ maxLength: 12 }),
);

const validForms: Record<string, Record<string, FormValue>> = {
  create: { title: 'Uji formulir', category: 'FACILITIES', 'steps[0][participants][]': 'pemkab-sumbawa', 'steps[0][policy]': 'ALL', 'steps[0][deadlineKind]': 'WORKING_DAYS', 'steps[0][days]': '3', 'steps[0][before]': '3,1', _action: 'submit' },
  respond: { decision: 'APPROVE', comment: 'ok' },
  revise: { comment: 'diperbaiki', reanswer: 'ALL' },
  deadline: { at: '2099-12-31T10:00' },
  delegate: { from: 'pemkab-sumbawa', to: 'pemprov-ntb' },
  cancel: { reason: 'batal' },
};

function mutatedForm(valid: Record<string, FormValue>): fc.Arbitrary<Record<string, FormValue>> {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.record({ k: fc.constantFrom(...keys), v: formValue }).map(({ k, v }) => ({ ...valid, [k]: v })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([x]) => x !== k))),
    fc.dictionary(formKey, formValue, { maxKeys: 6 }).map((extra) => ({ ...valid, ...extra })),
    fc.dictionary(formKey, formValue, { maxKeys: 8 }),
  );
}

interface WebCase {
  method: 'get' | 'post';
  path: string;
  query: Record<string, unknown>;
  caller?: string;
  csrf: 'valid' | 'missing' | 'forged';
  form?: Record<string, FormValue> | { raw: string };
  /** Statuses besides 4xx that are fine for this case. */
  accept: number[];
}

async function checkWeb(c: WebCase): Promise<void> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(c.query)) for (const x of Array.isArray(v) ? v : [v]) qs.append(k, String(x));
  const url = `${c.path}${qs.size ? `?${qs}` : ''}`;
  const session = c.caller ? await webSession(c.caller) : undefined;
  const client = session ? session.agent : request(web);
  let res: request.Response;
  if (c.method === 'get') {
    res = await client.get(url);
  } else {
    let body: string;
    if (c.form && 'raw' in c.form) body = String(c.form.raw);
    else {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(c.form ?? {})) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
      if (c.csrf !== 'missing') p.append('_csrf', c.csrf === 'valid' && session ? session.csrf : 'forged-token');
      body = p.toString();
    }
    res = await client.post(url).set('Content-Type', 'application/x-www-form-urlencoded').send(body);
  }
  stats.webCases++;
  stats.webByStatus[res.status] = (stats.webByStatus[res.status] ?? 0) + 1;
  const what = `${c.method.toUpperCase()} ${url} as ${c.caller ?? 'anonymous'} (csrf ${c.csrf}) → ${res.status} ${String(res.text).replace(/\s+/g, ' ').slice(0, 300)}`;
  if (res.status >= 500) throw new Error(`5xx: ${what}`);
  if (!c.accept.includes(res.status) && !(res.status >= 400 && res.status < 500)) throw new Error(`accepted input that must be refused: ${what}`);
  const location = String(res.headers.location ?? '');
  if (res.status === 303 && !c.caller && !location.startsWith('/sign-in')) throw new Error(`anonymous post not sent to sign-in: ${what}`);
  if (c.method === 'post' && c.path === '/requests' && res.status === 303 && c.caller) {
    if (c.csrf !== 'valid') throw new Error(`created without a valid CSRF token: ${what}`);
    webCreated.add(location);
  }
}

async function fuzzWeb(name: string, share: number, arb: fc.Arbitrary<WebCase>): Promise<void> {
  const numRuns = Math.max(50, Math.round(TOTAL * share));
  await fc.assert(fc.asyncProperty(arb, checkWeb), { numRuns, seed: seedFor(`fuzz web ${name}`, 7700 + name.length * 17), endOnFailure: true });
  await assertTargetsUnchanged();
}

const csrfMode = fc.constantFrom<WebCase['csrf']>('valid', 'valid', 'valid', 'missing', 'forged');

test('web: the new-request form (valid ones create once per form key; nothing else changes)', async () => {
  await fuzzWeb(
    'create form',
    0.04,
    fc
      .record({ form: fc.oneof({ weight: 5, arbitrary: mutatedForm(validForms.create) }, { weight: 1, arbitrary: fc.record({ raw: fc.string({ maxLength: 80 }) }) }), csrf: csrfMode, caller: fc.constantFrom('kpu-sumbawa', 'kpu-ri', undefined) })
      // 200: the form again (add/remove a step); 303: created (or found, for a form key used before).
      .map(({ form, csrf, caller }): WebCase => ({ method: 'post', path: '/requests', query: {}, caller, csrf, form, accept: caller ? [200, 303] : [303] })),
  );
});

for (const action of ['respond', 'revise', 'deadline', 'delegate', 'cancel'] as const) {
  test(`web: the ${action} form of readers without the right; targets never change`, async () => {
    await fuzzWeb(
      action,
      0.02,
      fc
        .record({ id: pathId(targetIds()), form: mutatedForm(validForms[action]), csrf: csrfMode, caller: fc.constantFrom('kpu-ntb', 'kpu-ri', 'dkpp', undefined) })
        // 303 only to the sign-in page (anonymous): checked by the targets' snapshots.
        .map(({ id, form, csrf, caller }): WebCase => ({ method: 'post', path: `/requests/${id}/${action}`, query: {}, caller, csrf, form, accept: caller ? [] : [303] })),
    );
  });
}

test('web: pages with strange paths and query strings', async () => {
  const webQuery = fc.dictionary(fc.constantFrom('status', 'category', 'requester', 'participant', 'overdue', 'pageToken', 'lang', 'next', 't', 'since', 'failed', 'x'), fc.oneof(formText, fc.array(formText, { maxLength: 2 })), { maxKeys: 4 });
  await fuzzWeb(
    'pages',
    0.04,
    fc
      .record({
        path: fc.oneof(
          fc.constantFrom('/', '/sign-in', '/inbox', '/requests', '/requests/new', '/overview', '/link', '/assets/style.css', '/assets/../package.json', '/sign-in/oidc', '/nowhere'),
          pathId(targetIds()).map((id) => `/requests/${id}`),
          pathId(targetIds()).map((id) => `/requests/${id}/live`),
        ),
        query: webQuery,
        caller: fc.constantFrom('kpu-sumbawa', 'kpu-ntb', 'dkpp', undefined),
      })
      .map(({ path, query: q, caller }): WebCase => ({ method: 'get', path, query: q, caller, csrf: 'valid', accept: [200, 204, 303] })),
  );
});

test('afterwards: the app still serves, visibility holds only accepted creates, targets unchanged', async () => {
  expect((await request(server).get('/healthz')).status).toBe(200);
  const res = await request(server).post(R).set('Authorization', await bearer('kpu-sumbawa')).send(createBody({ title: 'after the fuzz' }));
  expect(res.status).toBe(201);
  stats.created++;
  // The two targets + every 201 of the fuzz + the one above: nothing else was started.
  await eventually(async () => {
    const { count } = await api.env.client.workflow.count(`WorkflowType = 'coordinationWorkflow'`);
    expect(count).toBe(2 + stats.created + webCreated.size);
  }, 30_000);
  await assertTargetsUnchanged();
  expect(stats.cases + stats.jwtCases).toBeGreaterThanOrEqual(Math.min(10_000, TOTAL));
  // Negative control: the snapshot comparison notices a change (here: a real, allowed response).
  const ok = await request(server).post(`${R}/${openId}/responses`).set('Authorization', await bearer('pemkab-sumbawa')).send({ decision: 'ACKNOWLEDGE' });
  expect(ok.status).toBe(200);
  await expect(assertTargetsUnchanged()).rejects.toThrow();
});
