/**
 * `npm run bench`: figures of the coordination engine against a real Temporal dev server, a real
 * worker (child process) and the real HTTP API, all on loopback, started and stopped here.
 * Phases (see docs/PERFORMANCE.md): create throughput, read/respond latency, open work, reminder
 * burst. Prints a table with targets and PASS/MISS and writes bench/results/<date>.json.
 * Figures are reported, never asserted.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CoordinationService, startOptions } from '../src/api/coordinationService';
import { toWorkflowInput } from '../src/api/createInput';
import { bodyHash, requestIdFor } from '../src/api/idempotency';
import { PageTokens } from '../src/api/pageToken';
import { CreateRequestBodySchema } from '../src/api/schemas';
import type { Actor, CoordinationState } from '../src/domain/types';
import type { coordinationWorkflow } from '../workflows/coordination';
import { respondUpdate, stateQuery, WORKFLOW_TYPE, workflowIdFor } from '../workflows/messages';
import { clusterReport, runClusterTarget, type SystemResult } from './cluster';
import { startBenchEnv, type BenchEnv } from './env';
import { httpJson, rng, runPool, sleep, timed, waitFor, type PoolResult } from './load';
import { parseOptions, USAGE, type BenchOptions } from './options';
import { fmt, fmtMiB, formatTable, ratePerSecond, summarize, verdict, type LatencySummary } from './stats';

const REQUESTER = 'kpu-sumbawa';
const PARTICIPANTS = ['pemkab-sumbawa', 'bawaslu-sumbawa', 'pemprov-ntb'];
const MiB = 1024 * 1024;
const say = (line: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

type Body = Record<string, unknown>;

function createBody(deadline: unknown, participants = PARTICIPANTS, reminders?: unknown): Body {
  return {
    title: 'Bench: fasilitasi gudang logistik Pilkada',
    description: 'Permohonan pinjam pakai gudang untuk logistik pemilihan (benchmark).',
    category: 'FACILITIES',
    tembusan: [],
    workingHours: false,
    steps: [{ participants, policy: { type: 'ALL' }, deadline, ...(reminders ? { reminders } : {}) }],
  };
}

/** Reminder timers days away (default policy: H-3, H-1, at the deadline, daily after). */
const OPEN_BODY = createBody({ kind: 'DURATION', duration: 'P7D' });

interface Ctx {
  env: BenchEnv;
  opts: BenchOptions;
  service: CoordinationService;
  requester: Actor;
}

/** The workflow input and start options exactly as the API builds them (src/api). */
function prepare(ctx: Ctx, body: Body) {
  const parsed = CreateRequestBodySchema.parse(body);
  const id = requestIdFor(REQUESTER, undefined);
  const input = toWorkflowInput(id, parsed, ctx.requester, ctx.env.directory, Date.now());
  return { id, input, hash: bodyHash(parsed) };
}

async function startOnly(ctx: Ctx, body: Body): Promise<string> {
  const { id, input, hash } = prepare(ctx, body);
  await ctx.env.client.workflow.start<typeof coordinationWorkflow>(WORKFLOW_TYPE, startOptions(input, hash, ctx.env.config.TEMPORAL_TASK_QUEUE));
  return id;
}

async function apiCreate(ctx: Ctx, body: Body): Promise<string> {
  const state = (await httpJson('POST', `${ctx.env.api.url}/v1/coordination-requests`, await ctx.env.bearer(REQUESTER), body, [201])) as CoordinationState;
  return state.id;
}

async function directCreate(ctx: Ctx, body: Body): Promise<string> {
  const { input, hash } = prepare(ctx, body);
  const out = await ctx.service.create(input, hash);
  return out.state.id;
}

const apiGet = async (ctx: Ctx, id: string) =>
  httpJson('GET', `${ctx.env.api.url}/v1/coordination-requests/${id}`, await ctx.env.bearer(REQUESTER));
const directQuery = (ctx: Ctx, id: string) => ctx.env.client.workflow.getHandle(workflowIdFor(id)).query(stateQuery);

/** Wait until every REQUEST_CREATED mail so far has arrived: the worker has caught up. */
async function drainCreated(ctx: Ctx, expected: number, what: string): Promise<boolean> {
  const ok = await waitFor(() => ctx.env.sink.countKind('REQUEST_CREATED'), expected, { stallMs: 60_000, maxMs: 20 * 60_000 });
  if (!ok) say(`WARNING: ${what}: only ${ctx.env.sink.countKind('REQUEST_CREATED')} of ${expected} creation mails arrived`);
  return ok;
}

function logPool(label: string, r: PoolResult): void {
  say(`${label}: ${r.ok} ok, ${r.errors} errors in ${fmt(r.ms / 1000)} s (${fmt(ratePerSecond(r.ok, r.ms))}/s)${r.firstError ? ` — first error: ${r.firstError}` : ''}`);
}

// ---------------------------------------------------------------- phases

export interface CreateResult {
  n: number;
  concurrency: number;
  api: { ms: number; ok: number; errors: number; rate: number };
  direct: { ms: number; ok: number; errors: number; rate: number };
  startOnly: { ms: number; ok: number; errors: number; rate: number };
  ratio: number;
  ratioVsStartOnly: number;
}

/**
 * N creates through each of: the API (POST, 201 with the state), the client doing the same work
 * (start + state query, CoordinationService.create), and a bare client start. Interleaved in two
 * rounds (A B C C B A) so drift (a growing SQLite file) touches all; the worker catches up between
 * runs so each run starts from an idle system.
 */
async function phaseCreate(ctx: Ctx, ids: string[]): Promise<CreateResult> {
  const { n, concurrency } = ctx.opts;
  const variants = {
    api: (b: Body) => apiCreate(ctx, b),
    direct: (b: Body) => directCreate(ctx, b),
    startOnly: (b: Body) => startOnly(ctx, b),
  };
  const acc = { api: { ms: 0, ok: 0, errors: 0 }, direct: { ms: 0, ok: 0, errors: 0 }, startOnly: { ms: 0, ok: 0, errors: 0 } };
  // Warm-up (connections, JIT, first workflow bundle load in the worker) outside the figures.
  for (const fn of Object.values(variants)) for (let i = 0; i < 10; i++) ids.push(await fn(OPEN_BODY));
  let expectedMails = ids.length * PARTICIPANTS.length;
  await drainCreated(ctx, expectedMails, 'warm-up');
  const halves = [Math.ceil(n / 2), Math.floor(n / 2)];
  for (const [round, count] of halves.entries()) {
    // A B C, then C B A: no variant always runs first (or last) in a round.
    const order = Object.entries(variants) as Array<[keyof typeof variants, (b: Body) => Promise<string>]>;
    for (const [name, fn] of round === 0 ? order : [...order].reverse()) {
      const r = await runPool(count, concurrency, async () => {
        ids.push(await fn(OPEN_BODY));
      });
      logPool(`create round ${round + 1} ${name}`, r);
      acc[name].ms += r.ms;
      acc[name].ok += r.ok;
      acc[name].errors += r.errors;
      expectedMails += r.ok * PARTICIPANTS.length;
      await drainCreated(ctx, expectedMails, `create ${name}`);
    }
  }
  const withRate = (x: { ms: number; ok: number; errors: number }) => ({ ...x, rate: ratePerSecond(x.ok, x.ms) });
  const api = withRate(acc.api);
  const direct = withRate(acc.direct);
  const so = withRate(acc.startOnly);
  return { n, concurrency, api, direct, startOnly: so, ratio: api.rate / direct.rate, ratioVsStartOnly: api.rate / so.rate };
}

export interface LatencyResult {
  calls: number;
  read: { api: LatencySummary; direct: LatencySummary; sameRpcs: LatencySummary; errors: number };
  respond: { api: LatencySummary; direct: LatencySummary; sameRpcs: LatencySummary; errors: number };
}

/**
 * One call at a time (latency, not load), API and direct alternating call by call so background
 * noise falls on both alike. Reads: GET vs a `state` Query. Responds: POST .../responses vs the
 * `respond` Update, ACKNOWLEDGE on a distinct seat each time (an acknowledgement keeps the request
 * open and sends no mail, so every call does the same work).
 */
async function phaseLatency(ctx: Ctx, pool: string[]): Promise<LatencyResult> {
  const calls = ctx.opts.calls;
  const pick = rng(42);
  const readApi: number[] = [];
  const readDirect: number[] = [];
  const readSame: number[] = [];
  let readErrors = 0;
  for (let i = 0; i < calls + 20; i++) {
    // Each series reads its own random request: with a bounded worker cache, reading one id three
    // times in a row would let the later readers find the workflow the first one just replayed.
    const [idApi, idDirect, idRef] = [0, 1, 2].map(() => pool[pick(pool.length)]);
    try {
      const a = await timed(() => apiGet(ctx, idApi));
      const d = await timed(() => directQuery(ctx, idDirect));
      // Reference: the API's own Temporal call from the client (one query; authorization reads its result).
      const s = await timed(() => ctx.service.state(idRef));
      if (i >= 20) {
        readApi.push(a);
        readDirect.push(d);
        readSame.push(s);
      }
    } catch (err) {
      readErrors += 1;
      if (readErrors === 1) say(`read error: ${(err as Error).message}`);
    }
  }
  say(`reads: ${readApi.length} API GETs and ${readDirect.length} direct queries`);

  // Seats in random order, so the three series of one round answer in different requests (the
  // three seats of one request side by side would hand the later series a freshly cached workflow).
  const seats = pool.flatMap((id) => PARTICIPANTS.map((org) => ({ id, org })));
  const shuffle = rng(99);
  for (let i = seats.length - 1; i > 0; i--) {
    const j = shuffle(i + 1);
    [seats[i], seats[j]] = [seats[j], seats[i]];
  }
  const needed = 3 * (calls + 20);
  if (seats.length < needed) throw new Error(`latency needs ${needed} open seats, the create phase made ${seats.length}; raise BENCH_N or lower BENCH_CALLS`);
  const respApi: number[] = [];
  const respDirect: number[] = [];
  const respSame: number[] = [];
  let respErrors = 0;
  for (let i = 0; i < calls + 20; i++) {
    const a = seats[3 * i];
    const d = seats[3 * i + 1];
    const r = seats[3 * i + 2];
    try {
      const ta = await timed(async () =>
        httpJson('POST', `${ctx.env.api.url}/v1/coordination-requests/${a.id}/responses`, await ctx.env.bearer(a.org), { organization: a.org, decision: 'ACKNOWLEDGE' }, [200]),
      );
      const actor: Actor = { sub: `bench-${d.org}`, org: d.org, roles: ['staff'] };
      const td = await timed(() =>
        ctx.env.client.workflow.getHandle<typeof coordinationWorkflow>(workflowIdFor(d.id)).executeUpdate(respondUpdate, { args: [{ actor, organization: d.org, decision: 'ACKNOWLEDGE' }] }),
      );
      // Reference: the API's own Temporal calls from the client (describe, then the update).
      const rActor: Actor = { sub: `bench-${r.org}`, org: r.org, roles: ['staff'] };
      const ts = await timed(async () => {
        await ctx.service.access(r.id);
        await ctx.service.update(r.id, respondUpdate, { actor: rActor, organization: r.org, decision: 'ACKNOWLEDGE' });
      });
      if (i >= 20) {
        respApi.push(ta);
        respDirect.push(td);
        respSame.push(ts);
      }
    } catch (err) {
      respErrors += 1;
      if (respErrors === 1) say(`respond error: ${(err as Error).message}`);
    }
  }
  say(`responds: ${respApi.length} API POSTs and ${respDirect.length} direct updates`);
  return {
    calls,
    read: { api: summarize(readApi), direct: summarize(readDirect), sameRpcs: summarize(readSame), errors: readErrors },
    respond: { api: summarize(respApi), direct: summarize(respDirect), sameRpcs: summarize(respSame), errors: respErrors },
  };
}

async function terminateAll(ctx: Ctx, ids: string[]): Promise<void> {
  const r = await runPool(ids.length, ctx.opts.concurrency * 2, async (i) => {
    try {
      await ctx.env.client.workflow.getHandle(workflowIdFor(ids[i])).terminate('benchmark clean-up');
    } catch (err) {
      if ((err as Error).name !== 'WorkflowNotFoundError') throw err;
    }
  });
  logPool('terminate', r);
}

export interface OpenLevel {
  open: number;
  setupMs: number;
  setupRate: number;
  workerRss: number;
  workerPeakRss: number;
  workerHeapUsed: number;
  read: { api: LatencySummary; direct: LatencySummary; errors: number };
}

/**
 * Open requests, each with pending reminder timers (deadline in 7 days: H-3, H-1, at-deadline
 * timers), started with the client (set-up, not the measured part) on a freshly started worker.
 * At each level, once the worker has finished setting all of them up: worker RSS, then API GETs
 * and direct queries on random open requests, alternating, one at a time.
 */
async function phaseOpen(ctx: Ctx, openIds: string[], levels: OpenLevel[]): Promise<OpenLevel[]> {
  const pick = rng(7);
  for (const level of ctx.opts.open) {
    const need = level - openIds.length;
    const mailsBefore = ctx.env.sink.countKind('REQUEST_CREATED');
    const t0 = performance.now();
    const r = await runPool(need, ctx.opts.concurrency, async () => {
      openIds.push(await startOnly(ctx, OPEN_BODY));
    });
    logPool(`open ${level}: started ${need}`, r);
    await drainCreated(ctx, mailsBefore + r.ok * PARTICIPANTS.length, `open ${level}`);
    const setupMs = performance.now() - t0;
    say(`open ${level}: worker caught up after ${fmt(setupMs / 1000)} s (${fmt(ratePerSecond(r.ok, setupMs))} requests/s fully set up)`);
    await sleep(5000); // let the last workflow tasks and GC settle
    const { rss, peak } = ctx.env.worker.rss();
    const mem = await ctx.env.worker.mem();
    say(`open ${level}: worker RSS ${fmtMiB(rss)} (peak ${fmtMiB(peak)}, JS heap used ${fmtMiB(mem.heapUsed)})`);
    const api: number[] = [];
    const direct: number[] = [];
    let errors = 0;
    for (let i = 0; i < ctx.opts.openReads + 20; i++) {
      // Each side reads its own random request: with a bounded worker cache, reading the same id
      // twice in a row would hand the second reader a workflow the first one just replayed.
      const idApi = openIds[pick(openIds.length)];
      const idDirect = openIds[pick(openIds.length)];
      try {
        const a = await timed(() => apiGet(ctx, idApi));
        const d = await timed(() => directQuery(ctx, idDirect));
        if (i >= 20) {
          api.push(a);
          direct.push(d);
        }
      } catch (err) {
        errors += 1;
        if (errors === 1) say(`open read error: ${(err as Error).message}`);
      }
    }
    levels.push({
      open: level,
      setupMs,
      setupRate: ratePerSecond(r.ok, setupMs),
      workerRss: rss,
      workerPeakRss: peak,
      workerHeapUsed: mem.heapUsed,
      read: { api: summarize(api), direct: summarize(direct), errors },
    });
    say(`open ${level}: API GET p50 ${fmt(levels.at(-1)!.read.api.p50)} ms, p99 ${fmt(levels.at(-1)!.read.api.p99)} ms`);
  }
  return levels;
}

export interface BurstResult {
  requests: number;
  participants: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  instant: string;
  setupFinishedBeforeInstant: boolean;
  setupMarginMs: number;
  firstDeliveryAfterMs: number;
  lastDeliveryAfterMs: number;
  deliveriesPerSecond: number;
  workerPeakRss: number;
}

/**
 * K requests whose one reminder (at the deadline, an absolute instant T shared by all, working
 * hours off) falls due at T; every reminder is an email through the real activity to the SMTP
 * sink. T is placed after the estimated set-up time (creation and its mails), so at T the system
 * is idle but for the burst.
 */
async function phaseBurst(ctx: Ctx, setupRateHint: number | undefined): Promise<BurstResult> {
  const k = ctx.opts.burst;
  const participants = PARTICIPANTS.slice(0, ctx.opts.burstParticipants);
  const rate = setupRateHint && Number.isFinite(setupRateHint) ? setupRateHint : 20;
  const setupS = (k / rate) * 1.5 + 20;
  const instantMs = Math.ceil((Date.now() + setupS * 1000) / 1000) * 1000;
  const instant = new Date(instantMs).toISOString();
  say(`burst: ${k} requests × ${participants.length} recipient(s), reminders due at ${instant} (in ${fmt(setupS)} s)`);
  const body = createBody({ kind: 'AT', at: instant }, participants, { before: [], atDeadline: true, repeatEvery: null, escalateAfter: null });
  const burstIds = new Set<string>();
  const mailsBefore = ctx.env.sink.countKind('REQUEST_CREATED');
  const r = await runPool(k, ctx.opts.concurrency, async () => {
    burstIds.add(await startOnly(ctx, body));
  });
  logPool('burst: started', r);
  await drainCreated(ctx, mailsBefore + r.ok * participants.length, 'burst set-up');
  const setupMarginMs = instantMs - Date.now();
  say(`burst: set-up finished ${fmt(setupMarginMs / 1000)} s before the instant`);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, ctx.env.worker.rss().rss || 0)), 500);
  const expected = r.ok * participants.length;
  const count = () => ctx.env.sink.countKind('REMINDER_DUE');
  await sleep(Math.max(0, instantMs - Date.now()));
  await waitFor(count, expected, { stallMs: 60_000, maxMs: 20 * 60_000, pollMs: 200 });
  await sleep(3000); // late duplicates, if any
  clearInterval(sampler);
  const got = [...ctx.env.sink.deliveries.values()].filter((d) => d.kind === 'REMINDER_DUE' && burstIds.has(d.key.split(':')[0]));
  const times = got.map((d) => d.firstAt);
  const first = times.length ? Math.min(...times) - instantMs : NaN;
  const last = times.length ? Math.max(...times) - instantMs : NaN;
  return {
    requests: r.ok,
    participants: participants.length,
    expected,
    delivered: got.length,
    lost: expected - got.length,
    duplicates: got.reduce((a, d) => a + d.copies - 1, 0),
    instant,
    setupFinishedBeforeInstant: setupMarginMs > 0,
    setupMarginMs,
    firstDeliveryAfterMs: first,
    lastDeliveryAfterMs: last,
    deliveriesPerSecond: ratePerSecond(got.length, last),
    workerPeakRss: peak,
  };
}

// ---------------------------------------------------------------- report

interface Results {
  startedAt: string;
  finishedAt?: string;
  durationS?: number;
  command: string;
  machine: { nproc: number; memoryGiB: number; node: string; platform: string; cpu: string };
  options: BenchOptions;
  create?: CreateResult;
  latency?: LatencyResult;
  open?: OpenLevel[];
  burst?: BurstResult;
  /** --target=cluster: the phases' results per system (dev server, cluster with 1 and 2 workers). */
  systems?: SystemResult[];
  errors: string[];
}

/** What runPhases fills in. */
export type PhaseResults = Pick<Results, 'create' | 'latency' | 'open' | 'burst' | 'errors'>;

const ms = (n: number) => fmt(n, 'ms');
const pct = (s: LatencySummary) => `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} ms`;

export function reportRows(res: Results): string[][] {
  const rows: string[][] = [];
  const c = res.create;
  if (c) {
    rows.push([`create ×${c.n}, ${c.concurrency} concurrent (req/s)`, fmt(c.api.rate), `${fmt(c.direct.rate)} (start+state)`, 'API ≥ 0.9 × direct', `${fmt(c.ratio)}× ${verdict(c.ratio >= 0.9, c.ratio)}`]);
    rows.push(['  reference: bare client start (req/s)', '', fmt(c.startOnly.rate), '', `API = ${fmt(c.ratioVsStartOnly)}×`]);
  }
  const l = res.latency;
  if (l) {
    const readOk = l.read.api.p99 <= l.read.direct.p99 + 5;
    const respOk = l.respond.api.p99 <= l.respond.direct.p99 + 5;
    rows.push([`read p50/p95/p99 (×${l.read.api.count})`, pct(l.read.api), `${pct(l.read.direct)} (query)`, 'API p99 ≤ direct p99 + 5 ms', `+${ms(l.read.api.p99 - l.read.direct.p99)} ${verdict(readOk, l.read.api.p99, l.read.direct.p99)}`]);
    rows.push(['  reference: the API query (CoordinationService.state) from the client', '', pct(l.read.sameRpcs), '', `API p99 +${ms(l.read.api.p99 - l.read.sameRpcs.p99)}`]);
    rows.push([`respond p50/p95/p99 (×${l.respond.api.count})`, pct(l.respond.api), `${pct(l.respond.direct)} (update)`, 'API p99 ≤ direct p99 + 5 ms', `+${ms(l.respond.api.p99 - l.respond.direct.p99)} ${verdict(respOk, l.respond.api.p99, l.respond.direct.p99)}`]);
    rows.push(['  reference: describe + update from the client', '', pct(l.respond.sameRpcs), '', `API p99 +${ms(l.respond.api.p99 - l.respond.sameRpcs.p99)}`]);
  }
  const o = res.open;
  if (o?.length) {
    for (const lv of o) {
      rows.push([`open ${lv.open}: worker RSS`, fmtMiB(lv.workerRss), '', lv === o.at(-1) && lv.open >= 10_000 ? '≤ 1024 MiB at 10,000' : '', lv === o.at(-1) && lv.open >= 10_000 ? verdict(lv.workerRss <= 1024 * MiB, lv.workerRss) : '']);
      rows.push([`open ${lv.open}: read p50/p95/p99`, pct(lv.read.api), `${pct(lv.read.direct)} (query)`, '', '']);
    }
    if (o.length >= 2) {
      const a = o[0];
      const b = o.at(-1)!;
      const r95 = b.read.api.p95 / a.read.api.p95;
      const r50 = b.read.api.p50 / a.read.api.p50;
      rows.push([`read at ${b.open} vs ${a.open} (p50, p95)`, `${fmt(r50)}×, ${fmt(r95)}×`, '', '≤ 1.5× (p50 and p95)', verdict(r50 <= 1.5 && r95 <= 1.5, r50, r95)]);
    }
  }
  const bu = res.burst;
  if (bu) {
    rows.push([`burst ${bu.requests} req × ${bu.participants}: instant → last mail`, ms(bu.lastDeliveryAfterMs), `first after ${ms(bu.firstDeliveryAfterMs)}`, '', '']);
    rows.push(['burst deliveries/s', fmt(bu.deliveriesPerSecond), '', '≥ 100/s', verdict(bu.deliveriesPerSecond >= 100, bu.deliveriesPerSecond)]);
    rows.push(['burst lost / duplicates', `${bu.lost} / ${bu.duplicates}`, `of ${bu.expected}`, 'none lost', verdict(bu.lost === 0, bu.lost)]);
  }
  return rows;
}

export const REPORT_HEADER = ['measure', 'Koordinasi API', 'direct Temporal client', 'target', 'result'];

function resultsFile(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  for (let i = 1; ; i++) {
    const file = path.join(dir, i === 1 ? `${date}.json` : `${date}-${i}.json`);
    if (!existsSync(file)) return file;
  }
}

/** Print the table and write bench/results/<date>.json (also for a run stopped by its time limit). */
function writeResults(res: Results, t0: number): void {
  res.finishedAt = new Date().toISOString();
  res.durationS = Math.round((Date.now() - t0) / 1000);
  const table = res.systems ? formatTable(...clusterReport(res.systems)) : formatTable(REPORT_HEADER, reportRows(res));
  process.stdout.write(`\n${table}\n\n`);
  const file = resultsFile(path.join(__dirname, 'results'));
  writeFileSync(file, `${JSON.stringify({ ...res, table }, null, 2)}\n`);
  say(`results: ${path.relative(process.cwd(), file)} (run took ${res.durationS} s, worker maxCachedWorkflows ${res.options.cacheSize})`);
}

// ---------------------------------------------------------------- main

/** The selected phases on one system, in order; a phase that fails is recorded and the next one runs. */
export async function runPhases(env: BenchEnv, opts: BenchOptions, res: PhaseResults): Promise<void> {
  const ctx: Ctx = {
    env,
    opts,
    service: new CoordinationService(env.client, { taskQueue: env.config.TEMPORAL_TASK_QUEUE, pageTokens: PageTokens.fromConfig(env.config) }),
    requester: { sub: `bench-${REQUESTER}`, org: REQUESTER, roles: ['staff'] },
  };
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    say(`== ${name}`);
    try {
      return await fn();
    } catch (err) {
      const msg = `${name}: ${err instanceof Error ? err.message : String(err)}`;
      res.errors.push(msg);
      say(`FAILED ${msg}`);
      return undefined;
    }
  };
  const created: string[] = [];
  if (opts.phases.includes('create')) res.create = await step('create throughput', () => phaseCreate(ctx, created));
  if (opts.phases.includes('latency')) {
    res.latency = await step('read and respond latency', async () => {
      if (created.length < opts.calls + 20) {
        const need = opts.calls + 20 - created.length;
        const before = env.sink.countKind('REQUEST_CREATED');
        const r = await runPool(need, opts.concurrency, async () => {
          created.push(await startOnly(ctx, OPEN_BODY));
        });
        logPool('latency set-up', r);
        await drainCreated(ctx, before + r.ok * PARTICIPANTS.length, 'latency set-up');
      }
      return phaseLatency(ctx, created);
    });
  }
  if (created.length && (opts.phases.includes('open') || opts.phases.includes('burst'))) {
    await step('clean-up', async () => {
      await terminateAll(ctx, created);
      say('restarting the worker for clean memory figures');
      await env.restartWorker();
    });
  }
  if (opts.phases.includes('open')) {
    const levels: OpenLevel[] = (res.open = []); // filled level by level: kept if the time limit strikes
    await step('open work', () => phaseOpen(ctx, [], levels));
  }
  if (opts.phases.includes('burst')) res.burst = await step('reminder burst', () => phaseBurst(ctx, res.open?.at(-1)?.setupRate));
}


async function main(): Promise<void> {
  let opts: BenchOptions;
  try {
    opts = parseOptions(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = (err as Error).message === USAGE ? 0 : 2;
    return;
  }
  const t0 = Date.now();
  const res: Results = {
    startedAt: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: { nproc: os.availableParallelism(), memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10, node: process.version, platform: `${os.platform()} ${os.release()}`, cpu: os.cpus()[0]?.model ?? '?' },
    options: opts,
    errors: [],
  };
  say(`options: ${JSON.stringify(opts)}`);

  // What to stop on a signal or at the time limit: the system being measured right now.
  let current: BenchEnv | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = () => (stopping ??= current ? current.stop() : Promise.resolve());
  const onSignal = (signal: NodeJS.Signals) => {
    say(`${signal}: stopping everything`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const limit = setTimeout(() => {
    say(`run exceeded BENCH_MAX_MINUTES=${opts.maxMinutes}: stopping everything, keeping the figures measured so far`);
    res.errors.push(`aborted after ${opts.maxMinutes} minutes (BENCH_MAX_MINUTES)`);
    void stopAll().finally(() => {
      writeResults(res, t0);
      process.exit(3);
    });
  }, opts.maxMinutes * 60_000);
  limit.unref();

  try {
    if (opts.target === 'cluster') {
      res.systems = [];
      await runClusterTarget(opts, res.systems, {
        say,
        runPhases,
        onEnv: (env) => {
          current = env;
          stopping = undefined;
        },
      });
      res.errors.push(...res.systems.flatMap((s) => s.errors));
    } else {
      const env = (current = await startBenchEnv({ cacheSize: opts.cacheSize, logLevel: opts.logLevel, keepData: opts.keepData, say }));
      say(`dev server ${env.dev.address}, API ${env.api.url}, SMTP sink ${env.sink.url}, worker pid ${env.worker.pid}, data ${env.dataDir}`);
      try {
        await runPhases(env, opts, res);
      } finally {
        say('stopping the API, worker, dev server and SMTP sink');
        await stopAll();
      }
    }
  } finally {
    clearTimeout(limit);
  }
  writeResults(res, t0);
  if (res.errors.length) {
    say(`errors: ${res.errors.join('; ')}`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  });
}
