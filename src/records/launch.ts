/**
 * The records store of `npm start`: the PostgreSQL named by DATABASE_URL, or an embedded one
 * (data in DATA_DIR/postgres, port EMBEDDED_POSTGRES_PORT) started here and stopped by `close()`
 * after the pool is closed.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config';
import { connectRecordsWithRetry, openRecords, type RecordsDb } from './database';
import { embeddedUrl, startEmbeddedPostgres, type EmbeddedPostgres } from '../postgres/embedded';

export interface RecordsStore {
  db: RecordsDb;
  /** Where it is, for the banner (no password). */
  where: string;
  embedded?: EmbeddedPostgres;
  close(): Promise<void>;
}

/** A worker or API of its own needs the records store named; only `npm start` embeds one. */
export function requireDatabaseUrl(config: Config): string {
  if (!config.DATABASE_URL) throw new ConfigError('invalid configuration:\n  DATABASE_URL: required (the records store); `npm start` runs an embedded PostgreSQL instead');
  return config.DATABASE_URL;
}

/** DATABASE_URL, or the embedded store `npm start` runs with this DATA_DIR (for the backfill command). */
export function recordsUrl(config: Config): string {
  if (config.DATABASE_URL) return config.DATABASE_URL;
  return embeddedUrl(embeddedDataDir(config), config.EMBEDDED_POSTGRES_PORT);
}

export const embeddedDataDir = (config: Config): string => path.join(config.DATA_DIR, 'postgres');

export async function startRecordsStore(config: Config, logger: Logger): Promise<RecordsStore> {
  if (config.DATABASE_URL) {
    const url = new URL(config.DATABASE_URL);
    const store = connectRecordsWithRetry(config.DATABASE_URL, {
      poolSize: config.DATABASE_POOL_SIZE,
      onRetry: (err) => logger.warn({ err: err.message }, 'records store not reachable yet; retrying'),
    });
    return { db: store.db, where: `${url.hostname}:${url.port || 5432}${url.pathname}`, close: store.close };
  }
  logger.info('starting the embedded PostgreSQL (first start initialises it, a few seconds)');
  const embedded = await startEmbeddedPostgres({
    dataDir: embeddedDataDir(config),
    port: config.EMBEDDED_POSTGRES_PORT,
    onLog: (line) => logger.debug({ component: 'postgres' }, line),
  });
  let db: RecordsDb;
  try {
    db = await openRecords(embedded.url, { poolSize: config.DATABASE_POOL_SIZE });
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  return {
    db,
    embedded,
    where: `127.0.0.1:${embedded.port} (embedded, ${embedded.dataDir})`,
    async close() {
      await db.destroy();
      await embedded.stop();
    },
  };
}
