/**
 * Phase "records": the records store at size — synthetic open and closed records bulk-inserted
 * (bench/records/synthetic.ts), then, one HTTP call at a time through the API:
 * - GET of a closed request (read from its record, no Temporal call);
 * - the list as a province secretariat, with a filter (participant + status) and with `q`;
 * - the response-time report over every record (the national secretariat's scope);
 * - what recording adds to an action: POST …/responses (ACKNOWLEDGE) on real workflows run by the
 *   product's worker (recording on) and by a second worker whose recording activity writes
 *   nothing (BENCH_RECORDING=off, own task queue), alternating call by call so background noise
 *   falls on both alike.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { httpJson, rng, runPool, timed } from '../load';
import { seedRecords, WORDS } from '../records/synthetic';
import { say } from '../say';
import { fmt, summarize, type LatencySummary } from '../stats';
import { drainCreated, logPool, OPEN_BODY, PARTICIPANTS, startOnly, type Ctx } from './context';

export interface RecordsResult {
  seeded: { open: number; closed: number; seconds: number };
  get: LatencySummary;
  listFilter: LatencySummary;
  listQ: LatencySummary;
  report: LatencySummary;
  recording: { on: LatencySummary; off: LatencySummary; addedP50: number };
  errors: number;
}

const PROVINCE = 'kpu-ntb';
const NATIONAL = 'kpu-ri';
const PARTIES = ['pemkab-sumbawa', 'pemprov-ntb', 'bawaslu-sumbawa', 'bawaslu-ntb', 'bawaslu-ri', 'dkpp'];
const WARM_UP = 20;

export async function phaseRecords(ctx: Ctx): Promise<RecordsResult> {
  const { env, opts } = ctx;
  const base = `${env.api.url}/v1`;
  let errors = 0;
  const series = async (n: number, call: (i: number) => Promise<unknown>, what: string): Promise<LatencySummary> => {
    const samples: number[] = [];
    for (let i = 0; i < n + WARM_UP; i++) {
      try {
        const ms = await timed(() => call(i));
        if (i >= WARM_UP) samples.push(ms);
      } catch (err) {
        errors += 1;
        if (errors === 1) say(`${what} error: ${(err as Error).message}`);
      }
    }
    const s = summarize(samples);
    say(`${what}: p50 ${fmt(s.p50)} / p99 ${fmt(s.p99)} ms (×${s.count})`);
    return s;
  };

  say(`seeding ${opts.recordsOpen} open and ${opts.recordsClosed} closed records`);
  const t0 = performance.now();
  let shown = 0;
  const ids = await seedRecords(env.records, { open: opts.recordsOpen, closed: opts.recordsClosed }, (done) => {
    if (done - shown >= 20_000) say(`  ${(shown = done)} records`);
  });
  // The steady state of a store that has held these rows for a while: planner statistics, and the
  // vacuum autovacuum would otherwise run in the background during the first series after a bulk
  // insert (it competed with the GET series for the two cores).
  await sql`vacuum analyze`.execute(env.records);
  const seeded = { open: ids.open.length, closed: ids.closed.length, seconds: (performance.now() - t0) / 1000 };
  say(`seeded in ${fmt(seeded.seconds)} s`);

  const pick = rng(7);
  const get = await series(opts.calls, async () => {
    const id = ids.closed[pick(ids.closed.length)];
    await httpJson('GET', `${base}/coordination-requests/${id}`, await env.bearer(NATIONAL));
  }, 'GET from the record');
  const listFilter = await series(opts.calls, async (i) => {
    const q = new URLSearchParams({ participant: PARTIES[pick(PARTIES.length)], status: i % 2 ? 'IN_PROGRESS' : 'APPROVED' });
    await httpJson('GET', `${base}/coordination-requests?${q}`, await env.bearer(PROVINCE));
  }, 'list with a filter');
  const listQ = await series(opts.calls, async () => {
    const q = new URLSearchParams({ q: WORDS[pick(WORDS.length)] });
    await httpJson('GET', `${base}/coordination-requests?${q}`, await env.bearer(PROVINCE));
  }, 'list with q');
  const report = await series(opts.quick ? 5 : 20, async () => {
    await httpJson('GET', `${base}/reports/response-times`, await env.bearer(NATIONAL));
  }, `report over ${seeded.open + seeded.closed} records`);

  const recording = await recordingCost(ctx);
  return { seeded, get, listFilter, listQ, report, recording, errors };
}

/** Respond latency with recording on (the product's worker) and off (a second worker, own queue). */
async function recordingCost(ctx: Ctx): Promise<RecordsResult['recording']> {
  const { env, opts } = ctx;
  if (!env.startExtraWorker) throw new Error('the recording comparison needs a second worker (dev target)');
  const offQueue = `${env.config.TEMPORAL_TASK_QUEUE}-no-recording`;
  await env.startExtraWorker({ TEMPORAL_TASK_QUEUE: offQueue, BENCH_RECORDING: 'off' });
  const perQueue = Math.ceil((opts.calls + WARM_UP) / PARTICIPANTS.length);
  const on: string[] = [];
  const off: string[] = [];
  const before = env.sink.countKind('REQUEST_CREATED');
  const r = await runPool(2 * perQueue, opts.concurrency, async (i) => {
    if (i % 2) off.push(await startOnly(ctx, OPEN_BODY, offQueue));
    else on.push(await startOnly(ctx, OPEN_BODY));
  });
  logPool('recording set-up', r);
  await drainCreated(ctx, before + r.ok * PARTICIPANTS.length, 'recording set-up');
  const seats = (ids: string[]) => ids.flatMap((id) => PARTICIPANTS.map((org) => ({ id, org })));
  const [onSeats, offSeats] = [seats(on), seats(off)];
  const respond = async (seat: { id: string; org: string }) =>
    httpJson('POST', `${env.api.url}/v1/coordination-requests/${seat.id}/responses`, await env.bearer(seat.org), { organization: seat.org, decision: 'ACKNOWLEDGE' }, [200]);
  // Alternate: a recorded request, then an unrecorded one; the first rounds warm up.
  const onSamples: number[] = [];
  const offSamples: number[] = [];
  const n = Math.min(onSeats.length, offSeats.length);
  for (let i = 0; i < n; i++) {
    for (const [seat, out] of [[onSeats[i], onSamples], [offSeats[i], offSamples]] as const) {
      const ms = await timed(() => respond(seat)).catch(() => NaN);
      if (i >= WARM_UP && !Number.isNaN(ms)) out.push(ms);
    }
  }
  const result = { on: summarize(onSamples), off: summarize(offSamples), addedP50: 0 };
  result.addedP50 = result.on.p50 - result.off.p50;
  say(`respond with recording: p50 ${fmt(result.on.p50)} ms, without: ${fmt(result.off.p50)} ms (×${result.on.count})`);
  return result;
}
