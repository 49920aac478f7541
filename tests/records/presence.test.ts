/**
 * Worker presence on a real PostgreSQL: a beat makes a task queue's worker present, leaving or
 * going stale (a crashed worker never leaves) makes it absent, queues are told apart, and the
 * readers' probe counts an unreachable store as "present" (they then ask Temporal as before).
 */
import { anyWorkerPresent, beat, leave, presenceProbe } from '../../src/records/presence';
import { connectRecords } from '../../src/records/database';
import { testDatabase } from '../support/postgres';

let store: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  store = await testDatabase();
});
afterAll(async () => {
  await store.db.destroy();
  await store.drop();
});

test('beat, leave and staleness', async () => {
  const { db } = store;
  expect(await anyWorkerPresent(db, 'q-a')).toBe(false);
  await beat(db, 'q-a', 'w1');
  await beat(db, 'q-a', 'w1'); // a refresh, not a second row
  expect(await anyWorkerPresent(db, 'q-a')).toBe(true);
  expect(await anyWorkerPresent(db, 'q-b')).toBe(false);
  expect(await db.selectFrom('worker_presence').select('instance').where('task_queue', '=', 'q-a').execute()).toHaveLength(1);

  await beat(db, 'q-a', 'w2');
  await leave(db, 'q-a', 'w1');
  expect(await anyWorkerPresent(db, 'q-a')).toBe(true); // w2 is still there
  await leave(db, 'q-a', 'w2');
  expect(await anyWorkerPresent(db, 'q-a')).toBe(false);

  // A crashed worker's row stays but goes stale.
  await beat(db, 'q-c', 'crashed');
  await new Promise((r) => setTimeout(r, 300));
  expect(await anyWorkerPresent(db, 'q-c', 10_000)).toBe(true);
  expect(await anyWorkerPresent(db, 'q-c', 200)).toBe(false);
});

test('the probe: cached per call burst, and "present" when the store does not answer', async () => {
  const { db } = store;
  const probe = presenceProbe(db, 'q-probe', 60_000);
  expect(await probe()).toBe(false);
  await beat(db, 'q-probe', 'w');
  expect(await probe()).toBe(false); // cached within its ttl
  expect(await presenceProbe(db, 'q-probe', 60_000)()).toBe(true);

  const unreachable = connectRecords('postgres://nobody:x@127.0.0.1:9/none', { connectTimeoutMs: 500 });
  try {
    expect(await presenceProbe(unreachable, 'q-probe')()).toBe(true);
  } finally {
    await unreachable.destroy();
  }
});
