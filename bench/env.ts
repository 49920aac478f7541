/**
 * The system under test, started by the harness on loopback only: a Temporal dev server (the
 * product's own launcher code, src/temporal/devServer.ts: SQLite in a temporary DATA_DIR, free
 * ports, search attributes by flag), a loopback SMTP sink, the product's worker in a child process
 * (bench/workerProcess.ts) and the product's HTTP API (createApp via startApi, port 0) in this
 * process. `stop()` releases everything it started, in reverse order.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pino, { type Logger } from 'pino';
import { signDevToken } from '../src/api/auth';
import { loadConfig, type Config } from '../src/config';
import { loadDirectory, type Directory } from '../src/directory/directory';
import { startApi, type ApiHandle } from '../src/server';
import { startDevServer, type DevServer } from '../src/temporal/devServer';
import { openRecords, type RecordsDb } from '../src/records/database';
import { startEmbeddedPostgres } from '../src/records/embedded';
import { freePort } from '../src/process/ports';
import { startSmtpSink, type SmtpSink } from './smtpSink';
import type { ParentMessage, WorkerMessage } from './workerProcess';

export interface EnvOptions {
  /** maxCachedWorkflows of the worker (WORKER_CACHE_SIZE). */
  cacheSize: number;
  logLevel: string;
  keepData: boolean;
  say: (line: string) => void;
}

export interface WorkerChild {
  pid: number;
  /** VmRSS and VmHWM (peak) of the worker process from /proc, bytes. */
  rss(): { rss: number; peak: number };
  mem(): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
}

export interface BenchEnv {
  config: Config;
  directory: Directory;
  /** The Temporal server under test (the dev server here; the cluster's in clusterEnv.ts). */
  dev: Pick<DevServer, 'address' | 'namespace'>;
  /** The records store (embedded PostgreSQL in the temporary folder). */
  records: RecordsDb;
  sink: SmtpSink;
  api: ApiHandle;
  /** Client of the API (its own connection, as an API process would have). */
  apiClient: Client;
  /** Client for the direct baselines and the set-up (a separate connection). */
  client: Client;
  worker: WorkerChild;
  dataDir: string;
  logFile: string;
  /** `Bearer …` of a staff member of `org`. */
  bearer(org: string): Promise<string>;
  /** Stop the worker process and start a fresh one (clean RSS figures). */
  restartWorker(): Promise<void>;
  stop(): Promise<void>;
}

function procStatus(pid: number): { rss: number; peak: number } {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

async function startWorkerChild(env: NodeJS.ProcessEnv, say: (l: string) => void): Promise<WorkerChild> {
  const child: ChildProcess = fork(path.join(__dirname, 'workerProcess.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending: Array<(m: NodeJS.MemoryUsage) => void> = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker did not become ready within 120 s')), 120_000);
    child.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (msg.type === 'mem') pending.shift()?.(msg.mem);
      else if (msg.type === 'error') say(`worker error: ${msg.message}`);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with code ${code} before it was ready`));
    });
  });
  const pid = child.pid!;
  return {
    pid,
    rss: () => procStatus(pid),
    mem: () =>
      new Promise((resolve) => {
        pending.push(resolve);
        child.send({ type: 'mem' } satisfies ParentMessage);
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
      else child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function startBenchEnv(opts: EnvOptions): Promise<BenchEnv> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'koordinasi-bench-'));
  const logFile = path.join(dataDir, 'bench.log');
  const cleanups: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    while (cleanups.length) {
      const fn = cleanups.pop()!;
      try {
        await fn();
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
      TEMPORAL_DEV_PORT: '0',
      TEMPORAL_DEV_UI_PORT: '0',
      TEMPORAL_TASK_QUEUE: 'koordinasi-bench',
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: randomBytes(24).toString('hex'),
      SMTP_URL: sink.url,
      // One benchmark caller sends thousands of requests a minute: the per-caller limit is lifted.
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: opts.logLevel,
      WORKER_CACHE_SIZE: String(opts.cacheSize),
      NODE_ENV: 'test',
    };
    let config = loadConfig({ ...vars });
    const logger: Logger = pino({ name: 'koordinasi-bench', level: config.LOG_LEVEL }, pino.destination({ dest: logFile, sync: false }));
    cleanups.push(() => logger.flush());
    const directory = loadDirectory(config.DIRECTORY_PATH);

    opts.say('starting the embedded PostgreSQL (records store, temporary folder)');
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: await freePort() });
    cleanups.push(() => pg.stop());
    vars.DATABASE_URL = pg.url;
    const records = await openRecords(pg.url);
    cleanups.push(() => records.destroy());

    opts.say('starting the Temporal dev server (SQLite in a temporary folder)');
    const dev = await startDevServer(config, logger);
    cleanups.push(() => dev.stop());

    const workerEnv = { ...process.env, ...vars, BENCH_TEMPORAL_ADDRESS: dev.address, BENCH_LOG_FILE: logFile };
    opts.say(`starting the worker process (maxCachedWorkflows ${opts.cacheSize})`);
    let worker = await startWorkerChild(workerEnv, opts.say);
    cleanups.push(() => worker.stop());

    const apiConnection = await Connection.connect({ address: dev.address });
    cleanups.push(() => apiConnection.close());
    const apiClient = new Client({ connection: apiConnection, namespace: dev.namespace });
    const directConnection = await Connection.connect({ address: dev.address });
    cleanups.push(() => directConnection.close());
    const client = new Client({ connection: directConnection, namespace: dev.namespace });

    config = loadConfig({ ...vars });
    const api = await startApi({ config, directory, client: apiClient, logger, records });
    cleanups.push(() => api.close());

    const tokens = new Map<string, Promise<string>>();
    const bearer = (org: string) => {
      let t = tokens.get(org);
      if (!t) {
        t = signDevToken(config.JWT_SECRET!, { sub: `bench-${org}`, org, roles: ['staff'] }, { expiresIn: '4h' }).then((tok) => `Bearer ${tok}`);
        tokens.set(org, t);
      }
      return t;
    };

    return {
      config,
      directory,
      dev,
      records,
      sink,
      api,
      apiClient,
      client,
      get worker() {
        return worker;
      },
      dataDir,
      logFile,
      bearer,
      async restartWorker() {
        await worker.stop();
        worker = await startWorkerChild(workerEnv, opts.say);
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
