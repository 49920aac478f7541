/**
 * Unused uploads on a real PostgreSQL: those no request claimed and older than the TTL go; recent
 * ones, claimed ones, and one a claim holds locked at that moment stay; the sweeper started by the
 * API does the same on its own, and stops cleanly.
 */
import { sql } from 'kysely';
import pino from 'pino';
import { AttachmentStore } from '../../src/attachments/store';
import { deleteUnusedUploads, startUploadSweeper } from '../../src/attachments/sweeper';
import { tinyPdf } from '../support/attachmentFixtures';
import { testDatabase } from '../support/postgres';
import { eventually } from '../support/workflowHarness';

const DAY = 24 * 3600_000;
let store: Awaited<ReturnType<typeof testDatabase>>;
let attachments: AttachmentStore;
beforeAll(async () => {
  store = await testDatabase();
  attachments = new AttachmentStore(store.db);
});
afterAll(async () => {
  await store?.drop();
});

const owner = { sub: 'alice', org: 'kpu-sumbawa', roles: ['staff'] };
/** A quota these tests never reach (the quota has its own tests). */
const ROOMY = { maxBytes: 1e12, maxCount: 1e6 };
const file = (name: string) => ({ name, type: 'application/pdf' as const, content: tinyPdf(name) });
const ids = async (): Promise<string[]> => (await store.db.selectFrom('attachments').select('id').orderBy('id').execute()).map((r) => r.id);

test('old unclaimed uploads go; recent, claimed and locked ones stay', async () => {
  const twoDaysAgo = new Date(Date.now() - 2 * DAY);
  await attachments.save(owner, [file('ditinggal')], ROOMY, twoDaysAgo);
  const [recent] = await attachments.save(owner, [file('baru')], ROOMY);
  const [used] = await attachments.save(owner, [file('dipakai')], ROOMY, twoDaysAgo);
  await attachments.claim('rq-claimed', owner.org, [used.id], 5);
  const [inClaim] = await attachments.save(owner, [file('sedang-diklaim')], ROOMY, twoDaysAgo);

  // A claim holds its row locked while the sweep runs: the sweep passes it by.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const claim = store.db.transaction().execute(async (trx) => {
    await trx.selectFrom('attachments').select('id').where('id', '=', inClaim.id).forUpdate().execute();
    locked();
    await held;
  });
  await isLocked;
  expect(await deleteUnusedUploads(store.db, new Date(Date.now() - DAY))).toBe(1);
  release();
  await claim;
  expect(await ids()).toEqual([recent.id, used.id, inClaim.id].sort());

  // Unlocked now, the next sweep takes it; nothing else is old and unclaimed.
  expect(await deleteUnusedUploads(store.db, new Date(Date.now() - DAY))).toBe(1);
  expect(await ids()).toEqual([recent.id, used.id].sort());
});

test('more than one batch at once', async () => {
  await sql`delete from attachments`.execute(store.db);
  const old = new Date(Date.now() - 2 * DAY);
  for (let i = 0; i < 11; i++) await attachments.save(owner, Array.from({ length: 50 }, (_, j) => file(`f-${i}-${j}`)), ROOMY, old);
  expect(await deleteUnusedUploads(store.db, new Date(Date.now() - DAY))).toBe(550);
  expect(await ids()).toEqual([]);
});

test('the sweeper deletes expired uploads by itself and stops cleanly', async () => {
  const [expired] = await attachments.save(owner, [file('kedaluwarsa')], ROOMY, new Date(Date.now() - 10_000));
  const [kept] = await attachments.save(owner, [file('disimpan')], ROOMY);
  await attachments.claim('rq-kept', owner.org, [kept.id], 5);
  const sweeper = startUploadSweeper(store.db, { ttlMs: 2000, logger: pino({ level: 'silent' }) });
  try {
    await eventually(async () => expect(await ids()).not.toContain(expired.id), 20_000);
    expect(await ids()).toContain(kept.id);
  } finally {
    await sweeper.stop();
  }
});
