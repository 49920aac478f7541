/**
 * Page sessions on a real PostgreSQL: a started session is live until it is ended or expires; two
 * API processes (two pools) see the same sessions; each new session deletes expired rows; the
 * table holds hashes, never the session ids (the CSRF tokens are bound to them).
 */
import { connectRecords } from '../../src/records/database';
import { WebSessionStore } from '../../src/records/webSessions';
import { testDatabase } from '../support/postgres';

let store: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  store = await testDatabase();
});
afterAll(async () => {
  await store.drop();
});

const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;

test('start, live on another process, end there: gone for both', async () => {
  const other = connectRecords(store.url, { poolSize: 1 });
  try {
    const a = new WebSessionStore(store.db);
    const b = new WebSessionStore(other);
    await a.start('sid-one', inSeconds(3600));
    expect(await b.live('sid-one')).toBe(true);
    expect(await b.live('sid-two')).toBe(false);
    await b.end('sid-one');
    expect(await a.live('sid-one')).toBe(false);
    const ids = (await store.db.selectFrom('web_sessions').select('id').execute()).map((r) => r.id);
    expect(ids).not.toContain('sid-one');
  } finally {
    await other.destroy();
  }
});

test('an expired session is not live, and the next new session deletes its row', async () => {
  const sessions = new WebSessionStore(store.db);
  await sessions.start('sid-old', inSeconds(3600));
  // Time passes: the session's expiry is behind us now.
  await store.db.updateTable('web_sessions').set({ expires_at: new Date(Date.now() - 60_000) }).execute();
  expect(await sessions.live('sid-old')).toBe(false);
  expect(await store.db.selectFrom('web_sessions').select('id').where('expires_at', '<', new Date()).execute()).toHaveLength(1);
  await sessions.start('sid-new', inSeconds(3600));
  expect(await store.db.selectFrom('web_sessions').select('id').where('expires_at', '<', new Date()).execute()).toHaveLength(0);
  expect(await sessions.live('sid-new')).toBe(true);
});
