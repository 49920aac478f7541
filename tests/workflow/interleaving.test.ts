/**
 * Actions that arrive while another one waits on a local activity: each is refused with a clear
 * reason or applied in full, the timeline stays in order (nothing but delivery records after
 * COMPLETED), and nothing is sent for a closed request. On the time-skipping server, with the
 * calendar or directory local activity held open by the test (a slow lookup), so the window is
 * there every time: while it is held, the worker heartbeats the workflow task and the next task
 * brings the other updates in. The gate opens when the test has sent them (or after 7 s at most,
 * within the local activity's timeout, so a slow machine fails the assertions, not the run).
 */
import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { CoordinationActivities } from '../../activities/types';
import type { CoordinationRequestInput, TimelineEvent } from '../../src/domain/types';
import { coordinationWorkflow } from '../../workflows';
import { cancelUpdate, delegateUpdate, extendDeadlineUpdate, respondUpdate, stateQuery, timelineQuery, workflowIdFor } from '../../workflows/messages';
import { timeSkippingEnv } from '../support/temporalEnv';
import { actor, requestInput, startWorker } from '../support/workflowHarness';

/** Holds the next call of a local activity until released; other calls pass. */
class Gate {
  private armed = false;
  private open!: () => void;
  private opened = Promise.resolve();
  private enter!: () => void;
  entered = Promise.resolve();

  arm(): void {
    this.armed = true;
    this.opened = new Promise((r) => (this.open = r));
    this.entered = new Promise((r) => (this.enter = r));
  }

  /** Held until released, at most `maxMs`: below the local activity's 10 s start-to-close. */
  async pass(maxMs = 7000): Promise<void> {
    if (!this.armed) return;
    this.armed = false;
    this.enter();
    await Promise.race([this.opened, new Promise((r) => setTimeout(r, maxMs))]);
  }

  release(): void {
    this.open();
  }
}

const deadlineGate = new Gate();
const directoryGate = new Gate();
let env: TestWorkflowEnvironment;
let w: Awaited<ReturnType<typeof startWorker>>;
beforeAll(async () => {
  env = await timeSkippingEnv();
  w = await startWorker(env, {
    wrap: (a: CoordinationActivities) => ({
      ...a,
      resolveDeadline: async (input) => {
        await deadlineGate.pass();
        return a.resolveDeadline(input);
      },
      resolveOrganizations: async (ids) => {
        await directoryGate.pass();
        return a.resolveOrganizations(ids);
      },
    }),
  });
});
afterAll(async () => {
  await w?.stop();
  await env?.teardown();
});

async function start(input: CoordinationRequestInput) {
  // A short workflow task timeout: while a local activity is held, the worker heartbeats the task
  // at 80 % of it, and the next task brings the waiting updates in (1.6 s instead of 8 s).
  const handle = await env.client.workflow.start(coordinationWorkflow, {
    taskQueue: w.taskQueue,
    workflowId: workflowIdFor(input.id),
    args: [input],
    workflowTaskTimeout: '2s',
  });
  await handle.query(stateQuery);
  return handle;
}

/** The update's outcome: 'ok', or the reason it was refused (validator or handler). */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (!(err instanceof WorkflowUpdateFailedError)) throw err;
    return (err.cause as Error).message;
  }
}

/** Nothing but delivery records after COMPLETED; seq 1..n in order. */
function expectOrderly(timeline: TimelineEvent[]): void {
  expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
  const done = timeline.findIndex((e) => e.kind === 'COMPLETED');
  if (done >= 0) expect(timeline.slice(done + 1).filter((e) => !e.kind.startsWith('NOTIFICATION_'))).toEqual([]);
}

const oneStep = (deadline: CoordinationRequestInput['steps'][0]['deadline'] = { kind: 'DURATION', duration: 'P3D' }) =>
  requestInput({ steps: [{ participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'], policy: { type: 'ALL' }, deadline }] });

test('while the next step is being set up: its participant cannot answer yet, a cancel wins, nothing is activated or sent after COMPLETED', async () => {
  const input = requestInput({
    steps: [
      { participants: ['pemkab-sumbawa'], policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P3D' } },
      { participants: ['kpu-ntb'], policy: { type: 'ALL' }, deadline: { kind: 'WORKING_DAYS', days: 3 } },
    ],
  });
  const handle = await start(input);
  deadlineGate.arm();
  const approve = outcome(handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] }));
  await deadlineGate.entered; // step 2's working-day deadline is being computed
  const early = await outcome(handle.executeUpdate(respondUpdate, { args: [{ actor: actor('kpu-ntb'), organization: 'kpu-ntb', decision: 'APPROVE' }] }));
  const cancel = await outcome(handle.startUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa'), reason: 'batal' }], waitForStage: WorkflowUpdateStage.ACCEPTED }));
  deadlineGate.release();

  expect(early).toMatch(/kpu-ntb has a seat in step 2, not in the active step 1/);
  expect(cancel).toBe('ok');
  expect(await approve).toMatch(/request is closed \(CANCELLED\)/);
  const final = await handle.result();
  expect(final.status).toBe('CANCELLED');
  expect(final.steps.map((s) => s.status)).toEqual(['CLOSED', 'CLOSED']);
  const timeline = await handle.query(timelineQuery);
  expectOrderly(timeline);
  expect(timeline.filter((e) => e.kind === 'STEP_ACTIVATED')).toHaveLength(1);
  expect(w.calls.filter((c) => c.message.request.id === input.id && c.message.kind === 'REQUEST_CREATED' && c.message.request.step === 1)).toEqual([]);
});

test('an approval that activates the next step is applied in full: deadline, timeline and mail at once', async () => {
  const input = requestInput({
    steps: [
      { participants: ['pemkab-sumbawa'], policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P3D' } },
      { participants: ['kpu-ntb'], policy: { type: 'ALL' }, deadline: { kind: 'WORKING_DAYS', days: 3 } },
    ],
  });
  const handle = await start(input);
  deadlineGate.arm();
  const approve = handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
  await deadlineGate.entered;
  // Read while the deadline is computed: the request as it was, never a step without a deadline.
  const during = await handle.query(stateQuery);
  expect(during.currentStep).toBe(0);
  expect(during.steps[1].status).toBe('WAITING');
  deadlineGate.release();
  const after = await approve;
  expect(after.currentStep).toBe(1);
  expect(after.steps[1]).toMatchObject({ status: 'ACTIVE', deadline: expect.any(String) });
  await handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa'), reason: 'test done' }] });
  await handle.result();
  expectOrderly(await handle.query(timelineQuery));
});

test('a second extension during the first: the later deadline stands, the earlier one is refused, one DEADLINE_EXTENDED', async () => {
  const handle = await start(oneStep());
  deadlineGate.arm();
  const first = outcome(handle.executeUpdate(extendDeadlineUpdate, { args: [{ actor: actor('kpu-sumbawa'), deadline: { kind: 'WORKING_DAYS', days: 5 } }] }));
  await deadlineGate.entered;
  const second = await outcome(handle.executeUpdate(extendDeadlineUpdate, { args: [{ actor: actor('kpu-sumbawa'), deadline: { kind: 'DURATION', duration: 'P30D' } }] }));
  deadlineGate.release();

  expect(second).toBe('ok');
  expect(await first).toMatch(/must be after the current one|is not after the current one/);
  const state = await handle.query(stateQuery);
  const timeline = await handle.query(timelineQuery);
  const extended = timeline.filter((e) => e.kind === 'DEADLINE_EXTENDED');
  expect(extended).toHaveLength(1);
  expect(state.steps[0].deadline).toBe((extended[0].data as { to: string }).to);
  expect(state.steps[0].deadlineSpec).toEqual({ kind: 'DURATION', duration: 'P30D' });
  await handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa'), reason: 'test done' }] });
  await handle.result();
  expectOrderly(await handle.query(timelineQuery));
});

test('a cancel during an extension: the extension is refused, no DEADLINE_EXTENDED after CANCELLED, no extension mail', async () => {
  const input = oneStep();
  const handle = await start(input);
  deadlineGate.arm();
  const extend = outcome(handle.executeUpdate(extendDeadlineUpdate, { args: [{ actor: actor('kpu-sumbawa'), deadline: { kind: 'WORKING_DAYS', days: 5 } }] }));
  await deadlineGate.entered;
  const cancel = await outcome(handle.startUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa'), reason: 'batal' }], waitForStage: WorkflowUpdateStage.ACCEPTED }));
  deadlineGate.release();

  expect(cancel).toBe('ok');
  expect(await extend).toMatch(/request is closed \(CANCELLED\)/);
  await handle.result();
  const timeline = await handle.query(timelineQuery);
  expectOrderly(timeline);
  expect(timeline.some((e) => e.kind === 'DEADLINE_EXTENDED')).toBe(false);
  expect(w.calls.filter((c) => c.message.request.id === input.id && c.message.kind === 'DEADLINE_EXTENDED')).toEqual([]);
});

test('a delegation waiting on the directory while the holder answers: refused with a reason, the answer stands', async () => {
  const handle = await start(oneStep());
  directoryGate.arm();
  const move = outcome(handle.executeUpdate(delegateUpdate, { args: [{ actor: actor('pemkab-sumbawa'), from: 'pemkab-sumbawa', to: 'dkpp' }] }));
  await directoryGate.entered;
  const answer = await outcome(handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] }));
  directoryGate.release();

  expect(answer).toBe('ok');
  expect(await move).toMatch(/already decided \(APPROVED\)/);
  const state = await handle.query(stateQuery);
  expect(state.steps[0].participants[0]).toMatchObject({ org: 'pemkab-sumbawa', status: 'APPROVED' });
  await handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa'), reason: 'test done' }] });
  await handle.result();
  expectOrderly(await handle.query(timelineQuery));
});
