/**
 * Schema migrations with Kysely's Migrator. Migrations are TypeScript modules listed here (not
 * discovered on disk), so they run the same under tsx, jest and a compiled build. On PostgreSQL
 * the Migrator takes a session advisory lock for the whole run and applies each migration in a
 * transaction, so API and worker instances starting together migrate once and never half-way.
 */
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import * as m0001 from './migrations/0001_records';
import * as m0002 from './migrations/0002_seat_report_columns';
import * as m0003 from './migrations/0003_letters';
import * as m0004 from './migrations/0004_open_conditions';
import * as m0006 from './migrations/0006_worker_presence';
import * as m0007 from './migrations/0007_web_sessions';
import * as m0010 from './migrations/0010_notification_quota';
import type { RecordsSchema } from './schema';

/** Every migration by name, in the order they apply (names sort in that order). */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_records': m0001,
  '0002_seat_report_columns': m0002,
  '0003_letters': m0003,
  '0004_open_conditions': m0004,
  '0006_worker_presence': m0006,
  '0007_web_sessions': m0007,
  '0010_notification_quota': m0010,
};

export class MigrationError extends Error {}

/** Apply every pending migration; returns the names applied now (none when up to date). */
export async function migrateToLatest(db: Kysely<RecordsSchema>): Promise<string[]> {
  // Migrations are independent of one another and numbers are handed out in advance to parallel
  // branches, so one that lands after a higher-numbered one must still apply.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, allowUnorderedMigrations: true });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationError(`records store migration ${failed ?? ''} failed: ${(result.error as Error).message ?? String(result.error)}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
