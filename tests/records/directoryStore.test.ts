/**
 * The directory in a real PostgreSQL: seeded once from the national directory and the sample
 * file; imports (JSON and CSV) are idempotent, a dry run writes nothing, bad input is refused
 * whole with the row and field named; every change is in history with who and when, never a
 * webhook secret; positions change hands; another process's cache sees an edit after its TTL.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connectRecords, type RecordsDb } from '../../src/records/database';
import { Directory } from '../../src/directory/directory';
import { importIncoming, readImportFile } from '../../src/directory/import/importFile';
import { DirectoryInputError } from '../../src/directory/store/errors';
import { seedOrganizations } from '../../src/directory/store/launch';
import { readOrganizations } from '../../src/directory/store/organizations';
import { PostgresDirectoryStore } from '../../src/directory/store/store';
import { directory as sampleFile } from '../support/workflowHarness';
import { testDatabase } from '../support/postgres';

let pg: Awaited<ReturnType<typeof testDatabase>>;
let store: PostgresDirectoryStore;
const dir = mkdtempSync(path.join(os.tmpdir(), 'koordinasi-dir-'));
const seed = () => seedOrganizations(sampleFile);
const silent = { ttlMs: 0, onError: (err: Error) => { throw err; } };

function fileWith(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}
const importFile = async (file: string, dryRun = false) => importIncoming({ db: pg.db, store, seed }, readImportFile(file), { actor: 'import:test', dryRun });

async function snapshot(db: RecordsDb = pg.db) {
  const history = await db.selectFrom('directory_history').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { organizations: await readOrganizations(db), history: history.n };
}

beforeAll(async () => {
  pg = await testDatabase();
  store = new PostgresDirectoryStore(pg.db, new Directory(sampleFile.organizations), silent);
});
afterAll(async () => {
  await pg.drop();
});

test('an empty store is seeded once: the whole country, with the sample file\'s contacts', async () => {
  expect(await store.seedIfEmpty(seed)).toBe(true);
  expect(await store.seedIfEmpty(seed)).toBe(false);
  const d = await store.fresh();
  expect(d.organizations.length).toBeGreaterThan(1600);
  expect(d.get('kpu-sumbawa')?.contacts.emails).toEqual(['sekretariat@kpu-sumbawa.example']);
  expect(d.get('kpu-kota-mataram')?.parentId).toBe('kpu-ntb');
  expect(d.ancestors('bawaslu-sumbawa')).toEqual(['bawaslu-ntb', 'bawaslu-ri']);
});

const polres = {
  id: 'polres-sumbawa', name: 'Polres Sumbawa', kind: 'POLRI', level: 'REGENCY', parentId: null, timeZone: 'Asia/Makassar', language: 'id',
  contacts: { emails: ['humas@polres-sumbawa.example'], whatsapp: ['+6281234567890'], webhook: { url: 'https://polres.example/hook', secret: 'polres-webhook-secret-0001' } },
};

test('a JSON import adds and changes organizations; importing it again changes nothing and records nothing', async () => {
  const kpu = { ...(await store.fresh()).get('kpu-sumbawa')!, contacts: { emails: ['baru@kpu-sumbawa.example'] } };
  const file = fileWith('orgs.json', JSON.stringify({ organizations: [kpu, polres] }));
  const changes = await importFile(file);
  expect(changes.map((c) => `${c.organizationId}/${c.change}`).sort()).toEqual(['kpu-sumbawa/contacts', 'polres-sumbawa/organization']);
  const after = await snapshot();
  expect(await importFile(file)).toEqual([]);
  expect(await snapshot()).toEqual(after);
  expect((await store.fresh()).get('polres-sumbawa')?.contacts.webhook?.secret).toBe('polres-webhook-secret-0001');
});

test('a CSV of contacts: local numbers stored in E.164, a second import changes nothing', async () => {
  const file = fileWith('contacts.csv', 'organization_id,email,whatsapp\npemkab-sumbawa,kesbangpol@pemkab-sumbawa.example;sekda@pemkab-sumbawa.example,0812-3456-7891\n');
  expect(await importFile(file)).toHaveLength(1);
  expect((await store.fresh()).get('pemkab-sumbawa')?.contacts).toEqual({ emails: ['kesbangpol@pemkab-sumbawa.example', 'sekda@pemkab-sumbawa.example'], whatsapp: ['+6281234567891'] });
  const after = await snapshot();
  expect(await importFile(file)).toEqual([]);
  expect(await snapshot()).toEqual(after);
});

test('a dry run lists the changes and writes nothing', async () => {
  const before = await snapshot();
  const file = fileWith('dry.csv', 'organization_id,whatsapp\nbawaslu-sumbawa,+6281311112222\n');
  const changes = await importFile(file, true);
  expect(changes).toEqual([expect.objectContaining({ organizationId: 'bawaslu-sumbawa', change: 'contacts', after: expect.objectContaining({ whatsapp: ['+6281311112222'] }) })]);
  expect(await snapshot()).toEqual(before);
});

test.each([
  ['unknown parent', 'bad.json', JSON.stringify({ organizations: [{ ...polres, id: 'polres-a', parentId: 'polda-atlantis' }] }), 'organizations[0].parentId', /unknown parent organization "polda-atlantis"/],
  ['cycle', 'cycle.json', JSON.stringify({ organizations: [{ ...polres, id: 'polda-ntb', parentId: 'polres-b' }, { ...polres, id: 'polres-b', parentId: 'polda-ntb' }] }), 'organizations[0].parentId', /goes round/],
  ['bad phone number', 'phone.csv', 'organization_id,whatsapp\nkpu-ntb,+62 12\n', 'row 2.whatsapp', /not a valid phone number/],
  ['bad time zone', 'zone.json', JSON.stringify({ organizations: [{ ...polres, timeZone: 'Asia/Mataram' }] }), 'organizations[0].timeZone', /IANA time zone/],
  ['duplicate id', 'dup.json', JSON.stringify({ organizations: [polres, polres] }), 'organizations[1].id', /duplicate organization id "polres-sumbawa"/],
  ['unknown organization in CSV', 'unknown.csv', 'organization_id,email\nkpu-atlantis,a@b.example\n', 'row 2.organization_id', /unknown organization/],
])('%s: refused, naming where, and nothing changes', async (_what, name, content, field, message) => {
  const before = await snapshot();
  const err = await importFile(fileWith(name, content)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DirectoryInputError);
  expect((err as DirectoryInputError).problems).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
  expect(await snapshot()).toEqual(before);
});

test('a bad row among good ones: the good rows are not applied either', async () => {
  const before = await snapshot();
  const file = fileWith('mixed.csv', 'organization_id,email\nkpu-ntb,baru@kpu-ntb.example\nkpu-ri,not-an-address\n');
  await expect(importFile(file)).rejects.toThrow(/row 3\.email/);
  expect(await snapshot()).toEqual(before);
});

test('history keeps who and when, with the webhook secret as a fingerprint only', async () => {
  const startedAt = Date.now();
  await store.apply([{ kind: 'contacts', where: 'body', id: 'dkpp', contacts: { emails: ['baru@dkpp.example'] } }], { actor: 'dkpp/operator-1' });
  const [latest] = await store.history('dkpp', { limit: 1 });
  expect(latest).toMatchObject({ change: 'contacts', actor: 'dkpp/operator-1', before: { emails: ['persidangan@dkpp.example'] }, after: { emails: ['baru@dkpp.example'] } });
  expect(Date.parse(latest.at)).toBeGreaterThanOrEqual(startedAt - 1000);
  const polresHistory = JSON.stringify(await store.history('polres-sumbawa', { limit: 10 }));
  expect(polresHistory).toContain('sha256:');
  const all = await sql<{ t: string }>`select string_agg(coalesce(before::text, '') || after::text, ' ') as t from directory_history`.execute(pg.db);
  expect(all.rows[0].t).not.toContain('polres-webhook-secret-0001');
});

test('a handover ends the previous holder\'s period; history says who took over', async () => {
  await store.addPosition('pemkab-sumbawa', { id: 'kepala-kesbangpol', title: 'Kepala Kesbangpol' }, 'admin/a');
  await expect(store.addPosition('pemkab-sumbawa', { id: 'kepala-kesbangpol', title: 'Kepala Kesbangpol' }, 'admin/a')).rejects.toThrow(/already has/);
  const holder = (personName: string, validFrom: string) => ({ personName, emails: [], whatsapp: [], subject: null, acting: null, validFrom, validTo: null });
  await store.handover('pemkab-sumbawa', 'kepala-kesbangpol', holder('Drs. Ahmad', '2026-01-01T00:00:00Z'), 'admin/a');
  await store.handover('pemkab-sumbawa', 'kepala-kesbangpol', { ...holder('Siti Rahma', '2026-06-01T00:00:00Z'), acting: 'PLT' }, 'admin/b');
  expect((await store.positions('pemkab-sumbawa', new Date('2026-03-01T00:00:00Z')))[0].holder?.personName).toBe('Drs. Ahmad');
  const now = await store.positions('pemkab-sumbawa', new Date('2026-07-01T00:00:00Z'));
  expect(now).toEqual([{ id: 'kepala-kesbangpol', title: 'Kepala Kesbangpol', holder: expect.objectContaining({ personName: 'Siti Rahma', acting: 'PLT' }) }]);
  const [last] = await store.history('pemkab-sumbawa', { limit: 1 });
  expect(last).toMatchObject({ change: 'handover', actor: 'admin/b', before: { personName: 'Drs. Ahmad', validTo: '2026-06-01T00:00:00.000Z' }, after: { personName: 'Siti Rahma' } });
  await expect(store.handover('pemkab-sumbawa', 'sekretaris', holder('X', '2026-07-01T00:00:00Z'), 'admin/a')).rejects.toThrow(/no position "sekretaris"/);
});

test('another process sees an edit after its cache TTL, without a restart', async () => {
  const other = connectRecords(pg.url, { poolSize: 1 });
  let clock = 1_000_000;
  const ttlMs = 5000;
  const elsewhere = new PostgresDirectoryStore(other, new Directory(sampleFile.organizations), { ttlMs, onError: silent.onError, now: () => clock });
  try {
    const held = await elsewhere.fresh(); // what a reader holds on to
    expect(held.get('kpu-ntb')?.contacts.emails).toEqual(['sekretariat@kpu-ntb.example']);
    await store.apply([{ kind: 'contacts', where: 'body', id: 'kpu-ntb', contacts: { emails: ['piket@kpu-ntb.example'] } }], { actor: 'kpu-ntb/operator' });
    clock += ttlMs - 1;
    expect((await elsewhere.fresh()).get('kpu-ntb')?.contacts.emails).toEqual(['sekretariat@kpu-ntb.example']);
    clock += 1;
    expect((await elsewhere.fresh()).get('kpu-ntb')?.contacts.emails).toEqual(['piket@kpu-ntb.example']);
    expect(held.get('kpu-ntb')?.contacts.emails).toEqual(['piket@kpu-ntb.example']);
  } finally {
    await other.destroy();
  }
});
