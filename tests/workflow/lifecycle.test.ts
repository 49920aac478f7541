/**
 * Life of a request on the time-skipping test server: revision loop, cancel, deadline extension,
 * expiry, delegation, rejected updates, continue-as-new.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { coordinationWorkflow } from '../../workflows';
import {
  cancelUpdate,
  delegateUpdate,
  extendDeadlineUpdate,
  readyUpdate,
  REJECTED_ACTION,
  respondUpdate,
  reviseUpdate,
  stateQuery,
  timelineQuery,
  workflowIdFor,
} from '../../workflows/messages';
import type { CoordinationRequestInput } from '../../src/domain/types';
import { timeSkippingEnv } from '../support/temporalEnv';
import { actor, eventually, requestInput, startWorker } from '../support/workflowHarness';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let env: TestWorkflowEnvironment;
let w: Awaited<ReturnType<typeof startWorker>>;
beforeAll(async () => {
  env = await timeSkippingEnv();
  w = await startWorker(env);
});
afterAll(async () => {
  await w?.stop();
  await env?.teardown();
});

async function start(input: CoordinationRequestInput) {
  const handle = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
  await handle.query(stateQuery); // first task done
  return handle;
}

/**
 * Closes a request the way a requester would, and waits until its notifications settled. (Terminating
 * instead can leave a notification activity pending, which keeps the time-skipping server from
 * skipping time for the rest of the file.)
 */
async function finish(handle: Awaited<ReturnType<typeof start>>): Promise<void> {
  await handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa'), reason: 'test done' }] });
  await handle.result();
}

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause as { type?: string; message: string };
    expect(cause.type).toBe(REJECTED_ACTION);
    return cause.message;
  }
  throw new Error('update was accepted');
}

test('the ready update answers with the request as set up: first step active, working-day deadline computed', async () => {
  const input = requestInput({
    steps: [{ participants: ['pemkab-sumbawa'], policy: { type: 'ALL' }, deadline: { kind: 'WORKING_DAYS', days: 3 } }],
  });
  const handle = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
  const ready = await handle.executeUpdate(readyUpdate);
  expect(ready.steps[0].status).toBe('ACTIVE');
  expect(ready.steps[0].deadline).not.toBeNull();
  // Three working days end at the close of a working day (16:00 WITA, the requester's zone).
  const deadline = new Date(ready.steps[0].deadline!);
  expect(Date.parse(ready.steps[0].deadline!)).toBeGreaterThan(Date.parse(ready.steps[0].activatedAt!) + 2 * DAY);
  expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Makassar', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(deadline)).toBe('16:00');
  await finish(handle);
});

test('changes requested → revision → approval; those who asked answer again', async () => {
  const handle = await start(requestInput());
  await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'ACKNOWLEDGE' }] });
  const paused = await handle.executeUpdate(respondUpdate, {
    args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'REQUEST_CHANGES', comment: 'Lampirkan denah gudang' }],
  });
  expect(paused.status).toBe('CHANGES_REQUESTED');
  await eventually(() => expect(w.calls.some((c) => c.message.kind === 'CHANGES_REQUESTED' && c.message.recipient === 'kpu-sumbawa')).toBe(true));
  // Nobody answers while the requester revises.
  expect(await rejection(handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] }))).toMatch(/revision/);
  // Only the requester revises.
  expect(await rejection(handle.executeUpdate(reviseUpdate, { args: [{ actor: actor('pemkab-sumbawa') }] }))).toMatch(/requester/);

  const revised = await handle.executeUpdate(reviseUpdate, { args: [{ actor: actor('kpu-sumbawa'), comment: 'Denah terlampir', description: 'Dengan denah.' }] });
  expect(revised.status).toBe('IN_PROGRESS');
  expect(revised.revision).toBe(2);
  expect(revised.description).toBe('Dengan denah.');
  const seats = Object.fromEntries(revised.steps[0].participants.map((p) => [p.org, p.status]));
  expect(seats).toEqual({ 'pemkab-sumbawa': 'ACKNOWLEDGED', 'bawaslu-sumbawa': 'PENDING' });

  await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'APPROVE' }] });
  const done = await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
  expect(done.status).toBe('APPROVED');
  expect((await handle.result()).status).toBe('APPROVED');
  const kinds = (await handle.query(timelineQuery)).map((e) => e.kind).filter((k) => !k.startsWith('NOTIFICATION'));
  expect(kinds).toEqual(['CREATED', 'STEP_ACTIVATED', 'ACKNOWLEDGED', 'CHANGES_REQUESTED', 'REVISED', 'APPROVED', 'APPROVED', 'STEP_APPROVED', 'COMPLETED']);
});

test('revision may ask every participant to answer again', async () => {
  const handle = await start(requestInput());
  await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
  await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'REQUEST_CHANGES', comment: 'Ubah jadwal' }] });
  const revised = await handle.executeUpdate(reviseUpdate, { args: [{ actor: actor('kpu-sumbawa'), reanswer: 'ALL' }] });
  expect(revised.steps[0].participants.map((p) => p.status)).toEqual(['PENDING', 'PENDING']);
  await finish(handle);
});

test('cancel mid-step closes the request and stops reminders', async () => {
  const handle = await start(requestInput());
  await env.sleep(1.5 * DAY); // the H-2 reminder went out
  const cancelled = await handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa'), reason: 'Jadwal berubah' }] });
  expect(cancelled.status).toBe('CANCELLED');
  const final = await handle.result();
  expect(final.status).toBe('CANCELLED');
  const timeline = await handle.query(timelineQuery);
  expect(timeline.filter((e) => e.kind === 'REMINDER_SENT')).toHaveLength(1);
  expect(timeline.find((e) => e.kind === 'CANCELLED')).toMatchObject({ actor: { org: 'kpu-sumbawa' }, comment: 'Jadwal berubah' });
  expect(w.calls.filter((c) => workflowIdFor(c.message.request.id) === handle.workflowId && c.message.kind === 'CANCELLED' && c.channel === 'email').map((c) => c.message.recipient).sort()).toEqual(
    ['bawaslu-sumbawa', 'kpu-ntb', 'pemkab-sumbawa'],
  );
  // Closed: Temporal refuses updates to a finished run (the API answers 409 from the final state).
  await expect(handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa') }] })).rejects.toBeInstanceOf(WorkflowNotFoundError);
});

test('deadline extension reschedules reminders from the new deadline', async () => {
  const input = requestInput({
    steps: [
      {
        participants: ['pemkab-sumbawa'],
        policy: { type: 'ALL' },
        deadline: { kind: 'DURATION', duration: 'P2D' },
        reminders: { before: ['P1D'], atDeadline: true, repeatEvery: null, escalateAfter: null },
      },
    ],
  });
  const handle = await start(input);
  const t0 = Date.parse((await handle.query(stateQuery)).steps[0].activatedAt!);
  await env.sleep(1.5 * DAY); // H-1 sent at t0+1d
  const extended = await handle.executeUpdate(extendDeadlineUpdate, {
    args: [{ actor: actor('kpu-sumbawa'), deadline: { kind: 'AT', at: new Date(t0 + 5 * DAY).toISOString() }, comment: 'Menunggu rapat' }],
  });
  expect(extended.steps[0].deadline).toBe(new Date(t0 + 5 * DAY).toISOString());
  expect(extended.nextReminderAt).toBe(new Date(t0 + 4 * DAY).toISOString());
  await env.sleep(4 * DAY);
  await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
  await handle.result();
  const sent = (await handle.query(timelineQuery)).filter((e) => e.kind === 'REMINDER_SENT').map((e) => [Math.round((Date.parse(e.at) - t0) / HOUR) / 24, (e.data as { label: string }).label]);
  // Old deadline (t0+2d) passes silently; new H-1 at 4d and H at 5d.
  expect(sent).toEqual([
    [1, 'H-1'],
    [4, 'H-1'],
    [5, 'H'],
  ]);
  // An earlier deadline is not an extension.
  const again = await start(requestInput());
  expect(
    await rejection(again.executeUpdate(extendDeadlineUpdate, { args: [{ actor: actor('kpu-sumbawa'), deadline: { kind: 'DURATION', duration: 'P1D' } }] })),
  ).toMatch(/after the current/);
  await finish(again);
});

test('expiry after the overdue period', async () => {
  const handle = await start(requestInput({ expireAfter: 'P2D' }));
  const s = await handle.query(stateQuery);
  const t0 = Date.parse(s.steps[0].activatedAt!);
  expect(s.expiresAt).toBe(new Date(t0 + 5 * DAY).toISOString());
  const final = await handle.result();
  expect(final.status).toBe('EXPIRED');
  expect(Math.round((Date.parse(final.closedAt!) - t0) / HOUR)).toBe(5 * 24);
  expect(final.steps[0].overdue).toBe(true);
  const timeline = await handle.query(timelineQuery);
  expect(timeline.find((e) => e.kind === 'EXPIRED')).toBeDefined();
  expect(w.calls.some((c) => workflowIdFor(c.message.request.id) === handle.workflowId && c.message.kind === 'OUTCOME_EXPIRED' && c.message.recipient === 'kpu-sumbawa')).toBe(true);
});

test('delegation moves a seat and keeps who held it', async () => {
  const handle = await start(requestInput());
  // Only the seat holder, the requester or an admin may delegate.
  expect(
    await rejection(handle.executeUpdate(delegateUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), from: 'pemkab-sumbawa', to: 'pemprov-ntb' }] })),
  ).toMatch(/only pemkab-sumbawa/);
  const delegated = await handle.executeUpdate(delegateUpdate, {
    args: [{ actor: actor('pemkab-sumbawa'), from: 'pemkab-sumbawa', to: 'pemprov-ntb', comment: 'Kewenangan provinsi' }],
  });
  expect(delegated.steps[0].participants[0]).toMatchObject({ org: 'pemprov-ntb', status: 'PENDING', delegatedFrom: ['pemkab-sumbawa'] });
  // The old holder can no longer answer; the new one can.
  expect(await rejection(handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] }))).toMatch(
    /not a participant/,
  );
  await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemprov-ntb'), organization: 'pemprov-ntb', decision: 'APPROVE' }] });
  const timeline = await handle.query(timelineQuery);
  expect(timeline.find((e) => e.kind === 'DELEGATED')).toMatchObject({ org: 'pemprov-ntb', data: { from: 'pemkab-sumbawa', to: 'pemprov-ntb' } });
  await finish(handle);
});

test('invalid updates are rejected with a reason and leave no trace in history', async () => {
  const handle = await start(
    requestInput({
      steps: [
        { participants: ['pemkab-sumbawa'], policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P3D' } },
        { participants: ['kpu-ntb'], policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P3D' } },
      ],
    }),
  );
  const before = (await handle.fetchHistory()).events?.length ?? 0;
  const reasons = [
    await rejection(handle.executeUpdate(respondUpdate, { args: [{ actor: actor('kpu-ntb'), organization: 'kpu-ntb', decision: 'APPROVE' }] })),
    await rejection(handle.executeUpdate(respondUpdate, { args: [{ actor: actor('dkpp'), organization: 'dkpp', decision: 'APPROVE' }] })),
    await rejection(handle.executeUpdate(respondUpdate, { args: [{ actor: actor('dkpp'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] })),
    await rejection(handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'REQUEST_CHANGES' }] })),
    await rejection(handle.executeUpdate(reviseUpdate, { args: [{ actor: actor('kpu-sumbawa') }] })),
    await rejection(handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('pemkab-sumbawa') }] })),
    await rejection(handle.executeUpdate(extendDeadlineUpdate, { args: [{ actor: actor('kpu-sumbawa'), deadline: { kind: 'AT', at: '2001-01-01T00:00:00Z' } }] })),
  ];
  expect(reasons[0]).toMatch(/step 2, not in the active step 1/);
  expect(reasons[1]).toMatch(/not a participant/);
  expect(reasons[2]).toMatch(/only for its own seat/);
  expect(reasons[3]).toMatch(/needs a comment/);
  expect(reasons[4]).toMatch(/nothing to revise/);
  expect(reasons[5]).toMatch(/requester/);
  expect(reasons[6]).toMatch(/past/);
  await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
  expect(await rejection(handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'REJECT' }] }))).toMatch(
    /step 1, not in the active step 2|already decided/,
  );
  const history = (await handle.fetchHistory()).events ?? [];
  // Rejected updates add no events: the only update events are those of the accepted response.
  const updateEvents = history.slice(before).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes || e.workflowExecutionUpdateRejectedEventAttributes);
  expect(updateEvents).toHaveLength(1);
  await finish(handle);
});

test('continue-as-new keeps state and timeline', async () => {
  const input = requestInput({
    options: { continueAsNewAfterEvents: 100 },
    steps: [
      {
        participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'],
        policy: { type: 'ALL' },
        deadline: { kind: 'DURATION', duration: 'PT1H' },
        reminders: { before: [], atDeadline: true, repeatEvery: 'PT1H', escalateAfter: null },
      },
    ],
  });
  const handle = await start(input);
  await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE', comment: 'Setuju' }] });
  await env.sleep(30 * HOUR); // ~30 hourly reminders with 2 deliveries each: several rollovers
  const state = await handle.query(stateQuery);
  expect(state.generation).toBeGreaterThanOrEqual(1);
  expect(state.steps[0].participants[0]).toMatchObject({ org: 'pemkab-sumbawa', status: 'APPROVED', comment: 'Setuju' });
  const timeline = await handle.query(timelineQuery);
  expect(timeline[0].kind).toBe('CREATED');
  expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
  const sent = timeline.filter((e) => e.kind === 'REMINDER_SENT');
  expect(sent.length).toBeGreaterThanOrEqual(28);
  // Reminders keep their hourly rhythm across runs, each with its own idempotency key.
  const keys = w.calls.filter((c) => c.message.request.id === input.id && c.message.kind === 'REMINDER_OVERDUE' && c.channel === 'email').map((c) => c.message.idempotencyKey);
  expect(new Set(keys).size).toBe(keys.length);
  const final = await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'APPROVE' }] });
  expect(final.status).toBe('APPROVED');
  const desc = await handle.describe();
  expect(desc.runId).not.toBe(handle.firstExecutionRunId);
});
