/**
 * The system as separate processes, each of which a scenario can SIGKILL and start again:
 * - the Temporal CLI dev server on a SQLite file in a temp DATA_DIR, same gRPC port on restart;
 * - the worker (`node -r tsx/cjs src/worker.ts`);
 * - the HTTP API (`node -r tsx/cjs src/server.ts`), same port on restart.
 * All on 127.0.0.1 with free ports. `stopAll()` kills whatever is still running (process groups).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { closeSafeRetries } from '../../../src/temporal/closeSafeRetries';
import { signDevToken } from '../../../src/api/auth';
import { locateBinary, TEMPORAL_CLI } from '../../../src/temporal/binaries';
import { devServerArgs } from '../../../src/temporal/devServer';
import { freePort } from '../../../src/process/ports';
import { testDatabase } from '../../support/postgres';
import sample from '../../../config/organizations.json';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const JWT_SECRET = 'reliability-secret-0123456789abcdef';
export const TASK_QUEUE = 'reliability';
/** Organizations that also get a signed webhook (besides email at the SMTP sink). */
export const WEBHOOK_ORGS = new Set(['pemkab-sumbawa', 'bawaslu-ntb', 'kpu-ntb', 'dkpp']);
export const WEBHOOK_SECRET = 'reliability-webhook-secret-0123';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A child process with its output kept (last lines) for diagnostics. */
export interface Proc {
  name: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
}

function start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, onLine?: (line: string) => void): Proc {
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      onLine?.(line);
      lines.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
      if (lines.length > 60) lines.shift();
    }
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { name, child, output: () => lines.join('\n'), exited, alive: () => child.exitCode === null && child.signalCode === null };
}

/** SIGKILL the whole process group of a child and wait for it to be gone. */
export async function hardKill(p: Proc | undefined): Promise<void> {
  if (!p) return;
  try {
    process.kill(-p.child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
  if (p.alive()) await p.exited;
}

/** Environment of our own processes: nothing inherited that could point them at another server. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('TEMPORAL_') && k !== 'TEMPORAL_CLI_PATH') delete env[k];
  delete env.JWT_SECRET;
  delete env.JWKS_URL;
  delete env.SMTP_URL;
  return env;
}

/**
 * What the scripted load and its checks need from a system: where to send HTTP calls (a getter,
 * so a system with several API instances can spread them), a Temporal client of the test itself,
 * start/stop, and which of its processes are not running at the end. `Stack` (dev server, one
 * worker, one API) is one; the cluster suite has another (tests/cluster/support/).
 */
export interface SystemUnderTest {
  readonly apiUrl: string;
  client(): Promise<Client>;
  startAll(): Promise<void>;
  stopAll(): Promise<void>;
  /** One line (with recent output) per process that should run but does not. */
  deadProcesses(): string[];
  readonly starts: Record<string, number>;
}

/** The sample directory, every organization reachable at the loopback SMTP sink, some by webhook. */
export function writeTestDirectory(file: string, opts: StackOptions): void {
  const orgs = sample.organizations.map((o) => ({
    ...o,
    contacts: {
      emails: [`${o.id}@reliability.example`],
      ...(WEBHOOK_ORGS.has(o.id) ? { webhook: { url: `${opts.webhookUrl}?org=${o.id}`, secret: WEBHOOK_SECRET } } : {}),
    },
  }));
  writeFileSync(file, JSON.stringify({ organizations: orgs }, null, 2));
}

export interface StackOptions {
  /** SMTP sink URL for the worker (smtp://127.0.0.1:port). */
  smtpUrl: string;
  /** Webhook receiver URL for WEBHOOK_ORGS. */
  webhookUrl: string;
}

export class Stack implements SystemUnderTest {
  readonly dataDir = mkdtempSync(path.join(os.tmpdir(), 'koordinasi-reliability-'));
  readonly directoryPath = path.join(this.dataDir, 'organizations.json');
  temporalPort = 0;
  uiPort = 0;
  apiPort = 0;
  server?: Proc;
  worker?: Proc;
  api?: Proc;
  /** Counts of starts, for the report. */
  starts = { server: 0, worker: 0, api: 0 };
  private connection?: Connection;
  private clientValue?: Client;
  /** The records store: a database of its own on the tests' PostgreSQL. */
  records?: Awaited<ReturnType<typeof testDatabase>>;

  constructor(private readonly opts: StackOptions) {
    writeTestDirectory(this.directoryPath, opts);
  }

  deadProcesses(): string[] {
    return (['server', 'worker', 'api'] as const).filter((p) => !this[p]?.alive()).map((p) => `${p} process is not running at the end:\n${this[p]?.output()}`);
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  async allocatePorts(): Promise<void> {
    this.temporalPort = await freePort();
    this.uiPort = await freePort();
    this.apiPort = await freePort();
  }

  /** Start (or restart) the dev server on the same SQLite file and ports; resolves when it answers. */
  async startServer(): Promise<void> {
    const binary = process.env.TEMPORAL_CLI_PATH ?? locateBinary(TEMPORAL_CLI);
    if (!binary) throw new Error('temporal CLI not found (globalSetup should have installed it)');
    const args = devServerArgs({
      dbFile: path.join(this.dataDir, 'temporal.sqlite'),
      port: this.temporalPort,
      uiPort: this.uiPort,
      namespace: 'default',
      logLevel: 'error',
    });
    // Dynamic config: no long waits (a killed worker's sticky queue falls back in seconds by default).
    this.server = start('temporal', binary, [...args, '--headless'], baseEnv());
    this.starts.server++;
    await this.waitFor(`Temporal on ${this.temporalPort}`, this.server, async () => {
      const conn = await Connection.connect({ address: `127.0.0.1:${this.temporalPort}`, connectTimeout: '2s', plugins: [closeSafeRetries] });
      try {
        await conn.workflowService.describeNamespace({ namespace: 'default' });
      } finally {
        await conn.close();
      }
    });
  }

  /** Start the worker process; resolves once it logged "worker running". */
  async startWorker(): Promise<void> {
    let running = false;
    const env = {
      ...baseEnv(),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      TEMPORAL_DEV_PORT: String(this.temporalPort),
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      DATA_DIR: this.dataDir,
      DIRECTORY_PATH: this.directoryPath,
      SMTP_URL: this.opts.smtpUrl,
      PUBLIC_BASE_URL: 'http://127.0.0.1:1',
      DATABASE_URL: this.records!.url,
      // The scenarios play coordinations in seconds: the flood guards must not shape what they measure.
      MAX_MAILS_PER_RECIPIENT_PER_DAY: '10000',
    };
    this.worker = start('worker', process.execPath, ['--require', 'tsx/cjs', 'src/worker.ts'], env, (line) => {
      if (line.includes('"worker running"')) running = true;
    });
    this.starts.worker++;
    await this.waitFor('worker running', this.worker, async () => {
      if (!running) throw new Error('not yet');
    });
  }

  /** Start the API process on the same port; resolves once /readyz answers 200. */
  async startApi(): Promise<void> {
    const env = {
      ...baseEnv(),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(this.apiPort),
      TEMPORAL_DEV_PORT: String(this.temporalPort),
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      DATA_DIR: this.dataDir,
      DIRECTORY_PATH: this.directoryPath,
      JWT_SECRET,
      RATE_LIMIT_PER_MINUTE: '10000000',
      DATABASE_URL: this.records!.url,
      // Reminders seconds apart (the scenarios play coordinations in seconds).
      MIN_REMINDER_INTERVAL: 'PT1S',
    };
    this.api = start('api', process.execPath, ['--require', 'tsx/cjs', 'src/server.ts'], env);
    this.starts.api++;
    await this.waitFor(`API on ${this.apiPort}`, this.api, async () => {
      const res = await fetch(`${this.apiUrl}/readyz`, { signal: AbortSignal.timeout(3000) });
      if (res.status !== 200) throw new Error(`readyz ${res.status}`);
    });
  }

  async startAll(): Promise<void> {
    await this.allocatePorts();
    this.records ??= await testDatabase();
    await this.startServer();
    await Promise.all([this.startWorker(), this.startApi()]);
  }

  private async waitFor(what: string, proc: Proc, probe: () => Promise<void>, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      if (!proc.alive()) throw new Error(`${proc.name} exited before ${what}:\n${proc.output()}`);
      try {
        await probe();
        return;
      } catch (err) {
        last = err;
      }
      await sleep(200);
    }
    throw new Error(`${what}: not ready in ${timeoutMs} ms (${(last as Error)?.message}):\n${proc.output()}`);
  }

  /** A Temporal client of the test itself (visibility counts, describe). Reconnects by itself. */
  async client(): Promise<Client> {
    if (!this.clientValue) {
      this.connection = Connection.lazy({ address: `127.0.0.1:${this.temporalPort}`, plugins: [closeSafeRetries] });
      this.clientValue = new Client({ connection: this.connection, namespace: 'default' });
    }
    return this.clientValue;
  }

  async stopAll(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
    await hardKill(this.api);
    await hardKill(this.worker);
    await hardKill(this.server);
    await this.records?.drop().catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export async function token(org: string, opts: { sub?: string; roles?: string[] } = {}): Promise<string> {
  return signDevToken(JWT_SECRET, { sub: opts.sub ?? `user-${org}`, org, roles: opts.roles ?? ['staff'] }, { expiresIn: '2h' });
}
