/**
 * What every benchmark system has in common, whichever Temporal server it runs on: the interface
 * the phases use (BenchEnv), and the set-up both systems share — a temporary DATA_DIR, the loopback
 * SMTP sink, the product configuration, the log file, the two client connections, the product's
 * HTTP API in this process, development tokens — with `stop()` releasing everything in reverse
 * order. The server-specific part comes from devServer.ts (Temporal dev server, worker child) or
 * cluster.ts (the production stack of `npm run cluster`).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { closeSafeRetries } from '../../src/temporal/closeSafeRetries';
import pino, { type Logger } from 'pino';
import { signDevToken } from '../../src/api/auth';
import { loadConfig, type Config } from '../../src/config';
import { loadDirectory, type Directory } from '../../src/directory/directory';
import type { RecordsDb } from '../../src/records/database';
import { startApi, type ApiHandle } from '../../src/server';
import type { DevServer } from '../../src/temporal/devServer';
import { startSmtpSink, type SmtpSink } from '../smtpSink';

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
  /** The Temporal server under test (the dev server, or the cluster's). */
  dev: Pick<DevServer, 'address' | 'namespace'>;
  /** The records store (embedded PostgreSQL in the temporary folder, or the cluster's). */
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
  /** Stop the worker process(es) and start fresh ones (clean RSS figures). */
  restartWorker(): Promise<void>;
  /** One more worker process with some variables changed (stopped with the system); dev target only. */
  startExtraWorker?(vars: Record<string, string>): Promise<WorkerChild>;
  stop(): Promise<void>;
}

/** VmRSS and VmHWM (peak) of a process from /proc, bytes; NaN when it is gone. */
export function procMemory(pid: number | undefined): { rss: number; peak: number } {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

/** What the shared set-up hands the server-specific part. */
export interface SystemBase {
  dataDir: string;
  logFile: string;
  /** The product's environment variables (the worker processes get them too); the server part may add to them. */
  vars: Record<string, string>;
  config: Config;
  logger: Logger;
  directory: Directory;
  sink: SmtpSink;
  /** Register a stop step (run in reverse order by `stop()`). */
  onStop(fn: () => Promise<void> | void): void;
}

/** What the server-specific part starts: the Temporal server, the records store and the worker(s). */
export interface ServerPart {
  address: string;
  namespace: string;
  records: RecordsDb;
  worker: WorkerChild;
  restartWorker(): Promise<void>;
  startExtraWorker?(vars: Record<string, string>): Promise<WorkerChild>;
  /** The API's configuration, when the server part changed `vars` (default: `base.config`). */
  apiConfig?: Config;
}

export interface SystemOptions extends EnvOptions {
  /** Prefix of the temporary DATA_DIR. */
  tmpPrefix: string;
  /** Mode of the DATA_DIR, when other users' processes must pass through it. */
  dataDirMode?: number;
  /** Variables only this system needs. */
  extraVars?: Record<string, string>;
}

/** Start one whole benchmark system; on a failure, whatever was started is stopped again. */
export async function startSystem(opts: SystemOptions, startServer: (base: SystemBase) => Promise<ServerPart>): Promise<BenchEnv> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), opts.tmpPrefix));
  if (opts.dataDirMode !== undefined) chmodSync(dataDir, opts.dataDirMode);
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
  const onStop = (fn: () => Promise<void> | void) => void cleanups.push(fn);
  if (!opts.keepData) onStop(() => rmSync(dataDir, { recursive: true, force: true }));
  try {
    const sink = await startSmtpSink();
    onStop(() => sink.close());
    const vars: Record<string, string> = {
      DATA_DIR: dataDir,
      ...opts.extraVars,
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
    const config = loadConfig({ ...vars });
    const logger: Logger = pino({ name: 'koordinasi-bench', level: config.LOG_LEVEL }, pino.destination({ dest: logFile, sync: false }));
    onStop(() => logger.flush());
    const directory = loadDirectory(config.DIRECTORY_PATH);

    const server = await startServer({ dataDir, logFile, vars, config, logger, directory, sink, onStop });

    const apiConnection = await Connection.connect({ address: server.address, plugins: [closeSafeRetries] });
    onStop(() => apiConnection.close());
    const apiClient = new Client({ connection: apiConnection, namespace: server.namespace });
    const directConnection = await Connection.connect({ address: server.address, plugins: [closeSafeRetries] });
    onStop(() => directConnection.close());
    const client = new Client({ connection: directConnection, namespace: server.namespace });

    const apiConfig = server.apiConfig ?? config;
    const api = await startApi({ config: apiConfig, directory, client: apiClient, logger, records: server.records });
    onStop(() => api.close());

    const tokens = new Map<string, Promise<string>>();
    const bearer = (org: string) => {
      let t = tokens.get(org);
      if (!t) {
        t = signDevToken(apiConfig.JWT_SECRET!, { sub: `bench-${org}`, org, roles: ['staff'] }, { expiresIn: '4h' }).then((tok) => `Bearer ${tok}`);
        tokens.set(org, t);
      }
      return t;
    };

    return {
      config: apiConfig,
      directory,
      dev: { address: server.address, namespace: server.namespace },
      records: server.records,
      sink,
      api,
      apiClient,
      client,
      get worker() {
        return server.worker;
      },
      dataDir,
      logFile,
      bearer,
      restartWorker: () => server.restartWorker(),
      ...(server.startExtraWorker ? { startExtraWorker: server.startExtraWorker } : {}),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
