/**
 * The scripted load and the end-of-run checks.
 *
 * Load: every request's script runs in order (create, then its actions), requests interleaved at
 * random with bounded concurrency. Clients retry what a fault can cause — connection errors and
 * 502/503/504 — until a deadline, each call with its own Idempotency-Key (creates and actions), so
 * a retry after a cut attempt gets that attempt's result.
 *
 * Checks (all against the oracle in model.ts):
 * - every response: status and, for 200/201, the state in the body — including retries of an
 *   action whose first attempt was cut after reaching the engine (no 409 for one's own action);
 * - every request's final state and timeline (order of non-delivery events, and each notification
 *   occasion recorded as NOTIFICATION_DELIVERED with exactly the expected recipients and channels);
 * - visibility holds exactly the expected workflows (no duplicates, none missing);
 * - the SMTP sink and the webhook receiver got exactly the expected idempotency keys, each
 *   duplicate identical to its first delivery.
 */
import { isDeepStrictEqual } from 'node:util';
import { requestIdFor } from '../../../src/api/idempotency';
import { workflowIdFor } from '../../../workflows/messages';
import { rng, type Rng } from './prng';
import { project, type Action, type Projection, type RequestScript } from './model';
import type { Receivers } from './receivers';
import { token, type SystemUnderTest } from './stack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RETRYABLE = new Set([502, 503, 504]);

export interface CallResult {
  status: number;
  body: unknown;
  attempts: number;
  /** An earlier attempt may have reached the engine (connection cut or 503/504 after sending). */
  ambiguous: boolean;
}

export interface LoadStats {
  requests: number;
  actions: number;
  httpCalls: number;
  retries: number;
  /** Actions retried after a cut attempt (answered from the first attempt via the Idempotency-Key). */
  ambiguousRetries: number;
  createdOnRetry: number;
}

export class Load {
  readonly mismatches: string[] = [];
  readonly stats: LoadStats = { requests: 0, actions: 0, httpCalls: 0, retries: 0, ambiguousRetries: 0, createdOnRetry: 0 };
  /** Steps (creates + actions) finished so far, for fault injection at chosen points of progress. */
  done = 0;
  readonly total: number;
  readonly ids = new Map<RequestScript, string>();
  /** Request ids made beside the scripts (a reminder probe): expected in visibility, their deliveries checked by their maker. */
  readonly foreignRequests = new Set<string>();
  private tokens = new Map<string, string>();

  constructor(
    private readonly stack: Pick<SystemUnderTest, 'apiUrl' | 'client'>,
    readonly scripts: RequestScript[],
    private readonly opts: { concurrency: number; thinkMs: [number, number]; retryDeadlineMs: number },
  ) {
    this.total = scripts.reduce((n, s) => n + 1 + s.actions.length, 0);
    for (const s of scripts) this.ids.set(s, requestIdFor(s.spec.requester, s.spec.key));
  }

  get progress(): number {
    return this.done / this.total;
  }

  private async bearer(org: string): Promise<string> {
    let t = this.tokens.get(org);
    if (!t) this.tokens.set(org, (t = await token(org)));
    return `Bearer ${t}`;
  }

  /** One HTTP call, retried through faults until it gets a non-retryable answer. */
  async call(method: 'GET' | 'POST', path: string, org: string, body?: unknown, headers: Record<string, string> = {}): Promise<CallResult> {
    const deadline = Date.now() + this.opts.retryDeadlineMs;
    let ambiguous = false;
    let lastError = '';
    for (let attempt = 1; ; attempt++) {
      this.stats.httpCalls++;
      if (attempt > 1) this.stats.retries++;
      try {
        const res = await fetch(`${this.stack.apiUrl}${path}`, {
          method,
          headers: { Authorization: await this.bearer(org), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        if (!RETRYABLE.has(res.status)) {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: kept as text for the report
          }
          return { status: res.status, body: parsed, attempts: attempt, ambiguous };
        }
        lastError = `HTTP ${res.status} ${text.slice(0, 200)}`;
        ambiguous = true;
      } catch (err) {
        // Refused connections never reached the API; anything else (reset, timeout) might have.
        const cause = (err as { cause?: { code?: string } }).cause;
        if (cause?.code !== 'ECONNREFUSED') ambiguous = true;
        lastError = `${(err as Error).message} ${cause?.code ?? ''}`;
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path}: gave up after ${attempt} attempts: ${lastError}`);
      await sleep(Math.min(2000, 150 * attempt));
    }
  }

  private mismatch(s: RequestScript, what: string, expected: unknown, got: unknown): void {
    this.mismatches.push(`${s.spec.key} (${this.ids.get(s)}): ${what}\n  expected ${JSON.stringify(expected)}\n  got      ${JSON.stringify(got)}`);
  }

  private createBody(s: RequestScript) {
    return {
      title: s.spec.title,
      description: 'Uji keandalan: beban terjadwal dengan gangguan.',
      category: 'FACILITIES',
      tembusan: s.spec.tembusan,
      workingHours: false,
      steps: s.spec.steps.map((st) => ({
        participants: st.participants,
        policy: st.policy,
        deadline: { kind: 'DURATION', duration: 'P30D' },
        reminders: { before: [], atDeadline: false, repeatEvery: null, escalateAfter: null },
      })),
    };
  }

  private request(action: Action, s: RequestScript): { path: string; org: string; body: unknown } {
    const base = `/v1/coordination-requests/${this.ids.get(s)}`;
    switch (action.type) {
      case 'respond':
        return { path: `${base}/responses`, org: action.org, body: { decision: action.decision, ...(action.comment ? { comment: action.comment } : {}) } };
      case 'revise':
        return { path: `${base}/revisions`, org: s.spec.requester, body: { reanswer: action.reanswer, comment: action.comment, ...(action.title ? { title: action.title } : {}) } };
      case 'cancel':
        return { path: `${base}/cancel`, org: s.spec.requester, body: { reason: action.reason } };
      case 'delegate':
        return { path: `${base}/delegations`, org: action.by, body: { from: action.from, to: action.to, ...(action.comment ? { comment: action.comment } : {}) } };
    }
  }

  async readState(s: RequestScript): Promise<Projection | string> {
    const res = await this.call('GET', `/v1/coordination-requests/${this.ids.get(s)}`, s.spec.requester);
    return res.status === 200 ? project(res.body as Parameters<typeof project>[0]) : `HTTP ${res.status} ${JSON.stringify(res.body)}`;
  }

  private async runScript(s: RequestScript, r: Rng): Promise<void> {
    const created = await this.call('POST', '/v1/coordination-requests', s.spec.requester, this.createBody(s), { 'Idempotency-Key': s.spec.key });
    this.stats.requests++;
    this.done++;
    const okCreate = created.status === 201 || (created.ambiguous && created.status === 200);
    if (created.status === 200) this.stats.createdOnRetry++;
    if (!okCreate) this.mismatch(s, 'create status', created.ambiguous ? '201 (or 200 after a cut attempt)' : 201, `${created.status} ${JSON.stringify(created.body)}`);
    else {
      // Read-your-writes: the request as set up, first step active (fixed in 8b9393c, found here).
      const got = project(created.body as Parameters<typeof project>[0]);
      if (!isDeepStrictEqual(got, s.initial)) this.mismatch(s, 'state returned by create', s.initial, got);
    }
    for (const [i, step] of s.actions.entries()) {
      await sleep(r.int(this.opts.thinkMs[0], this.opts.thinkMs[1]));
      const req = this.request(step.action, s);
      const res = await this.call('POST', req.path, req.org, req.body, { 'Idempotency-Key': `${s.spec.key}-action-${i}` });
      if (res.ambiguous) this.stats.ambiguousRetries++;
      this.stats.actions++;
      this.done++;
      const what = `action ${i} ${JSON.stringify(step.action)}`;
      if (res.status === step.expectStatus) {
        if (res.status === 200) {
          const got = project(res.body as Parameters<typeof project>[0]);
          if (!isDeepStrictEqual(got, step.expectAfter)) this.mismatch(s, `${what}: state in the response`, step.expectAfter, got);
        }
        continue;
      }
      this.mismatch(s, `${what}: status`, step.expectStatus, `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
  }

  /** Run every script; resolves when all are done. */
  async run(r: Rng): Promise<void> {
    const queue = r.shuffle(this.scripts);
    const seeds = queue.map(() => r.int(1, 2 ** 31));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < queue.length) {
        const i = next++;
        try {
          await this.runScript(queue[i], rng(seeds[i]));
        } catch (err) {
          this.mismatches.push(`${queue[i].spec.key}: ${(err as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: this.opts.concurrency }, worker));
  }

  // ------------------------------------------------------------------ end-of-run checks

  /** Final state and timeline of every request (waits for outstanding deliveries to be recorded). */
  async checkFinalStatesAndTimelines(settleMs: number): Promise<void> {
    const deadline = Date.now() + settleMs;
    for (const s of this.scripts) {
      const state = await this.readState(s);
      if (!isDeepStrictEqual(state, s.final)) this.mismatch(s, 'final state', s.final, state);
      let events: TimelineEvent[] = [];
      for (;;) {
        const res = await this.call('GET', `/v1/coordination-requests/${this.ids.get(s)}/timeline`, s.spec.requester);
        events = res.status === 200 ? (res.body as { events: TimelineEvent[] }).events : [];
        const deliveries = events.filter((e) => e.kind.startsWith('NOTIFICATION_')).length;
        if (deliveries >= s.notifications.length || Date.now() > deadline) break;
        await sleep(500);
      }
      const got = timelineDiff(s, events);
      if (got) this.mismatch(s, got.what, got.expected, got.got);
    }
  }

  /** Visibility lists exactly the expected workflows: no duplicate, none missing. */
  async checkWorkflowsInVisibility(settleMs: number): Promise<{ count: number }> {
    const client = await this.stack.client();
    const expected = [...this.ids.values(), ...this.foreignRequests].map(workflowIdFor).sort();
    const deadline = Date.now() + settleMs;
    let ids: string[] = [];
    for (;;) {
      ids = [];
      for await (const wf of client.workflow.list({ query: `WorkflowType = 'coordinationWorkflow'` })) ids.push(wf.workflowId);
      ids.sort();
      if (isDeepStrictEqual(ids, expected) || Date.now() > deadline) break;
      await sleep(1000);
    }
    const count = (await client.workflow.count(`WorkflowType = 'coordinationWorkflow'`)).count;
    if (!isDeepStrictEqual(ids, expected)) {
      const extra = ids.filter((id) => !expected.includes(id));
      const missing = expected.filter((id) => !ids.includes(id));
      const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
      this.mismatches.push(`visibility: ${ids.length} workflows listed, ${expected.length} expected; extra ${JSON.stringify(extra)}, missing ${JSON.stringify(missing)}, listed twice ${JSON.stringify(dup)}`);
    }
    if (count !== expected.length) this.mismatches.push(`visibility count: ${count}, expected ${expected.length}`);
    return { count };
  }

  /** Every expected notification reached its receiver; duplicates only as identical re-deliveries of the same key. */
  async checkDeliveries(receivers: Receivers, settleMs: number): Promise<DeliveryStats> {
    const expected = { email: new Map<string, string>(), webhook: new Map<string, string>() };
    for (const s of this.scripts) {
      const id = this.ids.get(s)!;
      for (const n of s.notifications) {
        for (const [org, channels] of Object.entries(n.delivered)) {
          const key = `${id}:${n.step}:${org}:${n.kind}:${n.sequence}`;
          for (const c of channels) expected[c as 'email' | 'webhook'].set(key, org);
        }
      }
    }
    const deadline = Date.now() + settleMs;
    const keysOf = () => ({
      email: new Set(receivers.smtp.mails.map((m) => m.headers.get('x-koordinasi-idempotency-key') ?? '')),
      webhook: new Set(receivers.webhook.received.map((h) => h.key)),
    });
    for (;;) {
      const got = keysOf();
      if ([...expected.email.keys()].every((k) => got.email.has(k)) && [...expected.webhook.keys()].every((k) => got.webhook.has(k))) break;
      if (Date.now() > deadline) break;
      await sleep(500);
    }
    const stats: DeliveryStats = { emailExpected: expected.email.size, webhookExpected: expected.webhook.size, emailReceived: 0, webhookReceived: 0, emailDuplicates: 0, webhookDuplicates: 0 };
    // Email: right key, right recipient, identical duplicates.
    const firstMail = new Map<string, string>();
    const foreign = (key: string) => this.foreignRequests.has(key.slice(0, key.indexOf(':')));
    for (const m of receivers.smtp.mails) {
      const key = m.headers.get('x-koordinasi-idempotency-key') ?? '';
      if (foreign(key)) continue;
      stats.emailReceived++;
      const org = expected.email.get(key);
      if (!org) {
        this.mismatches.push(`email with unexpected idempotency key "${key}" (Message-ID ${m.messageId})`);
        continue;
      }
      if (!isDeepStrictEqual(m.envelope.to, [`${org}@reliability.example`])) this.mismatches.push(`email ${key} went to ${JSON.stringify(m.envelope.to)}`);
      const content = `${m.messageId}\n${m.subject}\n${m.text}`;
      const first = firstMail.get(key);
      if (first === undefined) firstMail.set(key, content);
      else {
        stats.emailDuplicates++;
        if (first !== content) this.mismatches.push(`email ${key} delivered twice with different Message-ID or content`);
      }
    }
    for (const key of expected.email.keys()) if (!firstMail.has(key)) this.mismatches.push(`email ${key} never delivered`);
    // Webhook: verified signature, right organization, identical duplicates.
    const firstHook = new Map<string, string>();
    for (const h of receivers.webhook.received) {
      if (foreign(h.key)) continue;
      stats.webhookReceived++;
      const org = expected.webhook.get(h.key);
      if (!org) {
        this.mismatches.push(`webhook with unexpected Idempotency-Key "${h.key}"`);
        continue;
      }
      if (!h.verified) this.mismatches.push(`webhook ${h.key}: signature did not verify`);
      if (h.org !== org) this.mismatches.push(`webhook ${h.key} went to ${h.org}, expected ${org}`);
      const first = firstHook.get(h.key);
      if (first === undefined) firstHook.set(h.key, h.body);
      else {
        stats.webhookDuplicates++;
        if (first !== h.body) this.mismatches.push(`webhook ${h.key} delivered twice with different bodies`);
      }
    }
    for (const key of expected.webhook.keys()) if (!firstHook.has(key)) this.mismatches.push(`webhook ${key} never delivered`);
    return stats;
  }
}

export interface DeliveryStats {
  emailExpected: number;
  webhookExpected: number;
  emailReceived: number;
  webhookReceived: number;
  emailDuplicates: number;
  webhookDuplicates: number;
}

interface TimelineEvent {
  seq: number;
  kind: string;
  step: number | null;
  revision: number;
  org?: string;
  actor: { org: string };
  data?: { notification?: string; sequence?: number; delivered?: Record<string, string[]>; failed?: unknown };
}

/** First difference between the timeline and the script's expectation, or null. */
export function timelineDiff(s: RequestScript, events: TimelineEvent[]): { what: string; expected: unknown; got: unknown } | null {
  const seqs = events.map((e) => e.seq);
  const contiguous = seqs.every((q, i) => q === i + 1);
  if (!contiguous) return { what: 'timeline seq numbers are not 1..n', expected: 'contiguous', got: seqs };
  const main = events.filter((e) => !e.kind.startsWith('NOTIFICATION_')).map((e) => `${e.kind}|${e.step}|${e.revision}|${e.org ?? ''}|${e.actor.org}`);
  if (!isDeepStrictEqual(main, s.timeline)) return { what: 'timeline (without delivery events)', expected: s.timeline, got: main };
  const norm = (d: Record<string, string[]> | undefined) =>
    Object.fromEntries(Object.entries(d ?? {}).map(([k, v]): [string, string[]] => [k, [...v].sort()]).sort((x, y) => x[0].localeCompare(y[0])));
  const got = events
    .filter((e) => e.kind.startsWith('NOTIFICATION_'))
    .map((e) => ({ kind: e.kind, notification: e.data?.notification, sequence: e.data?.sequence, step: e.step, delivered: norm(e.data?.delivered) }))
    .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  const expected = s.notifications.map((n) => ({ kind: 'NOTIFICATION_DELIVERED', notification: n.kind, sequence: n.sequence, step: n.step, delivered: norm(n.delivered) }));
  if (!isDeepStrictEqual(got, expected)) return { what: 'timeline delivery events', expected, got };
  return null;
}

/** Fault points: `n` distinct moments (fractions of the load's progress) in (lo, hi), sorted. */
export function faultPoints(r: Rng, n: number, lo = 0.05, hi = 0.85): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * (i + r.next())) / n);
}

/** Resolves once the load has progressed to `fraction` (or finished). */
export async function progressReaches(load: Load, fraction: number, finished: () => boolean): Promise<void> {
  while (load.progress < fraction && !finished()) await sleep(50);
}
