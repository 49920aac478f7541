/**
 * The records store never gets a half-made request: the recorder's first write waits until the
 * request is set up (organizations resolved, first step active, its deadline computed by a local
 * activity), and it already carries the set-up events.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { defaultPayloadConverter } from '@temporalio/common';
import { coordinationWorkflow } from '../../workflows';
import { cancelUpdate, readyUpdate, workflowIdFor } from '../../workflows/messages';
import type { RecordInput } from '../../activities/types';
import { readRecord } from '../../src/records/reader';
import { timeSkippingEnv } from '../support/temporalEnv';
import { actor, eventually, requestInput, startWorker } from '../support/workflowHarness';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

test('the first record write shows the request as set up, never the state before its first step is active', async () => {
  const w = await startWorker(env);
  try {
    const input = requestInput({
      steps: [{ participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'], policy: { type: 'ALL' }, deadline: { kind: 'WORKING_DAYS', days: 3 } }],
    });
    const handle = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
    await handle.executeUpdate(readyUpdate);
    await eventually(async () => expect(await readRecord(w.records, input.id)).not.toBeNull(), 30_000);
    const history = await handle.fetchHistory();
    const writes = (history.events ?? [])
      .map((e) => e.activityTaskScheduledEventAttributes)
      .filter((a) => a?.activityType?.name === 'recordRequest')
      .map((a) => defaultPayloadConverter.fromPayload<RecordInput>(a!.input!.payloads![0]));
    expect(writes.length).toBeGreaterThan(0);
    const first = writes[0];
    expect(first.state.steps[0]).toMatchObject({ status: 'ACTIVE' });
    expect(first.state.steps[0].deadline).not.toBeNull();
    expect(first.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['CREATED', 'STEP_ACTIVATED']));
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa'), reason: 'test done' }] });
    await handle.result();
  } finally {
    await w.stop();
  }
});
