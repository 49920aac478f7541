/** Benchmark settings from flags and environment variables (flags win). */
import { loadConfig } from '../src/config';
import { parseCounts } from './stats';

export const PHASES = ['create', 'latency', 'open', 'burst', 'records'] as const;
export type Phase = (typeof PHASES)[number];

export const TARGETS = ['dev', 'cluster'] as const;
export type Target = (typeof TARGETS)[number];
/** Phases that run on the cluster target (open work needs the heap figures of bench/workerProcess.ts). */
export const CLUSTER_PHASES: readonly Phase[] = ['create', 'latency', 'burst'];

export interface BenchOptions {
  quick: boolean;
  /** dev: the dev server only; cluster: the dev server, then the production stack with each worker count. */
  target: Target;
  /** Worker counts of the cluster target. */
  clusterWorkers: number[];
  phases: Phase[];
  /** Create throughput: requests per variant. */
  n: number;
  /** Concurrent calls of the create throughput runs and of set-up work. */
  concurrency: number;
  /** Read and respond latency: calls per series. */
  calls: number;
  /** Open-work levels. */
  open: number[];
  /** Reads per open-work level. */
  openReads: number;
  /** Reminder burst: requests, and participants (recipients) per request. */
  burst: number;
  burstParticipants: number;
  /** Records phase: synthetic open and closed records in the store. */
  recordsOpen: number;
  recordsClosed: number;
  /** maxCachedWorkflows of the worker. */
  cacheSize: number;
  logLevel: string;
  keepData: boolean;
  /** Hard limit of the whole run; past it the harness stops everything and exits. */
  maxMinutes: number;
}

export const USAGE = `npm run bench [-- --quick] [-- --phases=create,latency,open,burst,records] [-- --target=dev|cluster]
  --target=cluster     the same phases (create, latency, burst) on the dev server and on the production
                       stack of npm run cluster (PostgreSQL, self-hosted Temporal) with 1 and with 2 workers
  env (flags --n= --concurrency= --calls= --open= --burst= --cache= override):
  BENCH_N              create throughput: requests per variant       (2000; quick 200)
  BENCH_CONCURRENCY    concurrent calls in throughput and set-up      (16)
  BENCH_CALLS          latency: calls per series                      (1000; quick 200)
  BENCH_OPEN           open-work levels, comma separated              (1000,10000; quick 300,1000)
  BENCH_OPEN_READS     API reads (and direct queries) per level       (1000; quick 200)
  BENCH_BURST          reminder burst: requests                       (2000; quick 200)
  BENCH_BURST_PARTICIPANTS  recipients per burst request (1..3)       (1)
  BENCH_RECORDS_OPEN   records: synthetic open records                (10000; quick 1000)
  BENCH_RECORDS_CLOSED records: synthetic closed records              (100000; quick 10000)
  BENCH_CACHE          worker maxCachedWorkflows                      (WORKER_CACHE_SIZE default, 1000)
  BENCH_LOG_LEVEL      API and worker log level (log file in temp dir) (info)
  BENCH_KEEP_DATA=1    keep the temporary DATA_DIR (SQLite, logs)
  BENCH_MAX_MINUTES    hard limit of the run                          (55; cluster target 120)
  BENCH_TARGET         dev | cluster                                  (dev)
  BENCH_CLUSTER_WORKERS  worker counts of the cluster target          (1,2)`;

function int(name: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min}, got "${text}"`);
  return n;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Map<string, string>();
  for (const a of argv) {
    if (a === '--help' || a === '-h') throw new Error(USAGE);
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument "${a}"\n${USAGE}`);
    flags.set(m[1], m[2] ?? 'true');
  }
  const known = new Set(['quick', 'target', 'cluster-workers', 'phases', 'n', 'concurrency', 'calls', 'open', 'open-reads', 'burst', 'burst-participants', 'records-open', 'records-closed', 'cache', 'max-minutes']);
  for (const k of flags.keys()) if (!known.has(k)) throw new Error(`unknown flag --${k}\n${USAGE}`);
  const quick = flags.get('quick') === 'true' || env.BENCH_QUICK === '1';
  const v = (flag: string, envName: string) => flags.get(flag) ?? env[envName];
  const phasesText = v('phases', 'BENCH_PHASES');
  const target = (v('target', 'BENCH_TARGET') ?? 'dev') as Target;
  if (!TARGETS.includes(target)) throw new Error(`unknown target "${target}" (targets: ${TARGETS.join(', ')})`);
  const phases = phasesText ? phasesText.split(',').map((s) => s.trim()) : [...(target === 'cluster' ? CLUSTER_PHASES : PHASES)];
  for (const p of phases) if (!(PHASES as readonly string[]).includes(p)) throw new Error(`unknown phase "${p}" (phases: ${PHASES.join(', ')})`);
  if (target === 'cluster') for (const p of phases) if (!CLUSTER_PHASES.includes(p as Phase)) throw new Error(`phase "${p}" runs on the dev target only`);
  const open = parseCounts(v('open', 'BENCH_OPEN') ?? (quick ? '300,1000' : '1000,10000'));
  const burst = int('BENCH_BURST', v('burst', 'BENCH_BURST'), quick ? 200 : 2000);
  const burstParticipants = int('BENCH_BURST_PARTICIPANTS', v('burst-participants', 'BENCH_BURST_PARTICIPANTS'), 1);
  if (burstParticipants > 3) throw new Error('BENCH_BURST_PARTICIPANTS must be 1..3');
  return {
    quick,
    target,
    clusterWorkers: parseCounts(v('cluster-workers', 'BENCH_CLUSTER_WORKERS') ?? '1,2'),
    phases: PHASES.filter((p) => phases.includes(p)),
    n: int('BENCH_N', v('n', 'BENCH_N'), quick ? 200 : 2000),
    concurrency: int('BENCH_CONCURRENCY', v('concurrency', 'BENCH_CONCURRENCY'), 16),
    calls: int('BENCH_CALLS', v('calls', 'BENCH_CALLS'), quick ? 200 : 1000),
    open,
    openReads: int('BENCH_OPEN_READS', v('open-reads', 'BENCH_OPEN_READS'), quick ? 200 : 1000),
    burst,
    burstParticipants,
    recordsOpen: int('BENCH_RECORDS_OPEN', v('records-open', 'BENCH_RECORDS_OPEN'), quick ? 1000 : 10_000),
    recordsClosed: int('BENCH_RECORDS_CLOSED', v('records-closed', 'BENCH_RECORDS_CLOSED'), quick ? 10_000 : 100_000),
    // Default: the product's own default (WORKER_CACHE_SIZE in src/config.ts), so the figures are the shipped setting's.
    cacheSize: int('BENCH_CACHE', v('cache', 'BENCH_CACHE'), loadConfig({}).WORKER_CACHE_SIZE, 2),
    logLevel: env.BENCH_LOG_LEVEL ?? 'info',
    keepData: env.BENCH_KEEP_DATA === '1',
    maxMinutes: int('BENCH_MAX_MINUTES', v('max-minutes', 'BENCH_MAX_MINUTES'), target === 'cluster' ? 120 : 55),
  };
}
