/**
 * One occurrence of a coordination schedule on the time-skipping server (which has no Schedules:
 * the occurrence workflow is started as a Schedule starts it, its nominal time in the id suffix).
 * A schedule that skips holidays has its occurrence check its own local date against the worker's
 * calendar: a cuti bersama day the operator added after the schedule was planned (not on its skip
 * list) starts no request, while a working day does, and a schedule that does not skip holidays
 * starts its request on a holiday too.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { scheduledRequestWorkflow } from '../../workflows';
import { readyUpdate, workflowIdFor } from '../../workflows/messages';
import { occurrenceWorkflowIdFor } from '../../src/domain/occurrence';
import { timeSkippingEnv } from '../support/temporalEnv';
import { requestInput, startWorker, testConfig } from '../support/workflowHarness';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

const SCHEDULE = 'sc-0123456789abcdef0123456789abcdef';
const { id: _unused, createdBy, ...template } = requestInput();
void _unused;

let runs = 0;
/** Runs the occurrence of `scheduledAt` (ISO, whole seconds) and returns what it started. */
async function occurrence(taskQueue: string, scheduledAt: string, skipHolidaysIn?: string): Promise<string | null> {
  // As a Schedule names it: the nominal time last (a counter before it keeps each run apart).
  const workflowId = `${occurrenceWorkflowIdFor(SCHEDULE)}-${++runs}-${scheduledAt.replace('.000Z', 'Z')}`;
  return env.client.workflow.execute(scheduledRequestWorkflow, { taskQueue, workflowId, args: [{ scheduleId: SCHEDULE, template, createdBy, ...(skipHolidaysIn ? { skipHolidaysIn } : {}) }] });
}

test('a day made cuti bersama after the schedule was planned starts no request; a working day does', async () => {
  // Monday 2 March 2026 is an ordinary working day in the public calendar; the operator declares
  // it cuti bersama. 09:00 WITA is 01:00 UTC.
  const w = await startWorker(env, { config: testConfig({ CUTI_BERSAMA: '2026-03-02' }) });
  try {
    expect(await occurrence(w.taskQueue, '2026-03-02T01:00:00.000Z', 'Asia/Makassar')).toBeNull();
    // New Year's Day: a public holiday, skipped the same way.
    expect(await occurrence(w.taskQueue, '2026-01-01T01:00:00.000Z', 'Asia/Makassar')).toBeNull();

    const started = await occurrence(w.taskQueue, '2026-03-03T01:00:00.000Z', 'Asia/Makassar');
    expect(started).toMatch(/^rq-[0-9a-f]{32}$/);
    const state = await env.client.workflow.getHandle(workflowIdFor(started!)).executeUpdate(readyUpdate);
    expect(state.schedule).toEqual({ id: SCHEDULE, scheduledAt: '2026-03-03T01:00:00.000Z' });
  } finally {
    await w.stop();
  }
});

test('the local date counts: 23:30 WIB on the eve of a holiday is still a working day in Jakarta', async () => {
  const w = await startWorker(env, { config: testConfig({ CUTI_BERSAMA: '2026-03-02' }) });
  try {
    // 1 March 16:30 UTC is 23:30 WIB on Sunday 1 March (a weekend, not skipped) but 00:30 WIT on
    // 2 March in Jayapura (the cuti bersama day).
    expect(await occurrence(w.taskQueue, '2026-03-01T16:30:00.000Z', 'Asia/Jakarta')).toMatch(/^rq-/);
    expect(await occurrence(w.taskQueue, '2026-03-01T16:30:00.000Z', 'Asia/Jayapura')).toBeNull();
  } finally {
    await w.stop();
  }
});

test('a schedule that does not skip holidays starts its request on a holiday too', async () => {
  const w = await startWorker(env, { config: testConfig({ CUTI_BERSAMA: '2026-03-02' }) });
  try {
    expect(await occurrence(w.taskQueue, '2026-03-02T01:00:00.000Z')).toMatch(/^rq-[0-9a-f]{32}$/);
  } finally {
    await w.stop();
  }
});
