/**
 * Approval with conditions on the time-skipping server: the approval counts at once, the request
 * is APPROVED with its conditions open and its workflow keeps running (no reminders, no other
 * action) until the requester marks the last one met; the approving organization is told each
 * time; the records store and its list filter follow. A request that ends otherwise owes nothing.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { coordinationWorkflow } from '../../workflows';
import { cancelUpdate, markConditionMetUpdate, readyUpdate, respondUpdate, stateQuery, timelineQuery, workflowIdFor } from '../../workflows/messages';
import { listRecords } from '../../src/records/list';
import { readRecord } from '../../src/records/reader';
import { timeSkippingEnv } from '../support/temporalEnv';
import { actor, eventually, requestInput, startWorker } from '../support/workflowHarness';

const DAY = 24 * 3600_000;

/** The reason a validator gave for refusing an update. */
async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected a refused update, got ${String(err)}`);
  return (err.cause as Error).message;
}

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

test('approved with conditions: the workflow waits, APPROVED, until the requester marks the last one met', async () => {
  const w = await startWorker(env);
  try {
    const input = requestInput();
    const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
    await h.executeUpdate(readyUpdate);
    const conditions = ['Sertakan surat kuasa pengguna barang', 'Gudang dikosongkan setelah pemungutan suara'];
    await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE', conditions }] });
    const approved = await h.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'APPROVE' }] });
    expect(approved.status).toBe('APPROVED');
    expect(approved.closedAt).not.toBeNull();
    expect(approved.conditions).toEqual([
      expect.objectContaining({ id: 'c1', step: 0, org: 'pemkab-sumbawa', text: conditions[0], status: 'OPEN', setBy: 'user-pemkab-sumbawa' }),
      expect.objectContaining({ id: 'c2', step: 0, org: 'pemkab-sumbawa', text: conditions[1], status: 'OPEN' }),
    ]);

    // Days pass: still running, nothing reminded, nothing else allowed.
    await env.sleep(5 * DAY);
    expect((await h.describe()).status.name).toBe('RUNNING');
    expect(await refusal(h.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa') }] }))).toMatch(/closed \(APPROVED\)/);
    expect(await refusal(h.executeUpdate(markConditionMetUpdate, { args: [{ actor: actor('pemkab-sumbawa'), conditionId: 'c1', comment: 'saya sendiri' }] }))).toMatch(/only the requester/);
    expect(await refusal(h.executeUpdate(markConditionMetUpdate, { args: [{ actor: actor('kpu-sumbawa'), conditionId: 'c9', comment: 'x' }] }))).toMatch(/no condition c9/);
    expect(await refusal(h.executeUpdate(markConditionMetUpdate, { args: [{ actor: actor('kpu-sumbawa'), conditionId: 'c1', comment: '  ' }] }))).toMatch(/needs a comment/);

    // The store lists it among those with open conditions.
    await eventually(async () => {
      const page = await listRecords(w.records, { filters: { openConditions: true }, scope: null, sort: 'created', pageSize: 10 });
      expect(page.items.map((i) => [i.id, i.status, i.openConditions])).toEqual([[input.id, 'APPROVED', 2]]);
    }, 30_000);

    const one = await h.executeUpdate(markConditionMetUpdate, { args: [{ actor: actor('kpu-sumbawa', 'alice'), conditionId: 'c1', comment: 'Surat kuasa dikirim' }] });
    expect(one.conditions![0]).toMatchObject({ status: 'MET', metBy: { sub: 'alice', org: 'kpu-sumbawa' }, metComment: 'Surat kuasa dikirim' });
    expect(await refusal(h.executeUpdate(markConditionMetUpdate, { args: [{ actor: actor('kpu-sumbawa'), conditionId: 'c1', comment: 'lagi' }] }))).toMatch(/already met/);
    expect((await h.describe()).status.name).toBe('RUNNING');
    // An admin may mark one met too; the last one completes the workflow.
    await h.executeUpdate(markConditionMetUpdate, { args: [{ actor: actor('dkpp', 'root', ['staff', 'admin']), conditionId: 'c2', comment: 'Sudah disepakati' }] });
    const final = await h.result();
    expect(final.status).toBe('APPROVED');
    expect(final.closedAt).toBe(approved.closedAt);

    const timeline = await h.query(timelineQuery);
    const kinds = timeline.filter((e) => !e.kind.startsWith('NOTIFICATION_')).map((e) => e.kind);
    expect(kinds.slice(-7)).toEqual(['APPROVED', 'CONDITIONS_SET', 'APPROVED', 'STEP_APPROVED', 'COMPLETED', 'CONDITION_MET', 'CONDITION_MET']);
    expect(timeline.find((e) => e.kind === 'CONDITIONS_SET')).toMatchObject({ org: 'pemkab-sumbawa', data: { conditions: [{ id: 'c1', text: conditions[0] }, { id: 'c2', text: conditions[1] }] } });
    expect(timeline.filter((e) => e.kind === 'REMINDER_SENT')).toEqual([]);

    // The approving organization was told of each, with its own condition's text.
    await eventually(() => {
      const met = w.calls.filter((c) => c.message.kind === 'CONDITION_MET').map((c) => [c.message.recipient, c.message.condition?.text, c.message.comment]);
      expect(met).toEqual([
        ['pemkab-sumbawa', conditions[0], 'Surat kuasa dikirim'],
        ['pemkab-sumbawa', conditions[1], 'Sudah disepakati'],
      ]);
    });
    await eventually(async () => {
      const rec = await readRecord(w.records, input.id);
      expect(rec?.state.conditions?.map((c) => c.status)).toEqual(['MET', 'MET']);
      const page = await listRecords(w.records, { filters: { openConditions: false, status: ['APPROVED'] }, scope: null, sort: 'created', pageSize: 10 });
      expect(page.items.map((i) => [i.id, i.openConditions])).toEqual([[input.id, 0]]);
    }, 30_000);
  } finally {
    await w.stop();
  }
});

test('a request that ends otherwise owes nothing: rejected after a conditional approval, it completes at once', async () => {
  const w = await startWorker(env);
  try {
    const input = requestInput();
    const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
    await h.executeUpdate(readyUpdate);
    expect(await refusal(h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'REJECT', conditions: ['x'] }] }))).toMatch(/APPROVE\) only/);
    await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE', conditions: ['Sertakan denah'] }] });
    // Met early, while the request is still open: allowed.
    const early = await h.executeUpdate(markConditionMetUpdate, { args: [{ actor: actor('kpu-sumbawa'), conditionId: 'c1', comment: 'Denah terlampir' }] });
    expect(early.status).toBe('IN_PROGRESS');
    await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] }).catch(() => undefined);
    await h.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'REJECT', comment: 'Jadwal bentrok' }] });
    const final = await h.result();
    expect(final.status).toBe('REJECTED');

    const input2 = requestInput();
    const h2 = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input2.id), args: [input2] });
    await h2.executeUpdate(readyUpdate);
    await h2.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE', conditions: ['Sertakan denah'] }] });
    await h2.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'REJECT', comment: 'Jadwal bentrok' }] });
    const rejected = await h2.result();
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.conditions?.[0].status).toBe('OPEN');
    const state = await h2.query(stateQuery);
    expect(state.status).toBe('REJECTED');
  } finally {
    await w.stop();
  }
});
