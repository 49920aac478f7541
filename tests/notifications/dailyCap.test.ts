/**
 * The per-recipient daily cap (MAX_MAILS_PER_RECIPIENT_PER_DAY) against a real SMTP server on
 * loopback: a request reminding every second (made without the API, whose floor would refuse it)
 * reaches its participant with the first `max` mails of the day only; the rest are recorded as
 * `capped` in the records store and logged, never retried, and the request still closes. With the
 * records store unreachable, a due mail is sent unchecked (logged), not held back.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { coordinationWorkflow } from '../../workflows';
import { timelineQuery, workflowIdFor } from '../../workflows/messages';
import { closeMailTransports, createNotificationActivities } from '../../activities/notifications/deliver';
import { connectRecords } from '../../src/records/database';
import type { NotificationMessage } from '../../src/domain/types';
import { claimQuota } from '../../activities/notifications/quota';
import { timeSkippingEnv } from '../support/temporalEnv';
import { requestInput, testConfig } from '../support/workflowHarness';
import { testDatabase } from '../support/postgres';
import { startSmtpCatcher, type SmtpCatcher } from './support/mail';
import { memoryLogger, startRealWorker, testDirectory } from './support/harness';

const MAX = 3;
const PARTICIPANT = 'pemkab-sumbawa';

let env: TestWorkflowEnvironment;
let smtp: SmtpCatcher;
beforeAll(async () => {
  env = await timeSkippingEnv();
  smtp = await startSmtpCatcher();
});
afterAll(async () => {
  closeMailTransports();
  await smtp?.stop();
  await env?.teardown();
});

test(`past ${MAX} mails to one organization about one request in a day, the rest are skipped and recorded as capped`, async () => {
  const directory = testDirectory({ [PARTICIPANT]: { emails: ['kesbangpol@pemkab-sumbawa.example'] } });
  const logs = memoryLogger();
  const w = await startRealWorker(env, { config: testConfig({ SMTP_URL: smtp.url, MAX_MAILS_PER_RECIPIENT_PER_DAY: String(MAX) }), directory, logger: logs.logger });
  try {
    const input = requestInput({
      tembusan: [],
      expireAfter: 'PT8S',
      steps: [{ participants: [PARTICIPANT], policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'PT10S' }, reminders: { before: [], atDeadline: true, repeatEvery: 'PT1S', escalateAfter: null } }],
    });
    const handle = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
    expect((await handle.result()).status).toBe('EXPIRED');

    const toParticipant = smtp.mails.filter((m) => m.envelope.to.includes('kesbangpol@pemkab-sumbawa.example') && m.headers.get('x-koordinasi-request') === input.id);
    expect(toParticipant).toHaveLength(MAX);

    const decisions = await w.records.selectFrom('notification_sends').select(['idempotency_key', 'outcome']).where('request_id', '=', input.id).where('recipient', '=', PARTICIPANT).execute();
    // Created, at the deadline, then a reminder a second for 8 s, then the outcome: far more than MAX.
    expect(decisions.length).toBeGreaterThan(MAX + 5);
    expect(decisions.filter((d) => d.outcome === 'sent')).toHaveLength(MAX);
    const capped = decisions.filter((d) => d.outcome === 'capped').map((d) => d.idempotency_key);
    // Logged, each once: a capped notification is not retried.
    const skippedLines = logs.lines.filter((l) => String(l.msg).startsWith('notification skipped: daily cap'));
    expect(skippedLines.map((l) => (l.notification as { key: string }).key).sort()).toEqual([...capped].sort());
    // The request's own record: no failure, and the capped notifications are not counted as delivered to the participant.
    const timeline = await handle.query(timelineQuery);
    expect(timeline.some((e) => e.kind === 'NOTIFICATION_FAILED')).toBe(false);
    const deliveredToParticipant = timeline.filter((e) => e.kind === 'NOTIFICATION_DELIVERED' && (e.data as { delivered: Record<string, string[]> }).delivered[PARTICIPANT]?.includes('email'));
    expect(deliveredToParticipant).toHaveLength(MAX);
  } finally {
    await w.stop();
  }
});

test('a retried delivery keeps its first decision: counted once, never capped by its own count', async () => {
  const store = await testDatabase();
  try {
    const claim = (key: string) => claimQuota(store.db, { idempotencyKey: key, channel: 'email', requestId: 'rq-cap', recipient: PARTICIPANT, day: '2026-12-04', max: 2 });
    expect(await claim('k1')).toBe('sent');
    expect(await claim('k1')).toBe('sent');
    expect(await claim('k2')).toBe('sent');
    expect(await claim('k3')).toBe('capped');
    expect(await claim('k3')).toBe('capped');
    expect(await claim('k1')).toBe('sent');
    const quota = await store.db.selectFrom('notification_quota').select('sent').where('request_id', '=', 'rq-cap').executeTakeFirstOrThrow();
    expect(quota.sent).toBe(2);
    // Another day, another channel: counted apart.
    expect(await claimQuota(store.db, { idempotencyKey: 'k4', channel: 'email', requestId: 'rq-cap', recipient: PARTICIPANT, day: '2026-12-05', max: 2 })).toBe('sent');
    expect(await claimQuota(store.db, { idempotencyKey: 'k3', channel: 'webhook', requestId: 'rq-cap', recipient: PARTICIPANT, day: '2026-12-04', max: 2 })).toBe('sent');
  } finally {
    await store.drop();
  }
});

test('with the records store unreachable, the mail is sent unchecked and the log says so', async () => {
  const unreachable = connectRecords('postgres://koordinasi:x@127.0.0.1:1/none', { connectTimeoutMs: 500 });
  const logs = memoryLogger();
  try {
    const activities = createNotificationActivities({
      directory: testDirectory({ [PARTICIPANT]: { emails: ['kesbangpol@pemkab-sumbawa.example'] } }),
      publicBaseUrl: 'https://koordinasi.example',
      mail: { smtpUrl: smtp.url, from: 'noreply@koordinasi.example', outboxDir: '/nonexistent' },
      logger: logs.logger,
      quota: { records: unreachable, max: 1 },
    });
    const message: NotificationMessage = {
      idempotencyKey: `rq-store-down:0:${PARTICIPANT}:REMINDER_DUE:1`,
      kind: 'REMINDER_DUE',
      recipient: PARTICIPANT,
      role: 'PARTICIPANT',
      sequence: 1,
      reminderLabel: 'H',
      request: { id: 'rq-store-down', title: 'Rapat', requester: 'kpu-sumbawa', category: 'ALIGNMENT', revision: 1, status: 'IN_PROGRESS', step: 0, stepCount: 1, stepName: 'Rapat', deadline: '2026-12-10T08:00:00.000Z' },
    };
    expect((await activities.deliverNotification(message, 'email')).outcome).toBe('delivered');
    expect(smtp.mails.some((m) => m.headers.get('x-koordinasi-request') === 'rq-store-down')).toBe(true);
    expect(logs.lines.some((l) => String(l.msg).startsWith('notification cap not checked'))).toBe(true);
  } finally {
    await unreachable.destroy();
  }
});
