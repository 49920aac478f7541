/**
 * A request open for a year with daily overdue reminders to 50 silent participants keeps working:
 * it rolls over with continue-as-new many times, its timeline stays whole and small enough to carry
 * (Temporal refuses payloads over 2 MB), and it can still be decided at the end.
 *
 * Measured on the shared 2-core machine (load ~5), `npx jest tests/workflow/longLived.test.ts`:
 * 365 days in 198 s (542 ms a simulated day), 14 rollovers, 736 timeline events (929 kB as read);
 * carried into the last run 191 kB; record writes ~1 a day (24-25 per ~24-day run, 156-164 kB of
 * inputs); history per run 1.2-1.6 MB. Before the compact timeline and coalesced writes: 120 days
 * carried 314 kB into their last run, 2 record writes a day, and a 365-day run did not finish
 * (expired workflow tasks; the carried payload passed 1.4 MB).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { coordinationWorkflow } from '../../workflows';
import { respondUpdate, stateQuery, timelineQuery, workflowIdFor } from '../../workflows/messages';
import { Directory } from '../../src/directory/directory';
import type { Organization, TimelineEvent } from '../../src/domain/types';
import { timeSkippingEnv } from '../support/temporalEnv';
import { actor, directory as sampleDirectory, eventually, requestInput, startWorker } from '../support/workflowHarness';

const DAY = 24 * 3600_000;
const PARTICIPANTS = 50;
const DAYS = 365;
const WEEK_DAYS = 7;

/** The sample directory plus 50 regency governments under Pemprov NTB. */
function directoryWith50(): Directory {
  const extra: Organization[] = Array.from({ length: PARTICIPANTS }, (_, i) => ({
    id: `pemkab-uji-${String(i + 1).padStart(2, '0')}`,
    name: `Pemerintah Kabupaten Uji ${i + 1}`,
    kind: 'PEMDA',
    level: 'REGENCY',
    parentId: 'pemprov-ntb',
    timeZone: 'Asia/Makassar',
    language: 'id',
    contacts: { emails: [`kesbangpol@uji-${i + 1}.example`] },
  }));
  return new Directory([...sampleDirectory.organizations, ...extra]);
}

/** Per run of the continue-as-new chain: history length and size, what it was handed, what recording cost. */
async function chainFigures(workflowId: string, firstRunId: string) {
  const out: Array<{ events: number; bytes: number; carried: number; recordWrites: number; recordBytes: number; deliveries: number }> = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history: temporal.api.history.v1.IHistory = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events: temporal.api.history.v1.IHistoryEvent[] = history.events ?? [];
    const size = (p?: temporal.api.common.v1.IPayloads | null) => (p?.payloads ?? []).reduce((n, x) => n + (x.data?.length ?? 0), 0);
    const scheduled = events.map((e) => e.activityTaskScheduledEventAttributes).filter((a) => !!a);
    const records = scheduled.filter((a) => a.activityType?.name === 'recordRequest');
    out.push({
      events: events.length,
      bytes: temporal.api.history.v1.History.encode(history).finish().length,
      carried: size(events[0]?.workflowExecutionStartedEventAttributes?.input),
      recordWrites: records.length,
      recordBytes: records.reduce((n, a) => n + size(a.input), 0),
      deliveries: scheduled.filter((a) => a.activityType?.name === 'deliverNotification').length,
    });
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return out;
}

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

test(`${DAYS} days of daily overdue reminders to 50 participants: rollovers, whole timeline, small carry, still decidable`, async () => {
  const dir = directoryWith50();
  const w = await startWorker(env, { directory: dir });
  try {
    const participants = dir.organizations.filter((o) => o.id.startsWith('pemkab-uji-')).map((o) => o.id);
    const input = requestInput({
      tembusan: [],
      steps: [
        {
          participants,
          policy: { type: 'ALL' },
          deadline: { kind: 'DURATION', duration: 'P1D' },
          reminders: { before: [], atDeadline: true, repeatEvery: 'P1D', escalateAfter: 'P1D' },
        },
      ],
    });
    // A workflow task that outlasts its timeout on the skipped clock (a busy shared machine) would
    // expire; runs continued-as-new inherit this longer timeout.
    const handle = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input], workflowTaskTimeout: '1 minute' });
    await handle.query(stateQuery);
    // A week at a time: the time-skipping server also skips ahead while the worker is busy, so on a
    // busy machine a whole year at once outruns the workflow (days pass within one task, their
    // reminders collapse). Each week's reminders are awaited before the next week.
    const timeline: TimelineEvent[] = [];
    const pull = async () => timeline.push(...(await handle.query(timelineQuery, timeline.at(-1)?.seq ?? 0)));
    const remindersSoFar = () => timeline.filter((e) => e.kind === 'REMINDER_SENT').length;
    const t0 = Date.now();
    for (let day = 0; day < DAYS; ) {
      const step = Math.min(WEEK_DAYS, DAYS - day);
      await env.sleep(step * DAY);
      day += step;
      await eventually(async () => {
        await pull();
        expect(remindersSoFar()).toBeGreaterThanOrEqual(day - 1);
      }, 120_000);
    }
    const sleptMs = Date.now() - t0;
    await pull();
    const state = await handle.query(stateQuery);
    expect(state.status).toBe('IN_PROGRESS');
    expect(state.steps[0].overdue).toBe(true);
    expect(state.generation).toBeGreaterThanOrEqual(10);
    // Every day's reminder went to all 50 (readers get the list written out), none skipped across rollovers.
    const reminders = timeline.filter((e) => e.kind === 'REMINDER_SENT');
    expect(reminders.length).toBeGreaterThanOrEqual(DAYS - 1);
    expect(reminders.every((e) => [...(e.data as { recipients: string[] }).recipients].sort().join() === [...participants].sort().join())).toBe(true);
    const outcomes = timeline.filter((e) => e.kind === 'NOTIFICATION_DELIVERED' && (e.data as { notification: string }).notification === 'REMINDER_OVERDUE');
    expect(outcomes.every((e) => Object.keys((e.data as { delivered: Record<string, string[]> }).delivered).length === PARTICIPANTS)).toBe(true);
    const labels = reminders.map((e) => (e.data as { label: string }).label);
    expect(labels.slice(0, 3)).toEqual(['H', 'H+1', 'H+2']);
    expect(new Set(labels).size).toBe(labels.length);
    expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
    const readableBytes = JSON.stringify(timeline).length;

    // Still decidable after a year.
    let last = state;
    for (const org of participants) {
      last = await handle.executeUpdate(respondUpdate, { args: [{ actor: actor(org), organization: org, decision: 'APPROVE' }] });
    }
    expect(last.status).toBe('APPROVED');

    const runs = await chainFigures(handle.workflowId, handle.firstExecutionRunId);
    console.log(
      `long-lived: ${DAYS} days in ${(sleptMs / 1000).toFixed(1)} s (${(sleptMs / DAYS).toFixed(0)} ms/day), ${state.generation} rollovers, ${timeline.length} timeline events (${(readableBytes / 1024).toFixed(0)} kB as read)\n` +
        runs.map((r, i) => `  run ${i + 1}: ${r.events} events, ${(r.bytes / 1024).toFixed(0)} kB history, carried in ${(r.carried / 1024).toFixed(0)} kB, record writes ${r.recordWrites} (${(r.recordBytes / 1024).toFixed(0)} kB), deliveries ${r.deliveries}`).join('\n'),
    );
    // What a rollover carries stays far inside Temporal's 2 MB payload limit, under even the SDK's
    // 512 kB warning: repeated recipient lists are carried once, not once a day.
    const carried = Math.max(...runs.map((r) => r.carried));
    expect(carried).toBeLessThan(512 * 1024);
    expect(carried).toBeLessThan(readableBytes / 2);
    // An occasion and its delivery outcome go to the records store in one write (at most ~1 a day
    // here, plus the rollovers' and the answers' own).
    const writes = runs.reduce((n, r) => n + r.recordWrites, 0);
    expect(writes).toBeLessThan(DAYS * 1.25 + participants.length + runs.length * 2);
  } finally {
    await w.stop();
  }
}, 1_500_000);
