/**
 * Reminders and escalation over simulated days on the time-skipping test server: reminders at the
 * right instants, only to the silent, escalation to the right organizations, nothing after a
 * decision.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { coordinationWorkflow } from '../../workflows';
import { cancelUpdate, respondUpdate, stateQuery, timelineQuery, workflowIdFor } from '../../workflows/messages';
import { timeSkippingEnv } from '../support/temporalEnv';
import { actor, eventually, requestInput, startWorker } from '../support/workflowHarness';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

test('two-step request: reminders only to the silent, escalation to parents, nothing after decisions', async () => {
  const w = await startWorker(env);
  try {
    const input = requestInput({
      steps: [
        {
          name: 'Persetujuan',
          participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'],
          policy: { type: 'ALL' },
          deadline: { kind: 'DURATION', duration: 'P3D' },
          reminders: { before: ['P2D', 'P1D'], atDeadline: true, repeatEvery: 'P1D', escalateAfter: 'PT36H' },
        },
        {
          name: 'Pengesahan',
          participants: ['kpu-ntb'],
          policy: { type: 'ANY' },
          deadline: { kind: 'DURATION', duration: 'P2D' },
          reminders: { before: ['P1D'], atDeadline: true, repeatEvery: null, escalateAfter: null },
        },
      ],
    });
    const handle = await env.client.workflow.start(coordinationWorkflow, {
      taskQueue: w.taskQueue,
      workflowId: workflowIdFor(input.id),
      args: [input],
    });
    const created = await handle.query(stateQuery);
    const t0 = Date.parse(created.steps[0].activatedAt!);
    expect(created.steps[0].deadline).toBe(new Date(t0 + 3 * DAY).toISOString());

    // Day 1.5: pemkab approves after the H-2 reminder went to both.
    await env.sleep(1.5 * DAY);
    await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
    // Day 4.9: bawaslu finally approves, after H-1, H, H+1 and the escalation at deadline + 36h,
    // before H+2 at day 5.
    await env.sleep(3.4 * DAY);
    const afterStep1 = await handle.executeUpdate(respondUpdate, {
      args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'APPROVE' }],
    });
    expect(afterStep1.currentStep).toBe(1);
    expect(afterStep1.steps[0].status).toBe('APPROVED');
    // Step 2 approved at once; then several days pass with nothing sent.
    await handle.executeUpdate(respondUpdate, { args: [{ actor: actor('kpu-ntb'), organization: 'kpu-ntb', decision: 'APPROVE' }] });
    const final = await handle.result();
    expect(final.status).toBe('APPROVED');

    const timeline = await handle.query(timelineQuery);
    const reminders = timeline
      .filter((e) => e.kind === 'REMINDER_SENT' || e.kind === 'ESCALATED')
      .map((e) => ({ kind: e.kind, offsetH: Math.round((Date.parse(e.at) - t0) / 60_000) / 60, data: e.data }));
    expect(reminders).toEqual([
      { kind: 'REMINDER_SENT', offsetH: 24, data: expect.objectContaining({ label: 'H-2', recipients: ['pemkab-sumbawa', 'bawaslu-sumbawa'] }) },
      { kind: 'REMINDER_SENT', offsetH: 48, data: expect.objectContaining({ label: 'H-1', recipients: ['bawaslu-sumbawa'] }) },
      { kind: 'REMINDER_SENT', offsetH: 72, data: expect.objectContaining({ label: 'H', recipients: ['bawaslu-sumbawa'] }) },
      { kind: 'REMINDER_SENT', offsetH: 96, data: expect.objectContaining({ label: 'H+1', recipients: ['bawaslu-sumbawa'] }) },
      {
        kind: 'ESCALATED',
        offsetH: 108,
        data: expect.objectContaining({ recipients: expect.arrayContaining(['bawaslu-ntb', 'kpu-ntb']), silent: ['bawaslu-sumbawa'] }),
      },
    ]);
    expect((reminders[4].data as { recipients: string[] }).recipients).toHaveLength(2);
    // The overdue flag was raised at the deadline.
    expect(Math.round((Date.parse(timeline.find((e) => e.kind === 'OVERDUE')!.at) - t0) / 60_000)).toBe(3 * 24 * 60);

    // Notifications as delivered: reminder kinds and recipients, on the organizations' email.
    const reminderCalls = w.calls.filter((c) => c.message.kind.startsWith('REMINDER') || c.message.kind === 'ESCALATION');
    const byKey = new Map<string, Set<string>>();
    for (const c of reminderCalls) (byKey.get(c.message.idempotencyKey) ?? byKey.set(c.message.idempotencyKey, new Set()).get(c.message.idempotencyKey)!).add(c.channel);
    expect([...byKey.values()].every((ch) => ch.size === 1 && ch.has('email'))).toBe(true);
    const recipientsByKind = reminderCalls
      .filter((c) => c.channel === 'email')
      .map((c) => `${c.message.kind}:${c.message.reminderLabel ?? ''}:${c.message.recipient}`)
      .sort();
    expect(recipientsByKind).toEqual(
      [
        'REMINDER_BEFORE:H-2:pemkab-sumbawa',
        'REMINDER_BEFORE:H-2:bawaslu-sumbawa',
        'REMINDER_BEFORE:H-1:bawaslu-sumbawa',
        'REMINDER_DUE:H:bawaslu-sumbawa',
        'REMINDER_OVERDUE:H+1:bawaslu-sumbawa',
        'ESCALATION::bawaslu-ntb',
        'ESCALATION::kpu-ntb',
      ].sort(),
    );
    // Idempotency keys are distinct per occasion and recipient.
    const keys = reminderCalls.filter((c) => c.channel === 'email').map((c) => c.message.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    // Delivery outcomes are in the timeline.
    expect(timeline.filter((e) => e.kind === 'NOTIFICATION_DELIVERED').length).toBeGreaterThanOrEqual(6);
    expect(timeline.some((e) => e.kind === 'NOTIFICATION_FAILED')).toBe(false);
    // Step 2's participant got the new-request notice; tembusan got the outcome.
    expect(w.calls.some((c) => c.message.kind === 'REQUEST_CREATED' && c.message.recipient === 'kpu-ntb' && c.message.request.step === 1)).toBe(true);
    expect(w.calls.some((c) => c.message.kind === 'OUTCOME_APPROVED' && c.message.recipient === 'kpu-sumbawa')).toBe(true);
  } finally {
    await w.stop();
  }
});

test('working hours: a reminder due in the evening waits for 08:00 in each recipient zone', async () => {
  const w = await startWorker(env);
  try {
    // Deadline 3 days away at a fixed wall time: 18:30 WITA (10:30Z), outside working hours.
    // The server's clock, not ours: earlier tests skipped it days ahead.
    const now = await env.currentTimeMs();
    const target = new Date(now + 3 * DAY);
    target.setUTCHours(10, 30, 0, 0);
    const input = requestInput({
      workingHours: true,
      steps: [
        {
          participants: ['pemkab-sumbawa', 'dkpp'], // WITA and WIB
          policy: { type: 'ALL' },
          deadline: { kind: 'AT', at: target.toISOString() },
          reminders: { before: [], atDeadline: true, repeatEvery: null, escalateAfter: null },
        },
      ],
    });
    const handle = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
    const wita = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Makassar', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' }).format(new Date(ms));
    // Before it comes, the request shows when the reminder will really go out: 08:00 WITA of the
    // next working day (the earlier of the two zones), not the nominal 18:30.
    const ahead = await eventually(async () => {
      const s = await handle.query(stateQuery);
      expect(s.nextReminderAt).not.toBeNull();
      expect(Date.parse(s.nextReminderAt!)).not.toBe(target.getTime());
      return Date.parse(s.nextReminderAt!);
    });
    expect(wita(ahead)).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 08:00$/);
    expect(ahead).toBeGreaterThan(target.getTime());
    await env.sleep(10 * DAY);
    const timeline = await handle.query(timelineQuery);
    // One occasion, one REMINDER_SENT, whatever zones its recipients are in.
    const sent = timeline.filter((e) => e.kind === 'REMINDER_SENT');
    expect(sent).toHaveLength(1);
    const data = sent[0].data as { recipients: string[]; deliveries: Array<{ timeZone: string; at: string }> };
    expect([...data.recipients].sort()).toEqual(['dkpp', 'pemkab-sumbawa']);
    expect(Math.abs(Date.parse(sent[0].at) - ahead)).toBeLessThan(1000);
    // Each zone's mail went at 08:00 local: 08:00 WITA comes an hour before 08:00 WIB.
    const at = Object.fromEntries(data.deliveries.map((d) => [d.timeZone, Date.parse(d.at)]));
    for (const [zone, ms] of Object.entries(at)) {
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' }).format(new Date(ms));
      expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 08:00$/);
    }
    // (to the minute: time skipping lands timers a few ms off the exact instant)
    expect(Math.round(((at['Asia/Jakarta'] - at['Asia/Makassar']) % DAY) / 60_000)).toBe(60);
    const mails = w.calls.filter((c) => c.message.request.id === input.id && c.message.kind === 'REMINDER_DUE' && c.channel === 'email').map((c) => c.message.recipient);
    expect(mails.sort()).toEqual(['dkpp', 'pemkab-sumbawa']);
    // Close cleanly (a terminated run can leave a pending activity that stops time skipping).
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa'), reason: 'test done' }] });
    await handle.result();
  } finally {
    await w.stop();
  }
});
