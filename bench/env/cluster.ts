/**
 * The benchmark's system on the production topology instead of the dev server: the stack of
 * `npm run cluster` (src/cluster/stack.ts: private PostgreSQL, self-hosted Temporal server with SQL
 * visibility) with N product workers (src/worker.ts processes); the shared part (system.ts) adds
 * the SMTP sink and the API in this process, so the only differences from the dev-server figures
 * are the server and the worker count. The worker figures are those of all workers together.
 */
import path from 'node:path';
import { ClusterStack } from '../../src/cluster/stack';
import { openRecords } from '../../src/records/database';
import { procMemory, startSystem, type BenchEnv, type EnvOptions } from './system';

export async function startClusterBenchEnv(opts: EnvOptions & { workers: number }): Promise<BenchEnv> {
  // PostgreSQL runs as the user postgres and must pass through the DATA_DIR.
  return startSystem({ ...opts, tmpPrefix: 'koordinasi-bench-cluster-', dataDirMode: 0o711 }, async ({ dataDir, vars, config, logger, onStop }) => {
    opts.say(`starting the production stack: PostgreSQL, self-hosted Temporal, ${opts.workers} worker(s)`);
    const stack = new ClusterStack({ dataDir: path.join(dataDir, 'stack'), workers: opts.workers, apis: 0, taskQueue: config.TEMPORAL_TASK_QUEUE, appEnv: vars, logger, progress: opts.say });
    onStop(() => stack.stop());
    await stack.start();
    const records = await openRecords(stack.recordsUrl);
    onStop(() => records.destroy());

    const workerPids = () => stack.workers.map((w) => w?.process.pid);
    const worker = {
      get pid() {
        return workerPids()[0] ?? 0;
      },
      // All workers together: the figure to compare with the dev server's single worker.
      rss: () =>
        workerPids()
          .map(procMemory)
          .reduce((a, b) => ({ rss: a.rss + b.rss, peak: a.peak + b.peak }), { rss: 0, peak: 0 }),
      mem: (): Promise<NodeJS.MemoryUsage> => Promise.reject(new Error('heap figures need the dev target (bench/workerProcess.ts)')),
      stop: async () => {
        await Promise.all(stack.workers.map((w) => w?.stop('SIGTERM', 30_000)));
      },
    };
    return {
      address: stack.temporalAddress,
      namespace: stack.namespace,
      records,
      worker,
      async restartWorker() {
        await worker.stop();
        await Promise.all(stack.workers.map((_, i) => stack.startWorker(i)));
      },
    };
  });
}
