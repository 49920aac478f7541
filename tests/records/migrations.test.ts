/**
 * Schema migrations on a real PostgreSQL: from an empty database to the current schema, and
 * several instances (API and worker processes starting together) migrating one fresh database at
 * the same moment — every one of them succeeds and each migration is applied exactly once.
 */
import { sql } from 'kysely';
import { connectRecords, openRecords, type RecordsDb } from '../../src/records/database';
import { listRecords } from '../../src/records/list';
import { Migrator } from 'kysely';
import { MIGRATIONS, migrateToLatest } from '../../src/records/migrations';
import { readRecord } from '../../src/records/reader';
import { writeRecord } from '../../src/records/writer';
import { emptyTestDatabase } from '../support/postgres';
import { syntheticRecord } from '../support/recordFixtures';

const TABLES = ['attachments', 'requests', 'seats', 'timeline_events'];
const ALL = Object.keys(MIGRATIONS);

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
    expect(await migrateToLatest(db)).toEqual(ALL);
    expect(await tablesOf(db)).toEqual(TABLES);
    expect(await appliedMigrations(db)).toEqual(ALL);

    // The schema is usable as the writer and the list use it (generated search column included).
    const batch = syntheticRecord({ id: 'rq-mig-1', requester: 'kpu-sumbawa', participants: ['pemkab-sumbawa'], createdAt: new Date('2026-05-01T00:00:00Z'), title: 'Gudang logistik' });
    await writeRecord(db, batch);
    expect((await readRecord(db, 'rq-mig-1'))?.state).toEqual(batch.state);
    const found = await listRecords(db, { filters: { q: 'gudang' }, scope: null, sort: 'created', pageSize: 10 });
    expect(found.items.map((i) => i.id)).toEqual(['rq-mig-1']);

    expect(await migrateToLatest(db)).toEqual([]);
    expect(await appliedMigrations(db)).toEqual(ALL);
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
    expect(applied.flat()).toEqual(ALL);
    expect(applied.filter((a) => a.length === 0)).toHaveLength(instances.length - 1);
    expect(await appliedMigrations(instances[0])).toEqual(ALL);
    expect(await tablesOf(instances[0])).toEqual(TABLES);

    // The start-up path (`openRecords`: connect + migrate) of more instances at once, on the
    // now-current schema, succeeds as well.
    const reopened = await Promise.all(Array.from({ length: 3 }, () => openRecords(fresh.url, { poolSize: 1 })));
    await Promise.all(reopened.map((db) => db.destroy()));
    expect(await appliedMigrations(instances[0])).toEqual(ALL);
  } finally {
    await Promise.all(instances.map((db) => db.destroy()));
    await fresh.drop();
  }
});

test('0002 on a store with records: seats get their request\'s category and scope, and the report reads them', async () => {
  const fresh = await emptyTestDatabase();
  const db = connectRecords(fresh.url, { poolSize: 2 });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  try {
    expect((await migrator.migrateTo('0001_records')).error).toBeUndefined();
    // Rows as the 0001 writer stored them (no category or involved on seats).
    const { state } = syntheticRecord({ id: 'rq-mig-2', requester: 'kpu-sumbawa', participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'], createdAt: new Date('2026-05-01T00:00:00Z'), title: 'Gudang' });
    await sql`insert into requests (id, version, snapshot, state, status, requester, category, title, description, involved, participants, pending_for, overdue, created_at, updated_at, recorded_at)
      values (${state.id}, 1, 1, ${JSON.stringify(state)}, ${state.status}, ${state.requester}, ${state.category}, ${state.title}, '', ${['kpu-sumbawa', 'pemkab-sumbawa', 'bawaslu-sumbawa']}, ${['pemkab-sumbawa', 'bawaslu-sumbawa']}, '{}', false, now(), now(), now())`.execute(db);
    await sql`insert into seats (request_id, step, org, asked_at) values (${state.id}, 0, 'pemkab-sumbawa', now()), (${state.id}, 0, 'bawaslu-sumbawa', now()), ('rq-orphan', 0, 'dkpp', now())`.execute(db);

    expect(await migrateToLatest(db)).toEqual(ALL.filter((n) => n > '0001_records'));
    const seats = await sql<{ request_id: string; org: string; category: string; involved: string[] }>`select request_id, org, category, involved from seats order by org`.execute(db);
    // The orphan seat (no request to scope it by) is gone; the others carry their request's columns.
    expect(seats.rows).toEqual([
      { request_id: 'rq-mig-2', org: 'bawaslu-sumbawa', category: state.category, involved: ['kpu-sumbawa', 'pemkab-sumbawa', 'bawaslu-sumbawa'] },
      { request_id: 'rq-mig-2', org: 'pemkab-sumbawa', category: state.category, involved: ['kpu-sumbawa', 'pemkab-sumbawa', 'bawaslu-sumbawa'] },
    ]);
  } finally {
    await db.destroy();
    await fresh.drop();
  }
});

test('0003 on a store with records: a snapshot that already carries a letter is found by its number afterwards', async () => {
  const fresh = await emptyTestDatabase();
  const db = connectRecords(fresh.url, { poolSize: 2 });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  try {
    expect((await migrator.migrateTo('0002_seat_report_columns')).error).toBeUndefined();
    const letter = { number: '045/PP.04-Und/5204/2026', date: '2026-05-01', subject: 'Undangan rapat', classification: 'BIASA' as const };
    const withLetter = syntheticRecord({ id: 'rq-mig-3', requester: 'kpu-sumbawa', participants: ['pemkab-sumbawa'], createdAt: new Date('2026-05-01T00:00:00Z'), title: 'Rapat', letter }).state;
    const without = syntheticRecord({ id: 'rq-mig-4', requester: 'kpu-sumbawa', participants: ['pemkab-sumbawa'], createdAt: new Date('2026-05-02T00:00:00Z'), title: 'Rapat' }).state;
    for (const state of [withLetter, without]) {
      await sql`insert into requests (id, version, snapshot, state, status, requester, category, title, description, involved, participants, pending_for, overdue, created_at, updated_at, recorded_at)
        values (${state.id}, 1, 1, ${JSON.stringify(state)}, ${state.status}, ${state.requester}, ${state.category}, ${state.title}, '', ${['kpu-sumbawa', 'pemkab-sumbawa']}, ${['pemkab-sumbawa']}, '{}', false, ${state.createdAt}, now(), now())`.execute(db);
    }
    expect(await migrateToLatest(db)).toEqual(ALL.filter((n) => n > '0002_seat_report_columns'));
    const q = async (text: string) => (await listRecords(db, { filters: { q: text }, scope: null, sort: 'created', pageSize: 10 })).items.map((i) => [i.id, i.letterNumber]);
    expect(await q('045/PP.04-Und/5204/2026')).toEqual([['rq-mig-3', letter.number]]);
    expect(await q('undangan')).toEqual([['rq-mig-3', letter.number]]);
    expect(await q('rapat')).toEqual([['rq-mig-4', null], ['rq-mig-3', letter.number]]);
  } finally {
    await db.destroy();
    await fresh.drop();
  }
});
