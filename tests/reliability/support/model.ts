/**
 * The oracle: an independent model of a coordination request (docs/ARCHITECTURE.md#the-coordination-request), written from the spec
 * and NOT from the workflow code, plus the script generator that drives it.
 *
 * A script is, per request, a create and a sequence of actions (participants' responses in random
 * order and random decisions, revisions, cancels, seat moves by holders and requesters, and
 * deliberately refused actions, including moves the seat rules forbid). Generating it
 * runs the model, so every action carries its expected HTTP status and the expected state after
 * it; at the end the model knows each request's final state, its timeline (without delivery
 * events) and every notification it must have sent (idempotency key × channel).
 */
import type { Rng } from './prng';

export type Decision = 'ACKNOWLEDGE' | 'APPROVE' | 'REJECT' | 'REQUEST_CHANGES';
type SeatStatus = 'PENDING' | 'ACKNOWLEDGED' | 'APPROVED' | 'REJECTED' | 'CHANGES_REQUESTED';
type Policy = { type: 'ALL' } | { type: 'ANY' } | { type: 'QUORUM'; min: number };

export const REQUESTERS = ['kpu-sumbawa', 'kpu-ntb'] as const;
/** Never a requester nor a tembusan: participants only. */
export const PARTICIPANT_POOL = ['pemkab-sumbawa', 'bawaslu-sumbawa', 'pemprov-ntb', 'bawaslu-ntb', 'dkpp', 'kpu-sulbar', 'bawaslu-ri'] as const;
export const TEMBUSAN_POOL = ['kpu-ri'] as const;
/** The hierarchy of the sample directory (config/organizations.json), child → parent. */
const PARENT: Record<string, string> = {
  'kpu-ntb': 'kpu-ri',
  'kpu-sumbawa': 'kpu-ntb',
  'kpu-sulbar': 'kpu-ri',
  'pemkab-sumbawa': 'pemprov-ntb',
  'bawaslu-ntb': 'bawaslu-ri',
  'bawaslu-sumbawa': 'bawaslu-ntb',
};
const isUnder = (org: string, ancestor: string): boolean => {
  for (let p = PARENT[org]; p; p = PARENT[p]) if (p === ancestor) return true;
  return false;
};

export interface StepSpec {
  participants: string[];
  policy: Policy;
}

export interface RequestSpec {
  /** Client idempotency key (Idempotency-Key header). */
  key: string;
  requester: string;
  title: string;
  tembusan: string[];
  steps: StepSpec[];
}

export type Action =
  | { type: 'respond'; org: string; decision: Decision; comment?: string }
  | { type: 'revise'; reanswer: 'CHANGE_REQUESTERS' | 'ALL'; title?: string; comment: string }
  | { type: 'cancel'; reason: string }
  /** `by` moves the seat of `from` to `to` (the holder itself, or the requester on its behalf). */
  | { type: 'delegate'; by: string; from: string; to: string; comment?: string };

/** What the checks compare: the parts of CoordinationState the script decides. */
export interface Projection {
  status: string;
  revision: number;
  title: string;
  currentStep: number;
  steps: Array<{ status: string; participants: Array<{ org: string; status: string }> }>;
}

export interface ScriptedAction {
  action: Action;
  /** 200 when allowed; 400 for a move the seat rules never allow; 409 when the engine must refuse it now. */
  expectStatus: 200 | 400 | 409;
  /** Projection after the action (for 200: the response body; for 409: unchanged). */
  expectAfter: Projection;
}

export interface ExpectedNotification {
  kind: string;
  sequence: number;
  step: number;
  /** org → channels, in the directory's order (email, then webhook). */
  delivered: Record<string, string[]>;
}

export interface RequestScript {
  spec: RequestSpec;
  initial: Projection;
  actions: ScriptedAction[];
  final: Projection;
  /** Timeline signatures without NOTIFICATION_* events: `KIND|step|revision|org|actorOrg`. */
  timeline: string[];
  notifications: ExpectedNotification[];
}

interface Seat {
  org: string;
  status: SeatStatus;
}

interface StepModel {
  policy: Policy;
  status: string;
  seats: Seat[];
}

const SYSTEM = 'system';

/** The model of one request. */
export class RequestModel {
  status = 'IN_PROGRESS';
  revision = 1;
  currentStep = 0;
  title: string;
  steps: StepModel[];
  timeline: string[] = [];
  notifications: ExpectedNotification[] = [];
  private seq = 0;

  constructor(
    readonly spec: RequestSpec,
    private readonly channelsOf: (org: string) => string[],
  ) {
    this.title = spec.title;
    this.steps = spec.steps.map((s) => ({ policy: s.policy, status: 'WAITING', seats: s.participants.map((org) => ({ org, status: 'PENDING' as SeatStatus })) }));
    this.event('CREATED', spec.requester);
    this.activate(0);
  }

  get open(): boolean {
    return this.status === 'IN_PROGRESS' || this.status === 'CHANGES_REQUESTED';
  }

  get active(): StepModel {
    return this.steps[this.currentStep];
  }

  projection(): Projection {
    return {
      status: this.status,
      revision: this.revision,
      title: this.title,
      currentStep: this.currentStep,
      steps: this.steps.map((s) => ({ status: s.status, participants: s.seats.map((p) => ({ org: p.org, status: p.status })) })),
    };
  }

  private event(kind: string, actorOrg: string, org = '', step = this.currentStep): void {
    this.timeline.push(`${kind}|${step}|${this.revision}|${org}|${actorOrg}`);
  }

  private notify(kind: string, recipients: string[]): void {
    const unique = [...new Set(recipients)];
    if (unique.length === 0) return;
    this.seq += 1;
    const delivered: Record<string, string[]> = {};
    for (const org of unique) delivered[org] = this.channelsOf(org);
    this.notifications.push({ kind, sequence: this.seq, step: this.currentStep, delivered });
  }

  private participantsNow(): string[] {
    return this.active.seats.map((s) => s.org);
  }

  private activate(index: number): void {
    this.currentStep = index;
    this.steps[index].status = 'ACTIVE';
    this.event('STEP_ACTIVATED', SYSTEM, '', index);
    this.notify('REQUEST_CREATED', index === 0 ? [...this.participantsNow(), ...this.spec.tembusan] : this.participantsNow());
  }

  private close(status: string, actorOrg: string, kind: string): void {
    this.status = status;
    const step = this.active;
    if (step.status === 'ACTIVE' || step.status === 'CHANGES_REQUESTED') step.status = status === 'APPROVED' ? 'APPROVED' : status === 'REJECTED' ? 'REJECTED' : 'CLOSED';
    for (const later of this.steps.slice(this.currentStep + 1)) later.status = 'CLOSED';
    this.event(kind, actorOrg);
    if (kind !== 'COMPLETED') this.event('COMPLETED', SYSTEM);
  }

  /** The approval policy as docs/ARCHITECTURE.md#the-coordination-request states it. */
  private outcome(step: StepModel): 'APPROVED' | 'REJECTED' | 'CHANGES_REQUESTED' | 'PENDING' {
    const n = step.seats.length;
    const approved = step.seats.filter((s) => s.status === 'APPROVED').length;
    const rejected = step.seats.filter((s) => s.status === 'REJECTED').length;
    const changes = step.seats.filter((s) => s.status === 'CHANGES_REQUESTED').length;
    const p = step.policy;
    if (p.type === 'ALL') {
      if (approved === n) return 'APPROVED';
      if (rejected > 0) return 'REJECTED';
    } else if (p.type === 'ANY') {
      if (approved >= 1) return 'APPROVED';
      if (rejected === n) return 'REJECTED';
    } else {
      if (approved >= p.min) return 'APPROVED';
      if (n - rejected < p.min) return 'REJECTED';
    }
    return changes > 0 ? 'CHANGES_REQUESTED' : 'PENDING';
  }

  /**
   * The seat rules (docs/ARCHITECTURE.md#seats): no seat to the requester; when the requester moves a
   * seat that is not its own, a reason, and nothing under the requester. Broken rules are bad input
   * (400) whatever the request's state.
   */
  refusedInput(a: Action): boolean {
    if (a.type !== 'delegate') return false;
    const requester = this.spec.requester;
    if (a.to === requester || a.to === a.from) return true;
    if (a.by === requester && a.by !== a.from) return !a.comment?.trim() || isUnder(a.to, requester);
    return false;
  }

  /** Whether the engine must accept the action now. */
  allowed(a: Action): boolean {
    if (!this.open) return false;
    switch (a.type) {
      case 'respond': {
        if (this.status !== 'IN_PROGRESS') return false;
        const seat = this.active.seats.find((s) => s.org === a.org);
        if (!seat || (seat.status !== 'PENDING' && seat.status !== 'ACKNOWLEDGED')) return false;
        return !(a.decision === 'ACKNOWLEDGE' && seat.status === 'ACKNOWLEDGED');
      }
      case 'revise':
        return this.status === 'CHANGES_REQUESTED';
      case 'cancel':
        return true;
      case 'delegate': {
        const seat = this.active.seats.find((x) => x.org === a.from);
        if (!seat || (seat.status !== 'PENDING' && seat.status !== 'ACKNOWLEDGED')) return false;
        return !this.active.seats.some((x) => x.org === a.to);
      }
    }
  }

  /** Apply an allowed action. */
  apply(a: Action): void {
    const requester = this.spec.requester;
    switch (a.type) {
      case 'respond': {
        const seat = this.active.seats.find((s) => s.org === a.org)!;
        const kind = { ACKNOWLEDGE: 'ACKNOWLEDGED', APPROVE: 'APPROVED', REJECT: 'REJECTED', REQUEST_CHANGES: 'CHANGES_REQUESTED' }[a.decision];
        seat.status = kind as SeatStatus;
        this.event(kind, a.org, a.org);
        if (a.decision === 'ACKNOWLEDGE') return;
        const out = this.outcome(this.active);
        if (out === 'APPROVED') {
          this.active.status = 'APPROVED';
          this.event('STEP_APPROVED', SYSTEM);
          if (this.currentStep + 1 < this.steps.length) this.activate(this.currentStep + 1);
          else {
            this.close('APPROVED', SYSTEM, 'COMPLETED');
            this.notify('OUTCOME_APPROVED', [requester, ...this.spec.tembusan, ...this.participantsNow()]);
          }
        } else if (out === 'REJECTED') {
          this.event('STEP_REJECTED', SYSTEM);
          this.close('REJECTED', SYSTEM, 'COMPLETED');
          this.notify('OUTCOME_REJECTED', [requester, ...this.spec.tembusan, ...this.participantsNow()]);
        } else if (out === 'CHANGES_REQUESTED' && this.status !== 'CHANGES_REQUESTED') {
          this.status = 'CHANGES_REQUESTED';
          this.active.status = 'CHANGES_REQUESTED';
          this.notify('CHANGES_REQUESTED', [requester]);
        }
        return;
      }
      case 'revise': {
        this.revision += 1;
        if (a.title !== undefined) this.title = a.title;
        const again = this.active.seats.filter((s) => a.reanswer === 'ALL' || s.status === 'CHANGES_REQUESTED');
        for (const s of again) s.status = 'PENDING';
        this.status = 'IN_PROGRESS';
        this.active.status = 'ACTIVE';
        this.event('REVISED', requester);
        this.notify('REVISED', again.map((s) => s.org));
        return;
      }
      case 'cancel':
        this.close('CANCELLED', requester, 'CANCELLED');
        this.notify('CANCELLED', [...this.participantsNow(), ...this.spec.tembusan]);
        return;
      case 'delegate': {
        const seat = this.active.seats.find((x) => x.org === a.from)!;
        seat.org = a.to;
        seat.status = 'PENDING';
        this.event('DELEGATED', a.by, a.to);
        // Moved on the holder's behalf: the holder's parent is told as well.
        const parent = a.by !== a.from ? PARENT[a.from] : undefined;
        this.notify('DELEGATED', [a.to, a.from, ...(parent ? [parent] : [])]);
        return;
      }
    }
  }
}

/** Channels the engine uses for an organization of the reliability directory. */
export function channelsFor(webhookOrgs: Set<string>): (org: string) => string[] {
  return (org) => (webhookOrgs.has(org) ? ['email', 'webhook'] : ['email']);
}

function randomPolicy(r: Rng, n: number): Policy {
  const type = r.weighted<Policy['type']>([
    ['ALL', 5],
    ['ANY', 2],
    ['QUORUM', 3],
  ]);
  return type === 'QUORUM' ? { type, min: r.int(1, n) } : { type };
}

function randomSpec(r: Rng, i: number, runTag: string): RequestSpec {
  const pool = r.shuffle(PARTICIPANT_POOL);
  const stepCount = r.chance(0.3) ? 2 : 1;
  const steps: StepSpec[] = [];
  for (let s = 0; s < stepCount; s++) {
    const n = r.int(1, 3);
    const participants = pool.splice(0, n);
    steps.push({ participants, policy: randomPolicy(r, n) });
  }
  return {
    key: `${runTag}-req-${i}`,
    requester: r.pick(REQUESTERS),
    title: `Koordinasi uji keandalan #${i}`,
    tembusan: r.chance(0.5) ? [...TEMBUSAN_POOL] : [],
    steps,
  };
}

/** One action the script may try next: mostly allowed moves, sometimes a refused one. */
function nextAction(r: Rng, m: RequestModel, k: number): Action | null {
  if (!m.open) {
    // A late action on a closed request must be refused (409) and change nothing.
    return r.chance(0.5) ? { type: 'cancel', reason: `terlambat ${k}` } : { type: 'respond', org: r.pick(m.active.seats).org, decision: 'APPROVE' };
  }
  if (r.chance(0.04)) return { type: 'cancel', reason: `dibatalkan ${k}` };
  if (m.status === 'CHANGES_REQUESTED') {
    if (r.chance(0.15)) return { type: 'respond', org: r.pick(m.active.seats).org, decision: 'APPROVE' }; // refused: waiting for a revision
    return { type: 'revise', reanswer: r.chance(0.7) ? 'CHANGE_REQUESTERS' : 'ALL', comment: `revisi ${k}`, ...(r.chance(0.3) ? { title: `${m.spec.title} (rev ${m.revision + 1})` } : {}) };
  }
  if (r.chance(0.06)) return { type: 'revise', reanswer: 'CHANGE_REQUESTERS', comment: `revisi tanpa permintaan ${k}` }; // refused
  const seats = m.active.seats;
  const undecided = seats.filter((s) => s.status === 'PENDING' || s.status === 'ACKNOWLEDGED');
  const decided = seats.filter((s) => !undecided.includes(s));
  if (decided.length && r.chance(0.1)) return { type: 'respond', org: r.pick(decided).org, decision: r.pick(['APPROVE', 'REJECT'] as const) }; // refused
  if (r.chance(0.12)) return delegation(r, m, k);
  const seat = r.pick(undecided);
  const decision = r.weighted<Decision>([
    ['APPROVE', 55],
    ['ACKNOWLEDGE', seat.status === 'ACKNOWLEDGED' ? 4 : 15],
    ['REJECT', 8],
    ['REQUEST_CHANGES', 12],
  ]);
  return { type: 'respond', org: seat.org, decision, ...(decision === 'REQUEST_CHANGES' ? { comment: `mohon perbaikan ${k}` } : r.chance(0.3) ? { comment: `catatan ${k}` } : {}) };
}

/** A seat move: by the holder or by the requester, to anywhere, including where the rules forbid. */
function delegation(r: Rng, m: RequestModel, k: number): Action {
  const requester = m.spec.requester;
  const from = r.pick(m.active.seats).org;
  const by = r.chance(0.5) ? requester : from;
  const elsewhere = [...PARTICIPANT_POOL, 'kpu-sumbawa', 'pemprov-ntb'].filter((o) => o !== requester && !m.active.seats.some((s) => s.org === o));
  const to = r.weighted<string>([
    [requester, 2],
    [r.pick(elsewhere.length ? elsewhere : [requester]), 8],
  ]);
  return { type: 'delegate', by, from, to, ...(r.chance(0.8) ? { comment: `dialihkan ${k}` } : {}) };
}

/** Scripts of `count` requests, reproducible from the generator's seed. */
export function generateScripts(r: Rng, count: number, runTag: string, channelsOf: (org: string) => string[]): RequestScript[] {
  const scripts: RequestScript[] = [];
  for (let i = 0; i < count; i++) {
    const spec = randomSpec(r, i, runTag);
    const m = new RequestModel(spec, channelsOf);
    const initial = m.projection();
    const actions: ScriptedAction[] = [];
    const limit = r.int(3, 12);
    let closedTail = 0;
    for (let k = 0; k < limit && closedTail < 1; k++) {
      if (!m.open) closedTail++;
      const action = nextAction(r, m, k)!;
      const bad = m.refusedInput(action);
      const ok = !bad && m.allowed(action);
      if (ok) m.apply(action);
      actions.push({ action, expectStatus: bad ? 400 : ok ? 200 : 409, expectAfter: m.projection() });
    }
    scripts.push({ spec, initial, actions, final: m.projection(), timeline: [...m.timeline], notifications: m.notifications.map((n) => ({ ...n })) });
  }
  return scripts;
}

/** Projection of a CoordinationState as the API returns it. */
export function project(state: {
  status: string;
  revision: number;
  title: string;
  currentStep: number;
  steps: Array<{ status: string; participants: Array<{ org: string; status: string }> }>;
}): Projection {
  return {
    status: state.status,
    revision: state.revision,
    title: state.title,
    currentStep: state.currentStep,
    steps: state.steps.map((s) => ({ status: s.status, participants: s.participants.map((p) => ({ org: p.org, status: p.status })) })),
  };
}
