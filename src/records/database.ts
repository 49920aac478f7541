/**
 * The records store's connection: a `pg` pool behind Kysely (typed queries over ./schema).
 * `openRecords` opens it and applies pending migrations, so every process that uses the store
 * (API, worker, backfill) starts on the current schema.
 */
import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import { migrateToLatest } from './migrations';
import type { RecordsSchema } from './schema';

export type RecordsDb = Kysely<RecordsSchema>;

// bigint (count(*)) as a JS number: our counts are far below 2^53.
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

export interface RecordsOptions {
  /** Pool size per process. */
  poolSize?: number;
  /** Give up connecting after this long (the pool then answers with an error, never hangs). */
  connectTimeoutMs?: number;
}

export function connectRecords(url: string, opts: RecordsOptions = {}): RecordsDb {
  const pool = new Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    // Idle connections are closed so a restarted database is reconnected cleanly.
    idleTimeoutMillis: 30_000,
  });
  // A connection dropped by the server (restart, outage) must not crash the process; the next
  // query gets a fresh connection or an error its caller handles.
  pool.on('error', () => undefined);
  // The same for a connection in use when the server goes away: its query fails (the caller
  // retries), the connection's own error event must not become an uncaught exception.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<RecordsSchema>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Connect now and migrate in the background, retrying until the database answers: a worker or API
 * that starts while the database is down still starts (recording retries, reads fall back to
 * Temporal) instead of crash-looping. `migrated` resolves once the schema is current.
 */
export function connectRecordsWithRetry(
  url: string,
  opts: RecordsOptions & { retryMs?: number; onRetry?: (err: Error) => void } = {},
): { db: RecordsDb; migrated: Promise<void>; close(): Promise<void> } {
  const db = connectRecords(url, opts);
  let closed = false;
  const migrated = (async () => {
    for (;;) {
      try {
        await migrateToLatest(db);
        return;
      } catch (err) {
        if (closed) return;
        opts.onRetry?.(err as Error);
        await new Promise((r) => setTimeout(r, opts.retryMs ?? 2000));
        if (closed) return;
      }
    }
  })();
  return {
    db,
    migrated,
    async close() {
      closed = true;
      await db.destroy();
    },
  };
}

/** Connect and migrate to the latest schema. */
export async function openRecords(url: string, opts: RecordsOptions = {}): Promise<RecordsDb> {
  const db = connectRecords(url, opts);
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}
