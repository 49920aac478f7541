/**
 * The seat rules in the workflow itself (the API checks them first, but the workflow must hold
 * them on its own): no seat to the requester, nothing under the requester when the requester moves
 * a seat, a reason for such a move, and the holder's parent told. On the time-skipping server.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { coordinationWorkflow } from '../../workflows';
import { cancelUpdate, delegateUpdate, REJECTED_ACTION, stateQuery, timelineQuery, workflowIdFor } from '../../workflows/messages';
import type { CoordinationRequestInput, DelegateInput } from '../../src/domain/types';
import { timeSkippingEnv } from '../support/temporalEnv';
import { actor, eventually, requestInput, startWorker } from '../support/workflowHarness';

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

const NTB_STEP = [{ participants: ['pemprov-ntb', 'bawaslu-ntb'], policy: { type: 'ALL' as const }, deadline: { kind: 'DURATION' as const, duration: 'P3D' } }];
const fromNtb = () => requestInput({ requester: 'kpu-ntb', createdBy: actor('kpu-ntb'), tembusan: [], steps: NTB_STEP });
const fromRi = () => requestInput({ requester: 'kpu-ri', createdBy: actor('kpu-ri'), tembusan: [], steps: NTB_STEP });

async function start(input: CoordinationRequestInput) {
  const handle = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
  await handle.query(stateQuery);
  return handle;
}

async function refusal(handle: Awaited<ReturnType<typeof start>>, input: DelegateInput): Promise<string> {
  try {
    await handle.executeUpdate(delegateUpdate, { args: [input] });
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause as { type?: string; message: string };
    expect(cause.type).toBe(REJECTED_ACTION);
    return cause.message;
  }
  throw new Error('the delegation was accepted');
}

async function finish(handle: Awaited<ReturnType<typeof start>>, requester: string) {
  await handle.executeUpdate(cancelUpdate, { args: [{ actor: actor(requester), reason: 'test done' }] });
  await handle.result();
}

test.each([
  ['to the requester, by the requester', fromNtb, { actor: actor('kpu-ntb'), from: 'pemprov-ntb', to: 'kpu-ntb', comment: 'x' }, /never moves to the requester/],
  ['to the requester, by the holder', fromNtb, { actor: actor('pemprov-ntb'), from: 'pemprov-ntb', to: 'kpu-ntb' }, /never moves to the requester/],
  ['to the requester, by an admin', fromNtb, { actor: actor('dkpp', 'root', ['admin']), from: 'pemprov-ntb', to: 'kpu-ntb' }, /never moves to the requester/],
  ['by the requester without a reason', fromNtb, { actor: actor('kpu-ntb'), from: 'pemprov-ntb', to: 'pemkab-sumbawa' }, /needs a reason/],
  // kpu-sumbawa is not known to the run when the update arrives: the handler looks it up, then refuses.
  ['by the requester to its regency', fromNtb, { actor: actor('kpu-ntb'), from: 'bawaslu-ntb', to: 'kpu-sumbawa', comment: 'x' }, /under the requester/],
  ['by the national requester two levels down', fromRi, { actor: actor('kpu-ri'), from: 'bawaslu-ntb', to: 'kpu-sumbawa', comment: 'x' }, /under the requester/],
] as const)('refused: a seat moved %s', async (_name, make, input, reason) => {
  const input0 = make();
  const handle = await start(input0);
  expect(await refusal(handle, input)).toMatch(reason);
  const state = await handle.query(stateQuery);
  expect(state.steps[0].participants.map((p) => p.org)).toEqual(['pemprov-ntb', 'bawaslu-ntb']);
  expect((await handle.query(timelineQuery)).some((e) => e.kind === 'DELEGATED')).toBe(false);
  await finish(handle, input0.requester);
});

test('the requester moves a seat with a reason: the holder and its parent are told, the reason goes along', async () => {
  const input = fromNtb();
  const handle = await start(input);
  const state = await handle.executeUpdate(delegateUpdate, { args: [{ actor: actor('kpu-ntb'), from: 'bawaslu-ntb', to: 'pemkab-sumbawa', comment: 'Gudang milik pemkab' }] });
  expect(state.steps[0].participants[1]).toMatchObject({ org: 'pemkab-sumbawa', delegatedFrom: ['bawaslu-ntb'] });
  const told = await eventually(() => {
    const msgs = w.calls.filter((c) => c.message.request.id === input.id && c.message.kind === 'DELEGATED').map((c) => c.message);
    expect(new Set(msgs.map((m) => `${m.recipient}/${m.role}`))).toEqual(new Set(['pemkab-sumbawa/PARTICIPANT', 'bawaslu-ntb/PARTICIPANT', 'bawaslu-ri/SUPERVISOR']));
    return msgs;
  });
  expect(told.every((m) => m.comment === 'Gudang milik pemkab')).toBe(true);
  await finish(handle, 'kpu-ntb');
});

test('a holder keeps its freedom: its own seat may go under the requester, without a reason, and no supervisor is told', async () => {
  const input = fromRi();
  const handle = await start(input);
  const state = await handle.executeUpdate(delegateUpdate, { args: [{ actor: actor('pemprov-ntb'), from: 'pemprov-ntb', to: 'kpu-sumbawa' }] });
  expect(state.steps[0].participants[0]).toMatchObject({ org: 'kpu-sumbawa', delegatedFrom: ['pemprov-ntb'] });
  const msgs = await eventually(() => {
    const m = w.calls.filter((c) => c.message.request.id === input.id && c.message.kind === 'DELEGATED').map((c) => c.message);
    expect(m).toHaveLength(2);
    return m;
  });
  expect(new Set(msgs.map((m) => m.recipient))).toEqual(new Set(['kpu-sumbawa', 'pemprov-ntb']));
  await finish(handle, 'kpu-ri');
});
