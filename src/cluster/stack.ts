/**
 * The production topology on one machine, without Docker: a private PostgreSQL, Temporal's two
 * databases set up by the schema tool, the self-hosted Temporal server (built from Go modules),
 * the namespace and search attributes, then N workers and M API instances — every one a process of
 * its own on 127.0.0.1, in its own data folder. `npm run cluster` runs it (src/cli/cluster.ts);
 * the cluster tests use it to kill and restart each part under load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { ensureDatabase, hostProcess, killPostmaster } from '../postgres/embedded';
import { freePort, freePortInRange } from '../process/ports';
import { spawnChild, type Child, type SpawnOptions } from './child';
import { killLeftovers, recordProcess } from './leftovers';
import { STACK } from './settings';
import { ensureTemporalBinaries, type TemporalBinaries } from './temporalBuild';
import { SERVICES, temporalConfigYaml, type TemporalPorts } from './temporalConfig';
import { ensureNamespace, waitForServing } from './temporalNamespace';
import { setupTemporalSchema } from './temporalSchema';

const ROOT = path.resolve(__dirname, '..', '..');
const RECORDS_DATABASE = 'koordinasi';
const HOST = '127.0.0.1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ClusterOptions {
  /** The stack's own folder: PostgreSQL data, generated server config, logs. */
  dataDir: string;
  workers?: number;
  apis?: number;
  /** Fixed API ports (default: free ones). */
  apiPorts?: number[];
  namespace?: string;
  taskQueue?: string;
  /** Environment of the worker and API processes on top of what the stack sets (JWT, SMTP, ...). */
  appEnv?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Progress lines of a first-time server build. */
  progress?: (line: string) => void;
}

interface PostgresInfo {
  port: number;
  user: string;
  password: string;
}

export class ClusterStack {
  readonly dataDir: string;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly logDir: string;
  readonly logger: Logger;
  binaries?: TemporalBinaries;
  pgPort = 0;
  temporalPorts?: TemporalPorts;
  apiPorts: number[] = [];
  postgres?: Child;
  server?: Child;
  workers: Array<Child | undefined> = [];
  apis: Array<Child | undefined> = [];
  starts = { postgres: 0, server: 0, worker: 0, api: 0 };
  private pg?: PostgresInfo;

  constructor(private readonly opts: ClusterOptions) {
    this.dataDir = path.resolve(opts.dataDir);
    this.namespace = opts.namespace ?? STACK.namespace;
    this.taskQueue = opts.taskQueue ?? STACK.taskQueue;
    this.logDir = path.join(this.dataDir, 'logs');
    this.logger = opts.logger ?? pino({ level: 'silent' });
    this.workers = new Array<Child | undefined>(opts.workers ?? STACK.workers).fill(undefined);
    this.apis = new Array<Child | undefined>(opts.apis ?? STACK.apis).fill(undefined);
  }

  get temporalAddress(): string {
    return `${HOST}:${this.temporalPorts?.grpc.frontend ?? 0}`;
  }

  get apiUrls(): string[] {
    return this.apiPorts.map((p) => `http://${HOST}:${p}`);
  }

  get configFile(): string {
    return path.join(this.dataDir, 'temporal.yaml');
  }

  private get pgDataDir(): string {
    return path.join(this.dataDir, 'postgres', 'pgdata');
  }

  private get pidFile(): string {
    return path.join(this.dataDir, 'pids.json');
  }

  /** A service process, remembered so that a later start can end it if this launcher dies. */
  private spawn(o: SpawnOptions): Child {
    const child = spawnChild(o);
    recordProcess(this.pidFile, o.name, child.process.pid);
    return child;
  }

  /** Everything, in dependency order. On failure whatever started is stopped again. */
  async start(): Promise<void> {
    mkdirSync(this.dataDir, { recursive: true });
    const leftovers = killLeftovers(this.pidFile);
    // The postmaster runs in a process group of its own, which ending the host's group misses.
    if (await killPostmaster(this.pgDataDir)) leftovers.push('postgres (postmaster)');
    if (leftovers.length) this.logger.warn({ processes: leftovers }, 'ended processes left running by an earlier run on this data folder');
    try {
      this.binaries = await ensureTemporalBinaries({ progress: this.opts.progress });
      await this.allocatePorts();
      await this.startPostgres();
      await setupTemporalSchema({ sqlTool: this.binaries.sql, moduleDir: this.binaries.moduleDir, db: this.dbInfo() }, (l) => this.logger.info(l));
      await this.ensureRecordsDatabase();
      await this.startServer();
      await ensureNamespace(this.temporalAddress, this.namespace, this.logger);
      await Promise.all(this.workers.map((_, i) => this.startWorker(i)));
      await Promise.all(this.apis.map((_, i) => this.startApi(i)));
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  private async allocatePorts(): Promise<void> {
    const grpc = {} as TemporalPorts['grpc'];
    const membership = {} as TemporalPorts['membership'];
    for (const s of SERVICES) {
      grpc[s] = await freePort();
      // Stored as SMALLINT in cluster_membership: below 32768, i.e. outside Linux's ephemeral range.
      membership[s] = await freePortInRange(20000, 32000);
    }
    this.temporalPorts = { grpc, membership, metrics: 0 };
    this.pgPort = await freePort();
    this.apiPorts = this.opts.apiPorts ?? (await Promise.all(this.apis.map(() => freePort())));
  }

  private dbInfo() {
    if (!this.pg) throw new Error('PostgreSQL not started');
    return { host: HOST, port: this.pg.port, user: this.pg.user, password: this.pg.password };
  }

  /** (Re)starts PostgreSQL on the same data and port; resolves when it accepts connections. */
  async startPostgres(): Promise<void> {
    let ready: Record<string, unknown> | undefined;
    // The embedded PostgreSQL's host as a service of the stack (stopped and restarted like the others).
    const host = hostProcess({
      dataDir: this.pgDataDir,
      passwordFile: path.join(this.dataDir, 'postgres', 'postgres-password'),
      port: this.pgPort,
      user: STACK.dbUser,
      settings: { max_connections: '300' },
    });
    const child = this.spawn({
      name: 'postgres',
      cmd: host.cmd,
      args: host.args,
      env: host.env,
      cwd: ROOT,
      logDir: this.logDir,
      onLine: (line) => {
        if (line.startsWith('{"ready":true')) ready = JSON.parse(line) as Record<string, unknown>;
      },
    });
    this.postgres = child;
    this.starts.postgres++;
    await this.waitFor(child, 'PostgreSQL', async () => {
      if (!ready) throw new Error('not yet');
    });
    this.pg ??= { port: this.pgPort, user: STACK.dbUser, password: host.password };
  }

  /** (Re)starts the Temporal server with a freshly generated config; resolves when it is SERVING. */
  async startServer(): Promise<void> {
    if (!this.binaries || !this.temporalPorts) throw new Error('start() first');
    writeFileSync(this.configFile, temporalConfigYaml({ moduleDir: this.binaries.moduleDir, ports: this.temporalPorts, db: this.dbInfo() }), { mode: 0o600 });
    const child = this.spawn({
      name: 'temporal',
      cmd: this.binaries.server,
      args: ['--config-file', this.configFile, '--allow-no-auth', 'start'],
      env: process.env,
      cwd: this.dataDir,
      logDir: this.logDir,
    });
    this.server = child;
    this.starts.server++;
    try {
      await waitForServing(this.temporalAddress, 180_000, child.alive);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${child.tail()}`);
    }
  }

  /** The records store's database beside Temporal's, in the same PostgreSQL (workers and APIs migrate it). */
  private async ensureRecordsDatabase(): Promise<void> {
    await ensureDatabase(this.dbInfo(), RECORDS_DATABASE);
  }

  get recordsUrl(): string {
    const db = this.dbInfo();
    return `postgres://${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}@${db.host}:${db.port}/${RECORDS_DATABASE}`;
  }

  private appEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    // Nothing inherited may point our processes at another server.
    for (const k of Object.keys(env)) if (k.startsWith('TEMPORAL_') && k !== 'TEMPORAL_CLI_PATH') delete env[k];
    return {
      ...env,
      ...this.opts.appEnv,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_NAMESPACE: this.namespace,
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      DATABASE_URL: this.recordsUrl,
      DATA_DIR: path.join(this.dataDir, 'app'),
    };
  }

  /** Starts worker `i` (its log: logs/worker-<i+1>.log); resolves once it polls. */
  async startWorker(i: number): Promise<void> {
    let running = false;
    const child = this.spawn({
      name: `worker-${i + 1}`,
      cmd: process.execPath,
      args: ['--require', 'tsx/cjs', 'src/worker.ts'],
      // At least info: "worker running" is how the stack knows the worker polls.
      env: { ...this.appEnv(), LOG_LEVEL: 'info' },
      cwd: ROOT,
      logDir: this.logDir,
      onLine: (line) => {
        if (line.includes('"worker running"')) running = true;
      },
    });
    this.workers[i] = child;
    this.starts.worker++;
    await this.waitFor(child, 'worker running', async () => {
      if (!running) throw new Error('not yet');
    });
  }

  /** Starts API instance `i` on its port; resolves once /readyz answers 200. */
  async startApi(i: number): Promise<void> {
    const url = this.apiUrls[i];
    const child = this.spawn({
      name: `api-${i + 1}`,
      cmd: process.execPath,
      args: ['--require', 'tsx/cjs', 'src/server.ts'],
      env: { ...this.appEnv(), HOST, PORT: String(this.apiPorts[i]) },
      cwd: ROOT,
      logDir: this.logDir,
    });
    this.apis[i] = child;
    this.starts.api++;
    await this.waitFor(child, `API on ${url}`, async () => {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) });
      if (res.status !== 200) throw new Error(`readyz ${res.status}`);
    });
  }

  private async waitFor(child: Child, what: string, probe: () => Promise<void>, timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      if (!child.alive()) throw new Error(`${child.name} exited before ${what} (log: ${child.logFile}):\n${child.tail()}`);
      try {
        await probe();
        return;
      } catch (err) {
        last = err;
      }
      await sleep(200);
    }
    throw new Error(`${what}: not ready in ${timeoutMs} ms (${(last as Error)?.message}; log: ${child.logFile}):\n${child.tail()}`);
  }

  /** Stops everything that runs: APIs (no new work), workers (tasks finish), server, PostgreSQL. */
  async stop(): Promise<void> {
    await Promise.all(this.apis.map((c) => c?.stop('SIGTERM', 10_000)));
    await Promise.all(this.workers.map((c) => c?.stop('SIGTERM', 20_000)));
    await this.server?.stop('SIGTERM', 20_000);
    await this.postgres?.stop('SIGINT', 30_000); // fast shutdown (SIGTERM would wait for every session)
  }
}
