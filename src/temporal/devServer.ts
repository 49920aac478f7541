/**
 * The embedded Temporal server of `npm start`: `temporal server start-dev`, persisted to a SQLite
 * file in DATA_DIR (a restart loses nothing), bound to 127.0.0.1 only, with our custom search
 * attributes registered by flag. It runs in its own process group behind a guard (see
 * devServerGuard.ts) so Ctrl-C reaches the launcher first (which stops API and worker before the
 * server) and so the server never outlives the launcher.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { SEARCH_ATTRIBUTES } from '../domain/searchAttributes';
import { ensureBinary, TEMPORAL_CLI } from './binaries';
import { connectClient } from './connection';
import { guardSource } from './devServerGuard';
import { freePort } from '../net/ports';

const HOST = '127.0.0.1';
const STOP_GRACE_MS = 10_000;
const READY_TIMEOUT_MS = 90_000;

export interface DevServer {
  address: string;
  namespace: string;
  uiUrl: string;
  dbFile: string;
  /** Process group of the guard and the server (pid file: DATA_DIR/temporal-dev.pid). */
  pgid: number;
  stop(): Promise<void>;
}

export class DevServerError extends Error {}

export const DEV_DB_FILE = 'temporal.sqlite';
export const DEV_PID_FILE = 'temporal-dev.pid';

export function devServerArgs(opts: { dbFile: string; port: number; uiPort: number; namespace: string; logLevel: string }): string[] {
  const args = ['server', 'start-dev', '--db-filename', opts.dbFile, '--ip', HOST, '--port', String(opts.port)];
  // WAL with synchronous=NORMAL: a commit no longer waits for an fsync of the whole database, which
  // was the dev server's bottleneck (reminder burst 38 → 106 deliveries/s, docs/PERFORMANCE.md).
  // Still durable when the process dies (SIGKILL: tests/reliability/serverKill.test.ts); only a
  // power loss may drop the last commits — acceptable for the embedded development server.
  args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  args.push('--ui-ip', HOST, '--ui-port', String(opts.uiPort), '--log-level', opts.logLevel);
  // 'default' always exists; naming it again would only add noise.
  if (opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  return args;
}

/** Keeps the last lines of the server's output for the error message if it dies at start-up. */
function tail(max: number) {
  const lines: string[] = [];
  return {
    lines,
    push(line: string) {
      lines.push(line);
      if (lines.length > max) lines.shift();
    },
  };
}

function forwardLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let buf = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).trimEnd();
      buf = buf.slice(i + 1);
      if (line) onLine(line);
    }
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Starts the dev server and resolves once its frontend answers and the namespace exists. */
export async function startDevServer(config: Config, logger: Logger): Promise<DevServer> {
  const binary = ensureBinary(TEMPORAL_CLI, (line) => logger.info(line));
  mkdirSync(config.DATA_DIR, { recursive: true });
  const dbFile = path.join(config.DATA_DIR, DEV_DB_FILE);
  const port = config.TEMPORAL_DEV_PORT || (await freePort(HOST));
  const uiPort = config.TEMPORAL_DEV_UI_PORT || (await freePort(HOST));
  const verbose = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
  const args = devServerArgs({ dbFile, port, uiPort, namespace: config.TEMPORAL_NAMESPACE, logLevel: verbose ? 'info' : 'error' });
  logger.debug({ binary, args }, 'starting Temporal dev server');

  const child = spawn(process.execPath, ['-e', guardSource(STOP_GRACE_MS), binary, ...args], {
    detached: true, // own process group: Ctrl-C goes to us, we decide the stop order
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pgid = child.pid!;
  const pidFile = path.join(config.DATA_DIR, DEV_PID_FILE);
  writeFileSync(pidFile, `${pgid}\n`);
  const recent = tail(20);
  forwardLines(child.stdout, (line) => logger.debug({ component: 'temporal' }, line));
  forwardLines(child.stderr, (line) => {
    recent.push(line);
    logger.warn({ component: 'temporal' }, line);
  });
  const done = exited(child);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => killGroup(pgid, 'SIGKILL'), STOP_GRACE_MS + 2000);
        await done;
        clearTimeout(timer);
      }
      killGroup(pgid, 'SIGKILL'); // anything left in the group (should be nothing)
      rmSync(pidFile, { force: true });
    })());

  const server: DevServer = { address: `${HOST}:${port}`, namespace: config.TEMPORAL_NAMESPACE, uiUrl: `http://${HOST}:${uiPort}`, dbFile, pgid, stop };
  try {
    await waitUntilReady(server, done);
  } catch (err) {
    await stop();
    const detail = recent.lines.length ? `\n${recent.lines.join('\n')}` : '';
    throw new DevServerError(`${(err as Error).message}${detail}`);
  }
  return server;
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

async function waitUntilReady(server: DevServer, done: Promise<void>): Promise<void> {
  let died = false;
  void done.then(() => (died = true));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (!died && Date.now() < deadline) {
    try {
      const conn = await connectClient({ address: server.address, namespace: server.namespace, embedded: true });
      try {
        await conn.workflowService.describeNamespace({ namespace: server.namespace });
        return;
      } finally {
        await conn.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  if (died) throw new DevServerError('Temporal dev server exited during start-up');
  throw new DevServerError(`Temporal dev server not reachable at ${server.address}: ${(lastError as Error)?.message ?? 'timeout'}`);
}
