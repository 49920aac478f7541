/**
 * The records writer on real PostgreSQL: idempotent (repeated writes change nothing) and monotonic
 * (an older snapshot never replaces a newer one, whatever the order of delivery), and the seat
 * facts the reports read follow the stored events.
 */
import { initialState } from '../../src/domain/requestState';
import type { CoordinationState, TimelineEvent } from '../../src/domain/types';
import { readRecord, readTimeline } from '../../src/records/reader';
import { writeRecord, type RecordBatch } from '../../src/records/writer';
import type { RecordsDb } from '../../src/records/database';
import { testDatabase } from '../support/postgres';
import { requestInput } from '../support/workflowHarness';

let store: Awaited<ReturnType<typeof testDatabase>>;
let db: RecordsDb;
beforeAll(async () => {
  store = await testDatabase();
  db = store.db;
});
afterAll(() => store?.drop());

const T0 = Date.parse('2026-03-02T01:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A request's history as the workflow would record it: versions 1..n with growing state. */
function history(id: string): RecordBatch[] {
  const state: CoordinationState = initialState(requestInput({ id }), at(0));
  const events: TimelineEvent[] = [];
  const batches: RecordBatch[] = [];
  const push = (kind: TimelineEvent['kind'], minutes: number, extra: Partial<TimelineEvent> = {}) => {
    events.push({ seq: events.length + 1, at: at(minutes), kind, actor: { sub: 'u', org: extra.org ?? 'system' }, revision: 1, step: 0, ...extra });
    state.updatedAt = at(minutes);
    batches.push({ version: events.length, snapshot: batches.length + 1, state: structuredClone(state), events: [events.at(-1)!] });
  };
  push('CREATED', 0, { org: 'kpu-sumbawa' });
  state.steps[0].status = 'ACTIVE';
  state.steps[0].activatedAt = at(1);
  state.steps[0].deadline = at(60 * 24);
  push('STEP_ACTIVATED', 1);
  state.steps[0].participants[0].status = 'ACKNOWLEDGED';
  push('ACKNOWLEDGED', 31, { org: 'pemkab-sumbawa' });
  state.steps[0].participants[0].status = 'APPROVED';
  push('APPROVED', 91, { org: 'pemkab-sumbawa' });
  state.steps[0].participants[1].status = 'APPROVED';
  push('APPROVED', 121, { org: 'bawaslu-sumbawa' });
  state.status = 'APPROVED';
  state.closedAt = at(121);
  push('COMPLETED', 121);
  return batches;
}

test('every write twice, in order: one row per event, the newest snapshot, first responses from the events', async () => {
  const id = 'rq-writer-repeat';
  const batches = history(id);
  for (const b of batches) {
    expect((await writeRecord(db, b)).snapshotApplied).toBe(true);
    expect(await writeRecord(db, b)).toEqual({ snapshotApplied: false, eventsInserted: 0 });
  }
  const rec = await readRecord(db, id);
  expect(rec!.version).toBe(6);
  expect(rec!.state).toEqual(batches.at(-1)!.state);
  expect((await readTimeline(db, id)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  const seats = await db.selectFrom('seats').selectAll().where('request_id', '=', id).orderBy('org').execute();
  expect(seats.map((s) => [s.org, s.asked_at.toISOString(), s.first_response_at?.toISOString()])).toEqual([
    ['bawaslu-sumbawa', at(1), at(121)],
    ['pemkab-sumbawa', at(1), at(31)], // the acknowledgement is the first response, not the approval
  ]);
});

test('out of order and overlapping deliveries never regress the snapshot nor duplicate events', async () => {
  const id = 'rq-writer-shuffled';
  const batches = history(id);
  // Coalesced writes (events since an older acknowledgement) delivered newest first, then stale ones.
  const cumulative = batches.map((b, i) => ({ ...b, events: batches.slice(0, i + 1).flatMap((x) => x.events) }));
  const order = [5, 2, 3, 0, 4, 1, 5, 0];
  for (const i of order) await writeRecord(db, cumulative[i]);
  const rec = await readRecord(db, id);
  expect(rec!.version).toBe(6);
  expect(rec!.state.status).toBe('APPROVED');
  expect((await readTimeline(db, id)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  const { count } = await db.selectFrom('timeline_events').select((eb) => eb.fn.countAll<number>().as('count')).where('request_id', '=', id).executeTakeFirstOrThrow();
  expect(count).toBe(6);
});

test('same version, newer snapshot counter: a change without a new event still lands, an older counter does not', async () => {
  const id = 'rq-writer-same-version';
  const [first] = history(id);
  await writeRecord(db, first);
  const later = structuredClone(first.state);
  later.nextReminderAt = at(500);
  expect((await writeRecord(db, { version: first.version, snapshot: first.snapshot + 1, state: later, events: [] })).snapshotApplied).toBe(true);
  expect((await writeRecord(db, { ...first, events: [] })).snapshotApplied).toBe(false);
  expect((await readRecord(db, id))!.state.nextReminderAt).toBe(at(500));
});
