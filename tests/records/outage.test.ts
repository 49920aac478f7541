/**
 * PostgreSQL stopped in the middle of a scenario with reminders, responses and a revision: the
 * workflow never waits for it (every action answers, reminders keep coming), and once the database
 * is back the record equals the workflow's state field by field, its timeline without gap or
 * duplicate. Real dev server, worker, and a PostgreSQL of this test's own that it stops and starts.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { coordinationWorkflow } from '../../workflows';
import { readyUpdate, respondUpdate, reviseUpdate, stateQuery, timelineQuery, workflowIdFor } from '../../workflows/messages';
import { readRecord, readTimeline } from '../../src/records/reader';
import { startTestPostgres, testDatabase, type TestPostgres } from '../support/postgres';
import { devServerEnv } from '../support/temporalEnv';
import { actor, eventually, requestInput, startWorker } from '../support/workflowHarness';

let env: TestWorkflowEnvironment;
let pg: TestPostgres;
let store: Awaited<ReturnType<typeof testDatabase>>;
let w: Awaited<ReturnType<typeof startWorker>>;

beforeAll(async () => {
  [env, pg] = await Promise.all([devServerEnv(), startTestPostgres()]);
  store = await testDatabase(pg);
  w = await startWorker(env, { records: store.db });
});
afterAll(async () => {
  await w?.stop();
  await store?.drop().catch(() => undefined);
  await pg?.destroy();
  await env?.teardown();
});

test('a database outage delays the record, never the coordination; nothing is lost', async () => {
  const input = requestInput({
    steps: [
      {
        participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'],
        policy: { type: 'ALL' },
        deadline: { kind: 'DURATION', duration: 'PT2S' },
        reminders: { before: [], atDeadline: true, repeatEvery: 'PT2S', escalateAfter: 'PT3S' },
      },
    ],
  });
  const handle = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
  await handle.executeUpdate(readyUpdate);
  await eventually(async () => expect(await readRecord(store.db, input.id)).not.toBeNull(), 30_000);

  await pg.kill(); // SIGKILL: no clean shutdown
  const during = await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'REQUEST_CHANGES', comment: 'Lengkapi lampiran' }] });
  expect(during.status).toBe('CHANGES_REQUESTED');
  expect((await handle.executeUpdate(reviseUpdate, { args: [{ actor: actor('kpu-sumbawa'), comment: 'Sudah dilengkapi' }] })).revision).toBe(2);
  expect((await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'ACKNOWLEDGE' }] })).status).toBe('IN_PROGRESS');
  // Reminders and the escalation keep firing while the store is down.
  await eventually(async () => {
    const kinds = (await handle.query(timelineQuery)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'REMINDER_SENT').length).toBeGreaterThanOrEqual(2);
    expect(kinds).toContain('ESCALATED');
  }, 60_000);

  const seqAtRestart = (await handle.query(timelineQuery)).at(-1)!.seq;
  await pg.restart();
  // The record catches up with everything that happened during the outage (reminders keep coming,
  // so the live state is a moving target: equality is checked once the request closed, below).
  await eventually(async () => {
    expect((await readRecord(store.db, input.id))!.version).toBeGreaterThanOrEqual(seqAtRestart);
    expect((await readTimeline(store.db, input.id)).map((e) => e.seq).slice(0, seqAtRestart)).toEqual(Array.from({ length: seqAtRestart }, (_, i) => i + 1));
  }, 120_000);

  // It still closes; its run ends once its record is complete: equal field by field.
  await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
  await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'APPROVE' }] });
  const final = await handle.result();
  expect(final.status).toBe('APPROVED');
  const timeline = await handle.query(timelineQuery);
  expect((await readRecord(store.db, input.id))?.state).toEqual(await handle.query(stateQuery));
  const stored = await readTimeline(store.db, input.id);
  expect(stored.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
  expect(stored).toEqual(timeline);
}, 400_000);
