/**
 * Schema migrations on a real PostgreSQL: from an empty database to the current schema, and
 * several instances (API and worker processes starting together) migrating one fresh database at
 * the same moment — every one of them succeeds and each migration is applied exactly once.
 */
import { sql } from 'kysely';
import { connectRecords, openRecords, type RecordsDb } from '../../src/records/database';
import { listRecords } from '../../src/records/list';
import { migrateToLatest } from '../../src/records/migrations';
import { readRecord } from '../../src/records/reader';
import { writeRecord } from '../../src/records/writer';
import { emptyTestDatabase } from '../support/postgres';
import { syntheticRecord } from '../support/recordFixtures';

const TABLES = ['requests', 'seats', 'timeline_events'];

async function tablesOf(db: RecordsDb): Promise<string[]> {
  const rows = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_name = any(${TABLES}) order by table_name`.execute(db);
  return rows.rows.map((r) => r.table_name);
}

async function appliedMigrations(db: RecordsDb): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

test('from an empty database: every migration applies, the schema works, and a second run applies nothing', async () => {
  const fresh = await emptyTestDatabase();
  const db = connectRecords(fresh.url, { poolSize: 2 });
  try {
    expect(await tablesOf(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual(['0001_records']);
    expect(await tablesOf(db)).toEqual(TABLES);
    expect(await appliedMigrations(db)).toEqual(['0001_records']);

    // The schema is usable as the writer and the list use it (generated search column included).
    const batch = syntheticRecord({ id: 'rq-mig-1', requester: 'kpu-sumbawa', participants: ['pemkab-sumbawa'], createdAt: new Date('2026-05-01T00:00:00Z'), title: 'Gudang logistik' });
    await writeRecord(db, batch);
    expect((await readRecord(db, 'rq-mig-1'))?.state).toEqual(batch.state);
    const found = await listRecords(db, { filters: { q: 'gudang' }, scope: null, sort: 'created', pageSize: 10 });
    expect(found.items.map((i) => i.id)).toEqual(['rq-mig-1']);

    expect(await migrateToLatest(db)).toEqual([]);
    expect(await appliedMigrations(db)).toEqual(['0001_records']);
  } finally {
    await db.destroy();
    await fresh.drop();
  }
});

test('instances migrating one fresh database at once: all succeed, the schema is applied once', async () => {
  const fresh = await emptyTestDatabase();
  // Separate pools, as separate processes would have.
  const instances = Array.from({ length: 4 }, () => connectRecords(fresh.url, { poolSize: 2 }));
  try {
    const applied = await Promise.all(instances.map((db) => migrateToLatest(db)));
    // Exactly one instance applied the migration; the others found the schema current.
    expect(applied.flat()).toEqual(['0001_records']);
    expect(applied.filter((a) => a.length === 0)).toHaveLength(instances.length - 1);
    expect(await appliedMigrations(instances[0])).toEqual(['0001_records']);
    expect(await tablesOf(instances[0])).toEqual(TABLES);

    // The start-up path (`openRecords`: connect + migrate) of more instances at once, on the
    // now-current schema, succeeds as well.
    const reopened = await Promise.all(Array.from({ length: 3 }, () => openRecords(fresh.url, { poolSize: 1 })));
    await Promise.all(reopened.map((db) => db.destroy()));
    expect(await appliedMigrations(instances[0])).toEqual(['0001_records']);
  } finally {
    await Promise.all(instances.map((db) => db.destroy()));
    await fresh.drop();
  }
});
