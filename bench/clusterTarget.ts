/**
 * `npm run bench -- --target=cluster`: the same phases (create throughput, read and respond
 * latency, reminder burst) in one run on the same machine, first on the dev server (SQLite), then
 * on the production stack of `npm run cluster` (PostgreSQL, self-hosted Temporal with SQL
 * visibility) with each worker count of BENCH_CLUSTER_WORKERS (1,2), one system at a time. The
 * API runs in the harness process in every case, so the columns differ only in the server and the
 * number of workers. Figures are reported, never asserted.
 */
import { startClusterBenchEnv } from './env/cluster';
import { startBenchEnv } from './env/devServer';
import type { BenchEnv } from './env/system';
import type { BenchOptions } from './options';
import type { BurstResult } from './phases/burst';
import type { CreateResult } from './phases/create';
import type { LatencyResult } from './phases/latency';
import type { PhaseResults } from './phases/runPhases';
import { fmt, fmtMiB, type LatencySummary } from './stats';

export interface SystemResult {
  system: string;
  workers: number;
  create?: CreateResult;
  latency?: LatencyResult;
  burst?: BurstResult;
  errors: string[];
}

interface Deps {
  say: (line: string) => void;
  runPhases: (env: BenchEnv, opts: BenchOptions, res: PhaseResults) => Promise<void>;
  /** The system now running (what a signal or the time limit must stop). */
  onEnv: (env: BenchEnv) => void;
}

/** Runs every system in turn, appending to `out` as each finishes (kept if the time limit strikes). */
export async function runClusterTarget(opts: BenchOptions, out: SystemResult[], deps: Deps): Promise<void> {
  const envOpts = { cacheSize: opts.cacheSize, logLevel: opts.logLevel, keepData: opts.keepData, say: deps.say };
  const systems: Array<{ system: string; workers: number; start: () => Promise<BenchEnv> }> = [
    { system: 'dev server (SQLite)', workers: 1, start: () => startBenchEnv(envOpts) },
    ...opts.clusterWorkers.map((workers) => ({
      system: `cluster (PostgreSQL), ${workers} worker${workers > 1 ? 's' : ''}`,
      workers,
      start: () => startClusterBenchEnv({ ...envOpts, workers }),
    })),
  ];
  for (const s of systems) {
    deps.say(`==== ${s.system}`);
    const result: SystemResult = { system: s.system, workers: s.workers, errors: [] };
    let env: BenchEnv | undefined;
    try {
      env = await s.start();
      deps.onEnv(env);
      deps.say(`Temporal ${env.dev.address}, API ${env.api.url}, SMTP sink ${env.sink.url}, data ${env.dataDir}`);
      await deps.runPhases(env, opts, result);
    } catch (err) {
      result.errors.push(`${s.system}: ${(err as Error).message}`);
      deps.say(`FAILED ${s.system}: ${(err as Error).message}`);
    } finally {
      deps.say(`stopping ${s.system}`);
      await env?.stop();
    }
    out.push(result);
  }
}

const pct = (s?: LatencySummary) => (s ? `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} ms` : '–');
const num = (n?: number, unit = '') => (n === undefined || !Number.isFinite(n) ? '–' : fmt(n, unit));

/** One row per figure, one column per system. */
export function clusterReport(systems: SystemResult[]): [string[], string[][]] {
  const header = ['measure', ...systems.map((s) => s.system)];
  const row = (label: string, f: (s: SystemResult) => string) => [label, ...systems.map(f)];
  const rows = [
    row('create via the API (req/s)', (s) => num(s.create?.api.rate)),
    row('create, client (CoordinationService.create) (req/s)', (s) => num(s.create?.direct.rate)),
    row('bare client start (req/s)', (s) => num(s.create?.startOnly.rate)),
    row('read via the API p50/p95/p99', (s) => pct(s.latency?.read.api)),
    row('read, client query p50/p95/p99', (s) => pct(s.latency?.read.direct)),
    row('respond via the API p50/p95/p99', (s) => pct(s.latency?.respond.api)),
    row('respond, client update p50/p95/p99', (s) => pct(s.latency?.respond.direct)),
    row('create via the API p50/p95/p99', (s) => pct(s.latency?.create.api)),
    row('create, client (one at a time) p50/p95/p99', (s) => pct(s.latency?.create.direct)),
    row('burst deliveries/s', (s) => num(s.burst?.deliveriesPerSecond)),
    row('burst instant → last mail', (s) => num(s.burst?.lastDeliveryAfterMs, 'ms')),
    row('burst lost / duplicates', (s) => (s.burst ? `${s.burst.lost} / ${s.burst.duplicates} of ${s.burst.expected}` : '–')),
    row('worker peak RSS in the burst (all workers)', (s) => (s.burst ? fmtMiB(s.burst.workerPeakRss) : '–')),
    row('errors', (s) => (s.errors.length ? s.errors.join('; ') : 'none')),
  ];
  return [header, rows];
}
