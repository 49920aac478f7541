/**
 * Signed webhooks to a real HTTP receiver on loopback (signature verified with the secret, a
 * tampered body rejected), status classification (4xx permanent, 408/429/5xx/network retried),
 * and through the real workflow: a 400 is recorded as NOTIFICATION_FAILED without blocking the
 * email channel, a 503 is retried until delivered with the same Idempotency-Key and body.
 * Also the development outbox (no SMTP_URL) and the log channel.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { coordinationWorkflow } from '../../workflows';
import { stateQuery, timelineQuery, workflowIdFor } from '../../workflows/messages';
import { createNotificationActivities, encodeKey, signWebhook, verifyWebhookSignature, type WebhookPayload } from '../../activities/notifications/deliver';
import { notificationKey, type NotificationMessage } from '../../src/domain/types';
import { timeSkippingEnv } from '../support/temporalEnv';
import { eventually, requestInput, testConfig } from '../support/workflowHarness';
import { memoryLogger, startRealWorker, startWebhookReceiver, testDirectory } from './support/harness';
import { parseMail } from './support/mail';

const SECRET_A = 'pemkab-secret-0123456789';
const SECRET_B = 'bawaslu-secret-0123456789';

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
let hookA: Receiver;
let hookB: Receiver;
let outboxRoot: string;

beforeAll(async () => {
  hookA = await startWebhookReceiver(SECRET_A);
  hookB = await startWebhookReceiver(SECRET_B);
  outboxRoot = await mkdtemp(path.join(tmpdir(), 'koordinasi-outbox-'));
});
afterAll(async () => {
  await hookA?.stop();
  await hookB?.stop();
  if (outboxRoot) await rm(outboxRoot, { recursive: true, force: true });
});
beforeEach(() => {
  hookA.received.length = 0;
  hookB.received.length = 0;
  hookA.setResponder(() => 200);
  hookB.setResponder(() => 200);
});

const directory = () =>
  testDirectory({
    'pemkab-sumbawa': { emails: ['kesbangpol@pemkab-sumbawa.example'], webhook: { url: hookA.url, secret: SECRET_A } },
    'bawaslu-sumbawa': { emails: ['sekretariat@bawaslu-sumbawa.example'], webhook: { url: hookB.url, secret: SECRET_B } },
    'kpu-ntb': { emails: [] },
  });

function message(kind: NotificationMessage['kind'] = 'REMINDER_BEFORE', recipient = 'pemkab-sumbawa'): NotificationMessage {
  return {
    idempotencyKey: notificationKey('req-hook-1', 0, recipient, kind, 3),
    kind,
    recipient,
    role: 'PARTICIPANT',
    sequence: 3,
    reminderLabel: 'H-1',
    request: {
      id: 'req-hook-1',
      title: 'Penyamaan persepsi pengawasan',
      requester: 'kpu-sumbawa',
      category: 'ALIGNMENT',
      revision: 1,
      status: 'IN_PROGRESS',
      step: 0,
      stepCount: 1,
      stepName: 'Rapat',
      deadline: '2026-12-10T08:00:00.000Z',
      letter: { number: '045/PP.04-Und/5204/2026', date: '2026-11-30', subject: 'Undangan rapat penyamaan persepsi', classification: 'SANGAT_SEGERA' },
    },
  };
}

async function failureOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

describe('activity: signed webhook to a loopback receiver', () => {
  const activities = (logger = memoryLogger().logger) =>
    createNotificationActivities({ directory: directory(), publicBaseUrl: 'https://koordinasi.example', mail: { from: 'noreply@koordinasi.example', outboxDir: outboxRoot }, logger });

  test('the receiver verifies the signature with the secret; a tampered body is rejected', async () => {
    const log = memoryLogger();
    const result = await activities(log.logger).deliverNotification(message(), 'webhook');
    expect(result).toEqual({ channel: 'webhook', outcome: 'delivered', detail: 'webhook: HTTP 200' });
    expect(hookA.received).toHaveLength(1);
    const got = hookA.received[0];
    expect(got.verified).toBe(true);
    expect(got.headers['idempotency-key']).toBe('req-hook-1:0:pemkab-sumbawa:REMINDER_BEFORE:3');
    expect(got.headers['content-type']).toMatch(/^application\/json/);
    const ts = String(got.headers['x-koordinasi-timestamp']);
    expect(got.headers['x-koordinasi-signature']).toBe(signWebhook(SECRET_A, ts, got.body));
    expect(got.headers['x-koordinasi-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const payload = JSON.parse(got.body) as WebhookPayload;
    expect(payload).toMatchObject({
      type: 'koordinasi.notification',
      idempotencyKey: 'req-hook-1:0:pemkab-sumbawa:REMINDER_BEFORE:3',
      kind: 'REMINDER_BEFORE',
      recipient: { id: 'pemkab-sumbawa', name: 'Pemerintah Kabupaten Sumbawa' },
      request: {
        id: 'req-hook-1',
        requesterName: 'KPU Kabupaten Sumbawa',
        link: 'https://koordinasi.example/requests/req-hook-1',
        // The letter travels as data too, for the receiver's own records.
        letter: { number: '045/PP.04-Und/5204/2026', date: '2026-11-30', subject: 'Undangan rapat penyamaan persepsi', classification: 'SANGAT_SEGERA' },
      },
      reminderLabel: 'H-1',
      deadlineLocal: 'Kamis, 10 Desember 2026 16.00 WITA',
    });
    // One log line for the delivery.
    expect(log.lines.filter((l) => l.msg === 'notification delivered')).toEqual([
      expect.objectContaining({ channel: 'webhook', outcome: 'delivered', notification: expect.objectContaining({ key: 'req-hook-1:0:pemkab-sumbawa:REMINDER_BEFORE:3' }) }),
    ]);

    // Tampering: same headers, different body → the receiver answers 401.
    const tampered = got.body.replace('H-1', 'H-9');
    expect(verifyWebhookSignature(SECRET_A, ts, tampered, String(got.headers['x-koordinasi-signature']))).toBe(false);
    const res = await fetch(hookA.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Koordinasi-Timestamp': ts, 'X-Koordinasi-Signature': String(got.headers['x-koordinasi-signature']) },
      body: tampered,
    });
    expect(res.status).toBe(401);
    expect(hookA.received[1]).toMatchObject({ verified: false, status: 401 });
    // Wrong secret, other timestamp, stale timestamp, garbage: all rejected.
    expect(verifyWebhookSignature(SECRET_B, ts, got.body, String(got.headers['x-koordinasi-signature']))).toBe(false);
    expect(verifyWebhookSignature(SECRET_A, String(Number(ts) + 1), got.body, String(got.headers['x-koordinasi-signature']))).toBe(false);
    expect(verifyWebhookSignature(SECRET_A, ts, got.body, String(got.headers['x-koordinasi-signature']), { nowSeconds: Number(ts) + 3600 })).toBe(false);
    expect(verifyWebhookSignature(SECRET_A, ts, got.body, 'sha256=00')).toBe(false);
  });

  test('400 and 302 are permanent; 408, 429, 503 and an unreachable receiver are retryable', async () => {
    const a = activities();
    for (const status of [400, 404, 302]) {
      hookA.setResponder(() => status);
      const err = await failureOf(a.deliverNotification(message(), 'webhook'));
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect(err).toMatchObject({ type: 'PermanentDeliveryFailure', nonRetryable: true });
      expect(err.message).toContain(String(status));
    }
    for (const status of [408, 429, 500, 503]) {
      hookA.setResponder(() => status);
      const err = await failureOf(a.deliverNotification(message(), 'webhook'));
      expect(err instanceof ApplicationFailure && err.nonRetryable).toBe(false);
      expect(err.message).toContain(String(status));
    }
    const down = await startWebhookReceiver(SECRET_A);
    const url = down.url;
    await down.stop();
    const unreachable = createNotificationActivities({
      directory: testDirectory({ 'pemkab-sumbawa': { webhook: { url, secret: SECRET_A } } }),
      publicBaseUrl: 'https://koordinasi.example',
      mail: { from: 'noreply@koordinasi.example', outboxDir: outboxRoot },
      logger: memoryLogger().logger,
    });
    const err = await failureOf(unreachable.deliverNotification(message(), 'webhook'));
    expect(err instanceof ApplicationFailure && err.nonRetryable).toBe(false);
    expect(err.message).toMatch(/unreachable/);
    expect(err.message).not.toContain('/hooks/'); // no URL paths (they may hold tokens) in errors
  });
});

describe('activity: no SMTP_URL and the log channel', () => {
  test('email goes to an .eml file in the outbox, the log names it only; a retry overwrites the same file', async () => {
    const outboxDir = path.join(outboxRoot, 'dev');
    const log = memoryLogger();
    const a = createNotificationActivities({ directory: directory(), publicBaseUrl: 'http://127.0.0.1:3000', mail: { from: 'Koordinasi <noreply@koordinasi.example>', outboxDir }, logger: log.logger });
    const m = message('REQUEST_CREATED', 'bawaslu-sumbawa');
    const first = await a.deliverNotification(m, 'email');
    await a.deliverNotification(m, 'email');
    const file = path.join(outboxDir, `${encodeKey(m.idempotencyKey)}.eml`);
    expect(first).toEqual({ channel: 'email', outcome: 'delivered', detail: `no SMTP_URL: written to ${file}` });
    expect(await readdir(outboxDir)).toEqual([path.basename(file)]);
    const mail = parseMail(await readFile(file, 'utf8'));
    expect(mail.messageId).toBe(`<${encodeKey(m.idempotencyKey)}@koordinasi>`);
    expect(mail.headers.get('to')).toBe('sekretariat@bawaslu-sumbawa.example');
    expect(mail.subject).toBe('[Koordinasi] Permohonan koordinasi baru: Penyamaan persepsi pengawasan (req-hook-1)');
    expect(mail.text).toContain('Kamis, 10 Desember 2026 16.00 WITA');
    expect(mail.html).toContain('Kamis, 10 Desember 2026 16.00 WITA');
    const logged = log.lines.filter((l) => l.msg === 'email not sent (no SMTP_URL): written to outbox');
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ outbox: [file], notification: { key: m.idempotencyKey, kind: 'REQUEST_CREATED', recipient: 'bawaslu-sumbawa' } });
    // No address, title or text in any log line.
    const all = JSON.stringify(log.lines);
    for (const secret of ['sekretariat@bawaslu-sumbawa.example', 'Penyamaan persepsi', 'Yth.']) expect(all).not.toContain(secret);
  });

  test('the log channel puts the text in the outbox and logs one line pointing at it, plus the delivery line', async () => {
    const log = memoryLogger();
    const a = createNotificationActivities({ directory: directory(), publicBaseUrl: 'http://127.0.0.1:3000', mail: { from: 'x@y.example', outboxDir: outboxRoot }, logger: log.logger });
    expect(await a.deliverNotification(message('ESCALATION', 'kpu-ntb'), 'log')).toEqual({ channel: 'log', outcome: 'delivered', detail: 'log' });
    expect(log.lines.map((l) => l.msg)).toEqual(['notification (log channel)', 'notification delivered']);
    const m = message('ESCALATION', 'kpu-ntb');
    const file = path.join(outboxRoot, `${encodeKey(m.idempotencyKey)}.eml`);
    expect(log.lines[0]).toMatchObject({ outbox: file, notification: { key: m.idempotencyKey, kind: 'ESCALATION', recipient: 'kpu-ntb' } });
    expect(parseMail(await readFile(file, 'utf8')).text).toContain('Yth. KPU Provinsi Nusa Tenggara Barat');
    expect(JSON.stringify(log.lines)).not.toContain('Yth.');
    // kpu-ntb has no email in this directory: the email channel is skipped, not failed.
    expect(await a.deliverNotification(message('ESCALATION', 'kpu-ntb'), 'email')).toEqual({ channel: 'email', outcome: 'skipped', detail: 'skipped' });
    // An unknown organization is a permanent failure.
    const err = await failureOf(a.deliverNotification(message('ESCALATION', 'nobody'), 'log'));
    expect(err).toMatchObject({ type: 'PermanentDeliveryFailure', nonRetryable: true });
  });
});

describe('workflow: webhook failures on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await timeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  test('a 400 is recorded as NOTIFICATION_FAILED without blocking email; a 503 is retried until delivered', async () => {
    hookA.setResponder(() => 400);
    const attempts = new Map<string, number>();
    hookB.setResponder(({ headers }) => {
      const key = String(headers['idempotency-key']);
      const n = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, n);
      return n <= 2 ? 503 : 200;
    });
    const w = await startRealWorker(env, { config: testConfig({ DATA_DIR: path.join(outboxRoot, 'wf') }), directory: directory() });
    try {
      const input = requestInput({
        tembusan: ['kpu-ntb'],
        steps: [
          {
            participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'],
            policy: { type: 'ALL' },
            deadline: { kind: 'DURATION', duration: 'P3D' },
            reminders: { before: [], atDeadline: false, repeatEvery: null, escalateAfter: null },
          },
        ],
      });
      const handle = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
      await handle.query(stateQuery);
      await env.sleep(60_000); // let the 503 retries (2 s, 4 s) pass in skipped time
      const event = await eventually(async () => {
        const t = await handle.query(timelineQuery);
        const e = t.find((x) => x.kind === 'NOTIFICATION_FAILED' || x.kind === 'NOTIFICATION_DELIVERED');
        expect(e).toBeDefined();
        return e!;
      });
      await handle.terminate('test done');
      expect(event.kind).toBe('NOTIFICATION_FAILED');
      const data = event.data as { notification: string; delivered: Record<string, string[]>; failed: Record<string, Record<string, string>> };
      expect(data.notification).toBe('REQUEST_CREATED');
      // pemkab: webhook failed permanently, its email still delivered (to the outbox: no SMTP_URL).
      expect(data.failed).toEqual({ 'pemkab-sumbawa': { webhook: expect.stringContaining('answered 400') } });
      expect(data.delivered['pemkab-sumbawa']).toEqual(['email']);
      // bawaslu: both channels delivered after the webhook's 503s were retried.
      expect([...data.delivered['bawaslu-sumbawa']].sort()).toEqual(['email', 'webhook']);
      // kpu-ntb (tembusan) has no contacts here: the log channel.
      expect(data.delivered['kpu-ntb']).toEqual(['log']);

      const keyA = notificationKey(input.id, 0, 'pemkab-sumbawa', 'REQUEST_CREATED', 1);
      const keyB = notificationKey(input.id, 0, 'bawaslu-sumbawa', 'REQUEST_CREATED', 1);
      // Non-retryable: the 400 was asked exactly once.
      expect(hookA.received.map((r) => r.headers['idempotency-key'])).toEqual([keyA]);
      // Retried: three attempts, same key, same body, each correctly signed.
      expect(hookB.received.map((r) => r.status)).toEqual([503, 503, 200]);
      expect(new Set(hookB.received.map((r) => r.headers['idempotency-key']))).toEqual(new Set([keyB]));
      expect(new Set(hookB.received.map((r) => r.body)).size).toBe(1);
      expect(hookB.received.every((r) => r.verified)).toBe(true);
      // The outbox holds the two emails, and kpu-ntb's text (log channel: the log line only points at it).
      const keyC = notificationKey(input.id, 0, 'kpu-ntb', 'REQUEST_CREATED', 1);
      expect((await readdir(path.join(outboxRoot, 'wf', 'outbox'))).sort()).toEqual([`${encodeKey(keyB)}.eml`, `${encodeKey(keyA)}.eml`, `${encodeKey(keyC)}.eml`].sort());
    } finally {
      await w.stop();
    }
  });
});
