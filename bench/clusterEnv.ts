/**
 * The benchmark's system on the production topology instead of the dev server: the stack of
 * `npm run cluster` (src/cluster/stack.ts: private PostgreSQL, self-hosted Temporal server with SQL
 * visibility) with N product workers (src/worker.ts processes), and the API in this process as in
 * env.ts, so the only differences from the dev-server figures are the server and the worker count.
 * Same interface as env.ts (BenchEnv); the worker figures are those of all workers together.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pino, { type Logger } from 'pino';
import { signDevToken } from '../src/api/auth';
import { ClusterStack } from '../src/cluster/stack';
import { loadConfig } from '../src/config';
import { loadDirectory } from '../src/directory/directory';
import { openRecords } from '../src/records/database';
import { startApi } from '../src/server';
import type { BenchEnv, EnvOptions } from './env';
import { startSmtpSink } from './smtpSink';

function rssOf(pid: number | undefined): { rss: number; peak: number } {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

export async function startClusterBenchEnv(opts: EnvOptions & { workers: number }): Promise<BenchEnv> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'koordinasi-bench-cluster-'));
  chmodSync(dataDir, 0o711); // PostgreSQL runs as the user postgres and must pass through
  const logFile = path.join(dataDir, 'bench.log');
  const cleanups: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()!();
      } catch (err) {
        opts.say(`cleanup step failed: ${(err as Error).message}`);
      }
    }
  };
  if (!opts.keepData) cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  try {
    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const vars: Record<string, string> = {
      DATA_DIR: dataDir,
      TEMPORAL_TASK_QUEUE: 'koordinasi-bench',
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: randomBytes(24).toString('hex'),
      SMTP_URL: sink.url,
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: opts.logLevel,
      WORKER_CACHE_SIZE: String(opts.cacheSize),
      NODE_ENV: 'test',
    };
    const config = loadConfig({ ...vars });
    const logger: Logger = pino({ name: 'koordinasi-bench', level: config.LOG_LEVEL }, pino.destination({ dest: logFile, sync: false }));
    cleanups.push(() => logger.flush());
    const directory = loadDirectory(config.DIRECTORY_PATH);

    opts.say(`starting the production stack: PostgreSQL, self-hosted Temporal, ${opts.workers} worker(s)`);
    const stack = new ClusterStack({ dataDir: path.join(dataDir, 'stack'), workers: opts.workers, apis: 0, taskQueue: config.TEMPORAL_TASK_QUEUE, appEnv: vars, logger, progress: opts.say });
    cleanups.push(() => stack.stop());
    await stack.start();

    const address = stack.temporalAddress;
    const apiConnection = await Connection.connect({ address });
    cleanups.push(() => apiConnection.close());
    const apiClient = new Client({ connection: apiConnection, namespace: stack.namespace });
    const directConnection = await Connection.connect({ address });
    cleanups.push(() => directConnection.close());
    const client = new Client({ connection: directConnection, namespace: stack.namespace });
    const records = await openRecords(stack.recordsUrl);
    cleanups.push(() => records.destroy());
    const api = await startApi({ config, directory, client: apiClient, logger, records });
    cleanups.push(() => api.close());

    const tokens = new Map<string, Promise<string>>();
    const bearer = (org: string) => {
      let t = tokens.get(org);
      if (!t) tokens.set(org, (t = signDevToken(config.JWT_SECRET!, { sub: `bench-${org}`, org, roles: ['staff'] }, { expiresIn: '4h' }).then((tok) => `Bearer ${tok}`)));
      return t;
    };
    const workerPids = () => stack.workers.map((w) => w?.process.pid);
    const worker = {
      get pid() {
        return workerPids()[0] ?? 0;
      },
      // All workers together: the figure to compare with the dev server's single worker.
      rss: () =>
        workerPids()
          .map(rssOf)
          .reduce((a, b) => ({ rss: a.rss + b.rss, peak: a.peak + b.peak }), { rss: 0, peak: 0 }),
      mem: (): Promise<NodeJS.MemoryUsage> => Promise.reject(new Error('heap figures need the dev target (bench/workerProcess.ts)')),
      stop: async () => {
        await Promise.all(stack.workers.map((w) => w?.stop('SIGTERM', 30_000)));
      },
    };
    return {
      config,
      directory,
      records,
      dev: { address, namespace: stack.namespace },
      sink,
      api,
      apiClient,
      client,
      worker,
      dataDir,
      logFile,
      bearer,
      async restartWorker() {
        await worker.stop();
        await Promise.all(stack.workers.map((_, i) => stack.startWorker(i)));
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
