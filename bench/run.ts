/**
 * `npm run bench`: figures of the coordination engine against a real Temporal dev server, a real
 * worker (child process) and the real HTTP API, all on loopback, started and stopped here.
 * Phases (bench/phases/, see docs/PERFORMANCE.md): create throughput, read/respond latency, open
 * work, reminder burst. Prints a table with targets and PASS/MISS and writes
 * bench/results/<date>.json. Figures are reported, never asserted.
 */
import os from 'node:os';
import { runClusterTarget } from './clusterTarget';
import { startBenchEnv } from './env/devServer';
import type { BenchEnv } from './env/system';
import { parseOptions, USAGE, type BenchOptions } from './options';
import { runPhases } from './phases/runPhases';
import { writeResults, type Results } from './report';
import { say } from './say';

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
