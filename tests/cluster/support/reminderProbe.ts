/**
 * Reminders across faults: a few requests, made beside the scripted load, whose reminders fall
 * inside the fault window (two before the deadline and one at it, seconds apart, working hours
 * off). At the end each must have recorded every reminder exactly once, and the SMTP sink must hold
 * each reminder mail for the participant: a reader who dedupes by idempotency key gets each once
 * (a re-delivery after a kill is allowed, identical to the first).
 */
import type { Load } from '../../reliability/support/driver';
import { PARTICIPANT_POOL, REQUESTERS } from '../../reliability/support/model';
import type { Receivers } from '../../reliability/support/receivers';
import { sleep } from '../../reliability/support/scenario';

/** Reminder offsets before the deadline, plus the one at the deadline. */
const BEFORE = ['PT80S', 'PT40S'];
const DEADLINE = 'PT120S';
const EXPECTED_REMINDERS = BEFORE.length + 1;

interface Probe {
  id: string;
  participant: string;
}

export class ReminderProbe {
  readonly probes: Probe[] = [];

  constructor(
    private readonly load: Load,
    private readonly receivers: Receivers,
  ) {}

  async create(count: number, tag: string): Promise<void> {
    for (let i = 0; i < count; i++) {
      const participant = PARTICIPANT_POOL[i % PARTICIPANT_POOL.length];
      const body = {
        title: `Uji pengingat ${i + 1}`,
        category: 'FACILITIES',
        workingHours: false,
        steps: [{ participants: [participant], deadline: { kind: 'DURATION', duration: DEADLINE }, reminders: { before: BEFORE, atDeadline: true, repeatEvery: null, escalateAfter: null } }],
      };
      const res = await this.load.call('POST', '/v1/coordination-requests', REQUESTERS[0], body, { 'Idempotency-Key': `${tag}-reminder-${i}` });
      if (res.status !== 201 && res.status !== 200) throw new Error(`reminder probe create: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      const id = (res.body as { id: string }).id;
      this.load.foreignRequests.add(id);
      this.probes.push({ id, participant });
    }
  }

  /** Mismatches (empty when every reminder was recorded once and mailed). */
  async check(settleMs: number): Promise<{ mismatches: string[]; reminders: number; duplicates: number }> {
    const mismatches: string[] = [];
    let reminders = 0;
    let duplicates = 0;
    for (const p of this.probes) {
      const deadline = Date.now() + settleMs;
      let sent: Array<{ kind: string; data?: { kind?: string; label?: string } }> = [];
      const reminderMails = () => this.receivers.smtp.mails.filter((m) => (m.headers.get('x-koordinasi-idempotency-key') ?? '').startsWith(`${p.id}:`) && /:REMINDER_/.test(m.headers.get('x-koordinasi-idempotency-key') ?? ''));
      for (;;) {
        const res = await this.load.call('GET', `/v1/coordination-requests/${p.id}/timeline`, REQUESTERS[0]);
        sent = res.status === 200 ? (res.body as { events: typeof sent }).events.filter((e) => e.kind === 'REMINDER_SENT') : [];
        const keys = new Set(reminderMails().map((m) => m.headers.get('x-koordinasi-idempotency-key')));
        if ((sent.length >= EXPECTED_REMINDERS && keys.size >= EXPECTED_REMINDERS) || Date.now() > deadline) break;
        await sleep(1000);
      }
      const labels = sent.map((e) => `${e.data?.kind}/${e.data?.label}`);
      if (sent.length !== EXPECTED_REMINDERS || new Set(labels).size !== EXPECTED_REMINDERS) mismatches.push(`${p.id}: reminders recorded ${JSON.stringify(labels)}, expected ${EXPECTED_REMINDERS} distinct`);
      const first = new Map<string, string>();
      for (const m of reminderMails()) {
        const key = m.headers.get('x-koordinasi-idempotency-key')!;
        if (JSON.stringify(m.envelope.to) !== JSON.stringify([`${p.participant}@reliability.example`])) mismatches.push(`${key} went to ${JSON.stringify(m.envelope.to)}`);
        const content = `${m.messageId}\n${m.subject}\n${m.text}`;
        const seen = first.get(key);
        if (seen === undefined) first.set(key, content);
        else {
          duplicates++;
          if (seen !== content) mismatches.push(`${key} mailed twice with different Message-ID or content`);
        }
      }
      if (first.size !== EXPECTED_REMINDERS) mismatches.push(`${p.id}: ${first.size} distinct reminder mails to ${p.participant}, expected ${EXPECTED_REMINDERS}`);
      reminders += first.size;
    }
    return { mismatches, reminders, duplicates };
  }
}
