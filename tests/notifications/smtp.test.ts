/**
 * Email over a real SMTP server on loopback, driven by the real workflow on the time-skipping
 * test server: the reminder and escalation mails of a silent-participant scenario (recipients,
 * subject, local-time deadline, Message-ID, both parts), and an SMTP outage after which every
 * notification still arrives, duplicates sharing their Message-ID.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { coordinationWorkflow } from '../../workflows';
import { stateQuery, timelineQuery, workflowIdFor } from '../../workflows/messages';
import { closeMailTransports, encodeKey } from '../../activities/notifications/deliver';
import type { CoordinationRequestInput, TimelineEvent } from '../../src/domain/types';
import { timeSkippingEnv } from '../support/temporalEnv';
import { eventually, requestInput, testConfig } from '../support/workflowHarness';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from './support/mail';
import { startRealWorker, testDirectory } from './support/harness';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Independent of the product's formatter: shift by the zone's fixed offset (no DST in Indonesia). */
function expectedLocal(iso: string, offsetHours: number, months: string[], sep: string, abbr: string): string {
  const d = new Date(Date.parse(iso) + offsetHours * HOUR);
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}${sep}${pad(d.getUTCMinutes())} ${abbr}`;
}

const keyOf = (m: CaughtMail) => m.headers.get('x-koordinasi-idempotency-key') ?? '';
const kindOf = (m: CaughtMail) => keyOf(m).split(':')[3];
const recipientOf = (m: CaughtMail) => keyOf(m).split(':')[2];

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
beforeEach(() => {
  smtp.mails.length = 0;
});

function scenario(): CoordinationRequestInput {
  return requestInput({
    tembusan: ['kpu-ntb'],
    steps: [
      {
        name: 'Persetujuan',
        // WITA (Bahasa Indonesia) and dkpp: WIB, English.
        participants: ['pemkab-sumbawa', 'bawaslu-sumbawa', 'dkpp'],
        policy: { type: 'ALL' },
        deadline: { kind: 'DURATION', duration: 'P3D' },
        reminders: { before: ['P2D', 'P1D'], atDeadline: true, repeatEvery: 'P1D', escalateAfter: 'PT36H' },
      },
    ],
  });
}

/** Keys of every notification the timeline says was delivered by email. */
function deliveredEmailKeys(id: string, timeline: TimelineEvent[]): string[] {
  return timeline
    .filter((e) => e.kind === 'NOTIFICATION_DELIVERED')
    .flatMap((e) => {
      const data = e.data as { notification: string; sequence: number; delivered: Record<string, string[]> };
      return Object.entries(data.delivered)
        .filter(([, channels]) => channels.includes('email'))
        .map(([org]) => `${id}:${e.step}:${org}:${data.notification}:${data.sequence}`);
    });
}

// pemkab-sumbawa has two addresses: one mail reaches both.
const directory = testDirectory({ 'pemkab-sumbawa': { emails: ['kesbangpol@pemkab-sumbawa.example', 'bupati@pemkab-sumbawa.example'] } });

test('reminder and escalation mails of a time-skipped scenario reach a real SMTP server', async () => {
  const w = await startRealWorker(env, {
    config: testConfig({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://koordinasi.example', MAIL_FROM: 'Koordinasi <noreply@koordinasi.example>' }),
    directory,
  });
  try {
    const input = scenario();
    const handle = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
    const deadline = (await handle.query(stateQuery)).steps[0].deadline!;
    // Past the deadline (3d) and the escalation (3d + 36h), nobody answers.
    await env.sleep(4.75 * DAY);
    await eventually(async () => {
      const t = await handle.query(timelineQuery);
      expect(t.filter((e) => e.kind === 'NOTIFICATION_DELIVERED' && (e.data as { notification: string }).notification === 'ESCALATION')).toHaveLength(1);
    });
    const timeline = await handle.query(timelineQuery);
    await handle.terminate('test done');
    expect(timeline.some((e) => e.kind === 'NOTIFICATION_FAILED')).toBe(false);

    const mails = smtp.mails;
    const sent = (kind: string) => mails.filter((m) => kindOf(m) === kind);

    // Every mail: Message-ID from its idempotency key, both parts, link, envelope = the org's addresses.
    for (const m of mails) {
      expect(m.messageId).toBe(`<${encodeKey(keyOf(m))}@koordinasi>`);
      expect(keyOf(m).startsWith(`${input.id}:0:`)).toBe(true);
      const addresses = directory.get(recipientOf(m))!.contacts.emails;
      expect(m.envelope.to).toEqual(addresses);
      expect(m.envelope.from).toBe('noreply@koordinasi.example');
      for (const a of addresses) expect(m.headers.get('to')).toContain(a);
      expect(m.text).toContain(`https://koordinasi.example/requests/${input.id}`);
      expect(m.html).toContain(`href="https://koordinasi.example/requests/${input.id}"`);
    }
    // One mail per notification: no duplicates when nothing failed.
    expect(new Set(mails.map(keyOf)).size).toBe(mails.length);
    // ...and exactly the ones the timeline records as delivered by email.
    expect(mails.map(keyOf).sort()).toEqual(deliveredEmailKeys(input.id, timeline).sort());

    const wita = expectedLocal(deadline, 8, MONTHS_ID, '.', 'WITA');
    const wib = expectedLocal(deadline, 7, MONTHS_EN, ':', 'WIB');

    // Reminders: H-2, H-1, H, H+1 to each silent participant, in its language and zone.
    const reminders = mails.filter((m) => kindOf(m).startsWith('REMINDER'));
    expect(reminders.map((m) => `${kindOf(m)}:${recipientOf(m)}`).sort()).toEqual(
      ['REMINDER_BEFORE', 'REMINDER_BEFORE', 'REMINDER_DUE', 'REMINDER_OVERDUE']
        .flatMap((k) => ['pemkab-sumbawa', 'bawaslu-sumbawa', 'dkpp'].map((o) => `${k}:${o}`))
        .sort(),
    );
    const h1 = reminders.find((m) => recipientOf(m) === 'bawaslu-sumbawa' && m.subject.includes('H-1'))!;
    expect(h1.subject).toBe(`[Koordinasi] Pengingat H-1: Fasilitasi gudang logistik Pilkada (${input.id})`);
    expect(h1.text).toContain('Yth. Bawaslu Kabupaten Sumbawa,');
    expect(h1.text).toContain(wita);
    expect(h1.text).toContain(`paling lambat `);
    expect(h1.html).toContain(wita);
    expect(h1.headers.get('content-type')).toMatch(/^multipart\/alternative/);
    const overdueEn = reminders.find((m) => recipientOf(m) === 'dkpp' && kindOf(m) === 'REMINDER_OVERDUE')!;
    expect(overdueEn.subject).toBe(`[Koordinasi] Overdue (H+1): Fasilitasi gudang logistik Pilkada (${input.id})`);
    expect(overdueEn.text).toContain('Dear Dewan Kehormatan Penyelenggara Pemilu,');
    expect(overdueEn.text).toContain(wib);
    expect(overdueEn.html).toContain(wib);
    expect(reminders.filter((m) => recipientOf(m) === 'pemkab-sumbawa').every((m) => m.envelope.to.length === 2)).toBe(true);
    expect(sent('REMINDER_DUE').every((m) => /Tenggat hari ini \(H\)|Due today \(H\)/.test(m.subject))).toBe(true);

    // Escalation: to the parents of the silent (bawaslu-ntb; pemprov-ntb) and the requester's parent (kpu-ntb),
    // naming the silent organizations.
    const escalations = sent('ESCALATION');
    expect(escalations.map(recipientOf).sort()).toEqual(['bawaslu-ntb', 'kpu-ntb', 'pemprov-ntb']);
    for (const m of escalations) {
      expect(m.subject).toBe(`[Koordinasi] Eskalasi (belum ada tanggapan): Fasilitasi gudang logistik Pilkada (${input.id})`);
      for (const name of ['Pemerintah Kabupaten Sumbawa', 'Bawaslu Kabupaten Sumbawa', 'Dewan Kehormatan Penyelenggara Pemilu']) {
        expect(m.text).toContain(`  - ${name}`);
        expect(m.html).toContain(`<li>${name}</li>`);
      }
      expect(m.text).toContain(wita);
    }
    // The tembusan got the new request, informed only.
    const cc = sent('REQUEST_CREATED').find((m) => recipientOf(m) === 'kpu-ntb')!;
    expect(cc.subject).toContain('Tembusan');
    expect(cc.text).toContain('tidak diperlukan tanggapan');
  } finally {
    await w.stop();
  }
});

test('SMTP down for part of the scenario, then up: every notification arrives, duplicates share the Message-ID', async () => {
  const w = await startRealWorker(env, {
    config: testConfig({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://koordinasi.example' }),
    directory,
  });
  try {
    const input = scenario();
    const handle = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
    await handle.query(stateQuery);
    // The new-request mails go out; then SMTP goes down across the H-2 reminder (at 24 h) ...
    await env.sleep(23 * HOUR);
    await eventually(() => expect(smtp.mails.filter((m) => kindOf(m) === 'REQUEST_CREATED')).toHaveLength(4));
    await smtp.down();
    await env.sleep(3 * HOUR);
    const duringOutage = smtp.mails.length;
    let timeline = await handle.query(timelineQuery);
    // The reminder fired on time (the workflow's timers are not blocked), its delivery is still pending.
    // One occasion, one event, whatever zones its recipients are in (here WITA and WIB).
    const sent = timeline.filter((e) => e.kind === 'REMINDER_SENT');
    expect(sent).toHaveLength(1);
    expect((sent[0].data as { deliveries: Array<{ timeZone: string }> }).deliveries.map((d) => d.timeZone).sort()).toEqual(['Asia/Jakarta', 'Asia/Makassar']);
    expect(timeline.filter((e) => e.kind === 'NOTIFICATION_DELIVERED' && (e.data as { notification: string }).notification === 'REMINDER_BEFORE')).toHaveLength(0);
    // ... and comes back.
    await smtp.up();
    await env.sleep(3.5 * DAY);
    await eventually(async () => {
      const t = await handle.query(timelineQuery);
      expect(t.filter((e) => e.kind === 'NOTIFICATION_DELIVERED' && (e.data as { notification: string }).notification === 'ESCALATION')).toHaveLength(1);
    });
    timeline = await handle.query(timelineQuery);
    await handle.terminate('test done');
    expect(timeline.some((e) => e.kind === 'NOTIFICATION_FAILED')).toBe(false);
    expect(smtp.mails.length).toBeGreaterThan(duringOutage);

    // Every notification the timeline records arrived; nothing arrived that is not recorded.
    const expected = deliveredEmailKeys(input.id, timeline);
    expect(expected.filter((k) => k.includes(':REMINDER_BEFORE:')).length).toBe(6); // H-2 (during the outage) and H-1, 3 each
    expect([...new Set(smtp.mails.map(keyOf))].sort()).toEqual([...expected].sort());
    // Duplicates, if any, carry the same Message-ID and subject.
    const byKey = new Map<string, CaughtMail[]>();
    for (const m of smtp.mails) byKey.set(keyOf(m), [...(byKey.get(keyOf(m)) ?? []), m]);
    for (const [key, copies] of byKey) {
      expect(new Set(copies.map((m) => m.messageId))).toEqual(new Set([`<${encodeKey(key)}@koordinasi>`]));
      expect(new Set(copies.map((m) => m.subject)).size).toBe(1);
    }
  } finally {
    await w.stop();
  }
});
