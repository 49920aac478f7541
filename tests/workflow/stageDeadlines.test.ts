/**
 * STAGE deadlines on the time-skipping test server: a step's deadline resolved from the election
 * schedule file, then the file revised (KPU moved the stage) and the request asked to resolve it
 * again: the deadline and the undecided seat's reminders move, the timeline says so, only the
 * undecided participant is told; asking again changes nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createWorkingCalendar, toLocal } from '../../src/domain/calendar';
import { coordinationWorkflow } from '../../workflows';
import { cancelUpdate, readyUpdate, reresolveStageUpdate, respondUpdate, stateQuery, timelineQuery, workflowIdFor } from '../../workflows/messages';
import { timeSkippingEnv } from '../support/temporalEnv';
import { actor, eventually, requestInput, startWorker, testConfig } from '../support/workflowHarness';

const DAY = 24 * 3600_000;
const WITA = 'Asia/Makassar';
const calendar = createWorkingCalendar({ jointLeaveDays: [], workStart: '08:00', workEnd: '16:00' });
const iso = (ms: number) => new Date(ms).toISOString();

let env: TestWorkflowEnvironment;
let dir: string;
beforeAll(async () => {
  env = await timeSkippingEnv();
  dir = mkdtempSync(path.join(tmpdir(), 'stages-'));
});
afterAll(async () => {
  await env?.teardown();
  rmSync(dir, { recursive: true, force: true });
});

const writeStages = (file: string, date: string) =>
  writeFileSync(file, JSON.stringify({ stages: [{ id: 'penetapan-dpt', name: 'Penetapan DPT', date }, { id: 'pemungutan-suara', name: 'Pemungutan suara', date: '2027-08-25' }] }));

test('a STAGE deadline follows the revised election schedule: deadline and reminders move, the undecided are told', async () => {
  const file = path.join(dir, 'stages-move.json');
  const now = await env.currentTimeMs();
  const firstDate = toLocal(now + 20 * DAY, WITA).date;
  const movedDate = toLocal(now + 34 * DAY, WITA).date;
  writeStages(file, firstDate);
  const w = await startWorker(env, { config: testConfig({ STAGES_PATH: file }) });
  try {
    const input = requestInput({
      steps: [
        {
          participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'],
          policy: { type: 'ALL' },
          deadline: { kind: 'STAGE', stage: 'penetapan-dpt', offsetWorkingDays: -5 },
          reminders: { before: ['P2D'], atDeadline: false, repeatEvery: null, escalateAfter: null },
        },
      ],
    });
    const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
    const created = await h.executeUpdate(readyUpdate);
    // Five working days before the stage, at the close of the requester's (WITA) working day.
    const first = calendar.closeOfWorkingDayFrom(firstDate, -5, WITA);
    expect(created.steps[0].deadline).toBe(iso(first));
    expect(created.nextReminderAt).toBe(iso(first - 2 * DAY));
    await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });

    // KPU moves the stage two weeks later; the running request keeps its answer until asked.
    writeStages(file, movedDate);
    expect((await h.query(stateQuery)).steps[0].deadline).toBe(iso(first));
    const admin = actor('kpu-ri', 'admin-1', ['staff', 'admin']);
    const result = await h.executeUpdate(reresolveStageUpdate, { args: [{ actor: admin, stage: 'penetapan-dpt' }] });
    const moved = calendar.closeOfWorkingDayFrom(movedDate, -5, WITA);
    expect(result).toEqual({ outcome: 'CHANGED', from: iso(first), to: iso(moved) });
    const after = await h.query(stateQuery);
    expect(after.steps[0].deadline).toBe(iso(moved));
    expect(after.nextReminderAt).toBe(iso(moved - 2 * DAY));
    const event = (await h.query(timelineQuery)).find((e) => e.kind === 'STAGE_DEADLINE_MOVED');
    expect(event).toMatchObject({ actor: { sub: 'admin-1', org: 'kpu-ri' }, step: 0, data: { stage: 'penetapan-dpt', stageDate: movedDate, from: iso(first), to: iso(moved) } });
    // Only the participant that has not decided is told, with the stage and the old deadline.
    const told = await eventually(() => {
      const calls = w.calls.filter((c) => c.message.request.id === input.id && c.message.kind === 'STAGE_DEADLINE_MOVED');
      expect(calls.length).toBeGreaterThan(0);
      return calls;
    });
    expect([...new Set(told.map((c) => c.message.recipient))]).toEqual(['bawaslu-sumbawa']);
    expect(told[0].message.stage).toEqual({ id: 'penetapan-dpt', date: movedDate, previousDeadline: iso(first) });
    expect(told[0].message.request.deadline).toBe(iso(moved));

    // Asking again with the same schedule changes nothing; a non-admin is refused by the validator.
    expect(await h.executeUpdate(reresolveStageUpdate, { args: [{ actor: admin, stage: 'penetapan-dpt' }] })).toMatchObject({ outcome: 'UNCHANGED' });
    expect(await h.executeUpdate(reresolveStageUpdate, { args: [{ actor: admin, stage: 'pemungutan-suara' }] })).toMatchObject({ outcome: 'UNCHANGED', reason: expect.stringMatching(/does not use/) });
    await expect(h.executeUpdate(reresolveStageUpdate, { args: [{ actor: actor('kpu-sumbawa'), stage: 'penetapan-dpt' }] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);

    // The old H-2 passes in silence; the new one reminds bawaslu only.
    const reminders = () => w.calls.filter((c) => c.message.request.id === input.id && c.message.kind === 'REMINDER_BEFORE');
    await env.sleep(first - 2 * DAY - (await env.currentTimeMs()) + DAY);
    expect(reminders()).toEqual([]);
    await env.sleep(moved - 2 * DAY - (await env.currentTimeMs()) + 3600_000);
    const sent = await eventually(() => {
      expect(reminders().length).toBeGreaterThan(0);
      return reminders();
    });
    expect([...new Set(sent.map((c) => c.message.recipient))]).toEqual(['bawaslu-sumbawa']);
    const reminded = (await h.query(timelineQuery)).filter((e) => e.kind === 'REMINDER_SENT');
    expect(reminded.map((e) => Date.parse(e.at))).toEqual([expect.any(Number)]);
    expect(Date.parse(reminded[0].at)).toBeGreaterThanOrEqual(moved - 2 * DAY);
    await h.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa') }] });
    await h.result();
  } finally {
    await w.stop();
  }
});

test('a later step using the stage is left alone by re-resolve and reads the revised schedule when it starts', async () => {
  const file = path.join(dir, 'stages-later.json');
  const now = await env.currentTimeMs();
  const stageDate = toLocal(now + 30 * DAY, WITA).date;
  writeStages(file, stageDate);
  const w = await startWorker(env, { config: testConfig({ STAGES_PATH: file }) });
  try {
    const input = requestInput({
      steps: [
        { participants: ['pemkab-sumbawa'], policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P3D' } },
        { participants: ['bawaslu-sumbawa'], policy: { type: 'ALL' }, deadline: { kind: 'STAGE', stage: 'penetapan-dpt', offsetWorkingDays: 0 } },
      ],
    });
    const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
    await h.executeUpdate(readyUpdate);
    const admin = actor('kpu-ri', 'admin-1', ['staff', 'admin']);
    expect(await h.executeUpdate(reresolveStageUpdate, { args: [{ actor: admin, stage: 'penetapan-dpt' }] })).toMatchObject({ outcome: 'UNCHANGED', reason: expect.stringMatching(/later step/) });
    // The schedule is revised before step 2 starts: it starts with the new date.
    const revised = toLocal(now + 40 * DAY, WITA).date;
    writeStages(file, revised);
    const state = await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
    expect(state.currentStep).toBe(1);
    expect(state.steps[1].deadline).toBe(iso(calendar.closeOfWorkingDayFrom(revised, 0, WITA)));
    await h.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa') }] });
    await h.result();
  } finally {
    await w.stop();
  }
});
