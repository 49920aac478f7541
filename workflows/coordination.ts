/**
 * The coordination request workflow (DESIGN §3): ordered steps of multi-party approvals with
 * durable reminders, working-hours shifts, escalation, expiry, and a timeline as audit trail.
 *
 * Shape of the run:
 * - Updates (with validators) change the state; queries read it. Validators are synchronous and
 *   reject an action that is not allowed now, so it never enters history.
 * - The main loop sleeps until the next nominal schedule event (overdue flag, reminder, escalation,
 *   expiry) or the next shifted delivery, whichever is first, and wakes early when an update
 *   changed the schedule.
 * - Calendar arithmetic (working days, holidays) runs in local activities so its answers are
 *   recorded in history: a newer holiday table never changes what a running request decided.
 * - Notifications are activities started without blocking the loop; their results are recorded in
 *   the timeline when they settle.
 * - Before history grows large the run continues-as-new, carrying state, timeline and schedule.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CoordinationActivities } from '../activities/types';
import { isAdmin } from '../src/domain/actor';
import { parseDuration } from '../src/domain/duration';
import { evaluateStep } from '../src/domain/policy';
import { cursorAfter, cursorAt, nextNominalEvent, type NominalEvent, type ScheduleCursor } from '../src/domain/schedule';
import { delegationRefusal, movedOnBehalf } from '../src/domain/seats';
import { CHANGES_NEED_COMMENT, changesNeedComment, TEXT_LIMITS, textProblem } from '../src/domain/text';
import {
  notificationKey,
  type Actor,
  type Channel,
  type CoordinationRequestInput,
  type CoordinationState,
  type DeadlineSpec,
  type NotificationKind,
  type NotificationMessage,
  type OrgId,
  type OrgRef,
  type RecipientRole,
  type RequestStatus,
  type TimelineEvent,
  type TimelineKind,
} from '../src/domain/types';
import {
  cancelUpdate,
  delegateUpdate,
  extendDeadlineUpdate,
  readyUpdate,
  REJECTED_ACTION,
  respondUpdate,
  reviseUpdate,
  stateQuery,
  timelineQuery,
} from './messages';
import {
  activeStep,
  initialState,
  isOpen,
  isUndecided,
  refreshProgress,
  searchAttributeUpdates,
} from '../src/domain/requestState';

/**
 * Directory lookups and calendar arithmetic run as local activities: fast, in-process, and
 * finished within the workflow task that asked, so a new request is fully set up (organizations
 * known, first deadline computed) by the time its first task completes. Their answers are recorded
 * in history: a directory or holiday-table change never alters what a running request decided.
 */
const local = proxyLocalActivities<CoordinationActivities>({
  startToCloseTimeout: '10s',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['UnknownOrganization'] },
});

const { deliverNotification } = proxyActivities<CoordinationActivities>({
  startToCloseTimeout: '30s',
  // An outage of SMTP or a webhook is waited out; after a week the delivery is recorded as failed.
  scheduleToCloseTimeout: '7d',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '10m', nonRetryableErrorTypes: ['PermanentDeliveryFailure'] },
});

/** Continue-as-new well before Temporal's own limits (50k events) so the carried state stays small. */
const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 5000;
const SYSTEM = { sub: 'system', org: 'system' } as const;

/** A reminder or escalation shifted into a recipient zone's working window, waiting to fire. */
interface ScheduledDelivery {
  atMs: number;
  kind: 'REMINDER_BEFORE' | 'REMINDER_DUE' | 'REMINDER_OVERDUE' | 'ESCALATION';
  label: string;
  timeZone: string;
  sequence: number;
  step: number;
  planVersion: number;
}

/** Schedule of the active step: its nominal plan position and the deliveries waiting to fire. */
interface ScheduleState {
  step: number;
  deadlineMs: number;
  cursor: ScheduleCursor;
  /** Bumped whenever the plan changes (activation, extension, close); stale deliveries are dropped. */
  version: number;
  deliveries: ScheduledDelivery[];
}

/** Everything a run hands to the next one at continue-as-new. */
export interface CarriedOver {
  state: CoordinationState;
  timeline: TimelineEvent[];
  orgs: Record<OrgId, OrgRef>;
  schedule: ScheduleState | null;
  notificationSeq: number;
}

const nowMs = (): number => Date.now(); // the workflow's deterministic clock
const iso = (ms: number): string => new Date(ms).toISOString();
const reject = (reason: string): never => {
  throw ApplicationFailure.create({ type: REJECTED_ACTION, message: reason, nonRetryable: true });
};
/**
 * Patch ids (workflow versioning): code paths added after requests were already running. A
 * running request that recorded the old path replays it; new work takes the new one.
 */
const PATCH_DELEGATION_RULES = 'requester-delegation-rules';
const PATCH_ATTRIBUTED_COMMENTS = 'attributed-change-comments';

export async function coordinationWorkflow(input: CoordinationRequestInput, carried?: CarriedOver): Promise<CoordinationState> {
  const state: CoordinationState = carried?.state ?? initialState(input, iso(nowMs()));
  const timeline: TimelineEvent[] = carried?.timeline ?? [];
  const orgs: Record<OrgId, OrgRef> = carried?.orgs ?? {};
  let schedule: ScheduleState | null = carried?.schedule ?? null;
  let notificationSeq = carried?.notificationSeq ?? 0;
  /** False until the first step is active: actions wait for a request that is fully set up. */
  let ready = !!carried;
  /** Set by handlers when the schedule changed, so the loop recomputes its wake-up time. */
  let wake = false;
  const inFlight = new Set<Promise<void>>();
  const continueAfter = input.options?.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;

  // ---------- timeline, search attributes ----------

  function record(kind: TimelineKind, actor: { sub: string; org: OrgId }, extra: Partial<TimelineEvent> = {}): void {
    const at = iso(nowMs());
    timeline.push({
      seq: (timeline.at(-1)?.seq ?? 0) + 1,
      at,
      kind,
      actor: { sub: actor.sub, org: actor.org },
      revision: state.revision,
      step: state.currentStep,
      ...extra,
    });
    state.updatedAt = at;
  }

  function syncSearchAttributes(): void {
    upsertSearchAttributes(searchAttributeUpdates(state));
  }

  function updateNextReminder(): void {
    const next = schedule?.deliveries.reduce<number | null>((m, d) => (m === null || d.atMs < m ? d.atMs : m), null) ?? null;
    const nominal = schedule ? nextNominalEvent(planOf(schedule), schedule.cursor) : null;
    const candidates = [next, nominal && nominal.kind !== 'OVERDUE' && nominal.kind !== 'EXPIRY' ? nominal.atMs : null].filter(
      (x): x is number => x !== null,
    );
    state.nextReminderAt = isOpen(state) && candidates.length ? iso(Math.min(...candidates)) : null;
    const step = activeStep(state);
    state.expiresAt =
      isOpen(state) && state.expireAfter && step.deadline ? iso(Date.parse(step.deadline) + parseDuration(state.expireAfter)) : null;
  }

  /** After any change: progress, search attributes, next reminder. */
  function changed(): void {
    state.steps.forEach(refreshProgress);
    updateNextReminder();
    syncSearchAttributes();
  }

  // ---------- directory ----------

  /** Make sure refs of these organizations and their parents are known. */
  async function ensureOrgs(ids: OrgId[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !orgs[id]);
    if (missing.length) for (const ref of await local.resolveOrganizations(missing)) orgs[ref.id] = ref;
    const parents = [...new Set(ids.map((id) => orgs[id]?.parentId).filter((p): p is OrgId => !!p && !orgs[p]))];
    if (parents.length) for (const ref of await local.resolveOrganizations(parents)) orgs[ref.id] = ref;
  }

  const zoneOf = (org: OrgId): string => orgs[org]?.timeZone ?? 'Asia/Jakarta';

  /** Ancestors of an organization as far as this run knows them, nearest first. */
  function knownAncestors(id: OrgId): OrgId[] {
    const out: OrgId[] = [];
    for (let p = orgs[id]?.parentId; p && !out.includes(p); p = orgs[p]?.parentId) out.push(p);
    return out;
  }

  /** Make sure the whole parent chain of an organization is known (the seat rules look at it). */
  async function ensureAncestors(id: OrgId): Promise<void> {
    await ensureOrgs([id]); // the organization and its parent
    const seen = new Set<OrgId>();
    for (let p = orgs[id]?.parentId; p && !seen.has(p); p = orgs[p]?.parentId) {
      seen.add(p);
      const grandparent = orgs[p]?.parentId;
      if (grandparent && !orgs[grandparent]) await ensureOrgs([p]);
    }
  }

  // ---------- notifications ----------

  function message(kind: NotificationKind, recipient: OrgId, role: RecipientRole, sequence: number, extra: Partial<NotificationMessage>): NotificationMessage {
    const step = activeStep(state);
    return {
      idempotencyKey: notificationKey(state.id, step.index, recipient, kind, sequence),
      kind,
      recipient,
      role,
      sequence,
      request: {
        id: state.id,
        title: state.title,
        requester: state.requester,
        category: state.category,
        revision: state.revision,
        status: state.status,
        step: step.index,
        stepCount: state.steps.length,
        stepName: step.name,
        deadline: step.deadline,
      },
      ...extra,
    };
  }

  /**
   * Send one notification occasion to its recipients on every channel each has (and the log),
   * without blocking the caller; the timeline records the outcome when all deliveries settle.
   */
  function notify(kind: NotificationKind, recipients: Array<{ org: OrgId; role: RecipientRole }>, extra: Partial<NotificationMessage> = {}, sequence?: number): void {
    const unique = recipients.filter((r, i) => recipients.findIndex((x) => x.org === r.org) === i);
    if (unique.length === 0) return;
    const seq = sequence ?? ++notificationSeq;
    const step = state.currentStep;
    const attempts = unique.flatMap(({ org, role }) => {
      const msg = message(kind, org, role, seq, extra);
      // Email and webhook deliveries log a line each; an organization without contacts gets the
      // log alone, so no notification is ever silently dropped.
      const configured = orgs[org]?.channels ?? [];
      const channels: Channel[] = configured.length ? configured : ['log'];
      return channels.map((channel) =>
        deliverNotification(msg, channel).then(
          (r) => ({ org, channel, ok: r.outcome === 'delivered', skipped: r.outcome === 'skipped', detail: r.detail }),
          (err: unknown) => ({ org, channel, ok: false, skipped: false, detail: failureReason(err) }),
        ),
      );
    });
    const settled: Promise<void> = Promise.all(attempts).then((results) => {
      const delivered: Record<OrgId, Channel[]> = {};
      const failed: Record<OrgId, Record<string, string>> = {};
      for (const r of results) {
        if (r.ok) (delivered[r.org] ??= []).push(r.channel);
        else if (!r.skipped) (failed[r.org] ??= {})[r.channel] = r.detail ?? 'failed';
      }
      const data = { notification: kind, sequence: seq, delivered, ...(Object.keys(failed).length ? { failed } : {}) };
      record(Object.keys(failed).length ? 'NOTIFICATION_FAILED' : 'NOTIFICATION_DELIVERED', SYSTEM, { step, data });
      inFlight.delete(settled);
    });
    inFlight.add(settled);
  }

  function failureReason(err: unknown): string {
    const cause = err instanceof ActivityFailure ? err.cause : err;
    return cause instanceof Error ? cause.message : String(cause);
  }

  const currentParticipants = (): Array<{ org: OrgId; role: RecipientRole }> =>
    activeStep(state).participants.map((p) => ({ org: p.org, role: 'PARTICIPANT' as const }));
  const tembusan = (): Array<{ org: OrgId; role: RecipientRole }> => state.tembusan.map((org) => ({ org, role: 'TEMBUSAN' as const }));
  const requester = (): Array<{ org: OrgId; role: RecipientRole }> => [{ org: state.requester, role: 'REQUESTER' }];

  // ---------- steps and schedule ----------

  const planOf = (s: ScheduleState) => ({
    deadlineMs: s.deadlineMs,
    reminders: state.steps[s.step].reminders,
    expireAfter: state.expireAfter,
  });

  async function resolveDeadline(spec: DeadlineSpec, fromMs: number): Promise<number> {
    switch (spec.kind) {
      case 'AT':
        return Date.parse(spec.at);
      case 'DURATION':
        return fromMs + parseDuration(spec.duration);
      case 'WORKING_DAYS':
        return Date.parse(await local.resolveDeadline({ from: iso(fromMs), spec, timeZone: zoneOf(state.requester) }));
    }
  }

  function plan(stepIndex: number, deadlineMs: number, fromMs: number): void {
    schedule = { step: stepIndex, deadlineMs, cursor: cursorAfter(fromMs), version: (schedule?.version ?? 0) + 1, deliveries: [] };
    wake = true;
  }

  async function activateStep(index: number): Promise<void> {
    state.currentStep = index;
    const step = state.steps[index];
    const at = nowMs();
    step.status = 'ACTIVE';
    step.activatedAt = iso(at);
    const deadlineMs = await resolveDeadline(step.deadlineSpec, at);
    step.deadline = iso(deadlineMs);
    step.overdue = deadlineMs <= nowMs();
    plan(index, deadlineMs, at);
    record('STEP_ACTIVATED', SYSTEM, { step: index, data: { deadline: step.deadline, participants: step.participants.map((p) => p.org) } });
    notify('REQUEST_CREATED', index === 0 ? [...currentParticipants(), ...tembusan()] : currentParticipants());
    changed();
  }

  function close(status: RequestStatus, actor: { sub: string; org: OrgId }, kind: TimelineKind, comment?: string): void {
    state.status = status;
    state.closedAt = iso(nowMs());
    const step = activeStep(state);
    if (step.status === 'ACTIVE' || step.status === 'CHANGES_REQUESTED') step.status = status === 'APPROVED' ? 'APPROVED' : status === 'REJECTED' ? 'REJECTED' : 'CLOSED';
    for (const later of state.steps.slice(state.currentStep + 1)) later.status = 'CLOSED';
    if (schedule) schedule = { ...schedule, version: schedule.version + 1, deliveries: [] };
    record(kind, actor, comment ? { comment } : {});
    if (kind !== 'COMPLETED') record('COMPLETED', SYSTEM, { data: { status } });
    wake = true;
  }

  /** Apply the approval policy to the active step after a response. */
  async function decideStep(actor: { sub: string; org: OrgId }): Promise<void> {
    const step = activeStep(state);
    refreshProgress(step);
    const outcome = evaluateStep(step.policy, step.participants);
    if (outcome === 'APPROVED') {
      step.status = 'APPROVED';
      step.decidedAt = iso(nowMs());
      record('STEP_APPROVED', SYSTEM, { data: { progress: step.progress } });
      if (state.currentStep + 1 < state.steps.length) {
        await activateStep(state.currentStep + 1);
      } else {
        close('APPROVED', SYSTEM, 'COMPLETED');
        notify('OUTCOME_APPROVED', [...requester(), ...tembusan(), ...currentParticipants()]);
      }
    } else if (outcome === 'REJECTED') {
      step.decidedAt = iso(nowMs());
      record('STEP_REJECTED', SYSTEM, { data: { progress: step.progress } });
      close('REJECTED', SYSTEM, 'COMPLETED');
      notify('OUTCOME_REJECTED', [...requester(), ...tembusan(), ...currentParticipants()]);
    } else if (outcome === 'CHANGES_REQUESTED' && state.status !== 'CHANGES_REQUESTED') {
      state.status = 'CHANGES_REQUESTED';
      step.status = 'CHANGES_REQUESTED';
      const askers = step.participants.filter((p) => p.status === 'CHANGES_REQUESTED');
      // Each asker's words stay its own (older runs sent one text with "org: " prefixes).
      const words = patched(PATCH_ATTRIBUTED_COMMENTS)
        ? { comments: askers.map((p) => ({ org: p.org, text: p.comment ?? '' })) }
        : { comment: askers.map((p) => `${p.org}: ${p.comment ?? ''}`).join('\n') };
      notify('CHANGES_REQUESTED', requester(), { ...words, actor });
    }
    changed();
  }

  /** Process nominal events that are due, then fire shifted deliveries that are due. */
  async function runDueSchedule(): Promise<void> {
    for (;;) {
      const s = schedule;
      if (!s || !isOpen(state)) return;
      const ev = nextNominalEvent(planOf(s), s.cursor);
      if (!ev || ev.atMs > nowMs()) break;
      s.cursor = cursorAt(ev);
      await onNominalEvent(ev, s);
    }
    const s = schedule;
    if (!s) return;
    const due = s.deliveries.filter((d) => d.atMs <= nowMs());
    s.deliveries = s.deliveries.filter((d) => d.atMs > nowMs());
    for (const d of due) if (d.planVersion === s.version) fire(d);
    updateNextReminder();
  }

  async function onNominalEvent(ev: NominalEvent, s: ScheduleState): Promise<void> {
    const step = state.steps[s.step];
    switch (ev.kind) {
      case 'OVERDUE':
        if (!step.overdue) {
          step.overdue = true;
          record('OVERDUE', SYSTEM, { data: { deadline: step.deadline } });
          changed();
        }
        return;
      case 'EXPIRY':
        close('EXPIRED', SYSTEM, 'EXPIRED');
        notify('OUTCOME_EXPIRED', [...requester(), ...tembusan(), ...currentParticipants()]);
        changed();
        return;
      default: {
        const recipients = ev.kind === 'ESCALATION' ? escalationRecipients() : reminderRecipients();
        if (recipients.length === 0) return;
        const zones = [...new Set(recipients.map(zoneOf))].sort();
        const sequence = ++notificationSeq;
        const shifted = state.workingHours
          ? (await local.shiftToWorkingTime(zones.map((timeZone) => ({ at: iso(ev.atMs), timeZone })))).map((x) => Date.parse(x))
          : zones.map(() => ev.atMs);
        if (schedule !== s || s.version !== schedule.version) return; // the plan changed meanwhile
        zones.forEach((timeZone, i) => {
          const d: ScheduledDelivery = { atMs: shifted[i], kind: ev.kind as ScheduledDelivery['kind'], label: ev.label, timeZone, sequence, step: s.step, planVersion: s.version };
          // One pending reminder per zone: repeats that pile up outside working hours (a long
          // weekend) collapse into the latest one instead of a burst at the next 08:00.
          if (d.kind !== 'ESCALATION') {
            s.deliveries = s.deliveries.filter((x) => x.kind === 'ESCALATION' || x.timeZone !== timeZone);
          }
          s.deliveries.push(d);
        });
        if (ev.kind === 'ESCALATION') {
          step.escalated = true;
          changed();
        }
      }
    }
  }

  /** Undecided participants of the active step (nobody while the requester is revising). */
  function reminderRecipients(): OrgId[] {
    if (state.status !== 'IN_PROGRESS') return [];
    return activeStep(state).participants.filter(isUndecided).map((p) => p.org);
  }

  /** Parents of silent participants, and the requester's parent secretariat. */
  function escalationRecipients(): OrgId[] {
    const silent = reminderRecipients();
    if (silent.length === 0) return [];
    const targets = silent.map((o) => orgs[o]?.parentId).concat(orgs[state.requester]?.parentId);
    return [...new Set(targets.filter((o): o is OrgId => !!o))];
  }

  function fire(d: ScheduledDelivery): void {
    if (d.kind === 'ESCALATION') {
      const silent = reminderRecipients();
      if (silent.length === 0) return;
      const recipients = escalationRecipients().filter((o) => zoneOf(o) === d.timeZone);
      if (recipients.length === 0) return;
      record('ESCALATED', SYSTEM, { step: d.step, data: { recipients, silent, sequence: d.sequence } });
      notify('ESCALATION', recipients.map((org) => ({ org, role: 'SUPERVISOR' as const })), { silentOrgs: silent }, d.sequence);
      return;
    }
    const recipients = reminderRecipients().filter((o) => zoneOf(o) === d.timeZone);
    if (recipients.length === 0) return;
    record('REMINDER_SENT', SYSTEM, { step: d.step, data: { kind: d.kind, label: d.label, recipients, sequence: d.sequence } });
    notify(d.kind, recipients.map((org) => ({ org, role: 'PARTICIPANT' as const })), { reminderLabel: d.label }, d.sequence);
  }

  function nextWakeMs(): number | null {
    const s = schedule;
    if (!s || !isOpen(state)) return null;
    const nominal = nextNominalEvent(planOf(s), s.cursor)?.atMs ?? null;
    const deliveries = s.deliveries.map((d) => d.atMs);
    const all = [...deliveries, ...(nominal === null ? [] : [nominal])];
    return all.length ? Math.min(...all) : null;
  }

  // ---------- validators (synchronous; a throw keeps the action out of history) ----------

  function mustBeOpen(): void {
    if (!ready) reject('the request is still being set up; retry in a moment');
    if (state.status === 'CHANGES_REQUESTED' || state.status === 'IN_PROGRESS') return;
    reject(`request is closed (${state.status})`);
  }

  function mustBeRequester(actor: Actor, what: string): void {
    if (actor.org !== state.requester && !isAdmin(actor)) reject(`only the requester organization ${state.requester} may ${what}`);
  }

  function commentOk(comment: string | undefined): void {
    const problem = textProblem(comment, 'comment', TEXT_LIMITS.comment);
    if (problem) reject(problem);
  }

  // ---------- handlers ----------

  setHandler(stateQuery, () => state);
  // Lets a creator read the request as set up (first step active, deadline computed), not as it
  // looks before the first workflow task finished; a query right after start may see the latter.
  setHandler(readyUpdate, async () => {
    await condition(() => ready);
    return state;
  });
  setHandler(timelineQuery, (afterSeq?: number) => (afterSeq ? timeline.filter((e) => e.seq > afterSeq) : timeline));

  setHandler(
    respondUpdate,
    async ({ actor, organization, decision, comment, via }) => {
      const step = activeStep(state);
      const seat = step.participants.find((p) => p.org === organization)!;
      seat.status = decision === 'ACKNOWLEDGE' ? 'ACKNOWLEDGED' : decision === 'APPROVE' ? 'APPROVED' : decision === 'REJECT' ? 'REJECTED' : 'CHANGES_REQUESTED';
      seat.comment = comment;
      seat.respondedAt = iso(nowMs());
      seat.respondedBy = actor.sub;
      const kind: TimelineKind = decision === 'ACKNOWLEDGE' ? 'ACKNOWLEDGED' : decision === 'APPROVE' ? 'APPROVED' : decision === 'REJECT' ? 'REJECTED' : 'CHANGES_REQUESTED';
      // Data only (no new commands): histories without `via` replay exactly as before.
      record(kind, actor, { org: organization, ...(comment ? { comment } : {}), ...(via ? { data: { via: 'email-link', address: via.emailLink } } : {}) });
      if (decision === 'ACKNOWLEDGE') changed();
      else await decideStep(actor);
      return state;
    },
    {
      validator: ({ actor, organization, decision, comment }) => {
        if (state.status === 'CHANGES_REQUESTED') reject('request is waiting for a revision by the requester');
        mustBeOpen();
        if (organization !== actor.org && !isAdmin(actor)) reject(`organization ${actor.org} may answer only for its own seat`);
        const step = activeStep(state);
        const seat = step.participants.find((p) => p.org === organization);
        if (!seat) {
          const other = state.steps.find((s) => s.participants.some((p) => p.org === organization));
          reject(
            other
              ? `${organization} has a seat in step ${other.index + 1}, not in the active step ${step.index + 1}`
              : `${organization} is not a participant of this request`,
          );
        }
        if (!isUndecided(seat!)) reject(`${organization} has already decided (${seat!.status})`);
        if (decision === 'ACKNOWLEDGE' && seat!.status === 'ACKNOWLEDGED') reject(`${organization} has already acknowledged`);
        if (changesNeedComment(decision, comment)) reject(CHANGES_NEED_COMMENT);
        commentOk(comment);
      },
    },
  );

  setHandler(
    reviseUpdate,
    ({ actor, comment, title, description, reanswer }) => {
      const step = activeStep(state);
      state.revision += 1;
      if (title !== undefined) state.title = title;
      if (description !== undefined) state.description = description;
      const again = step.participants.filter((p) => (reanswer === 'ALL' ? true : p.status === 'CHANGES_REQUESTED'));
      for (const p of again) {
        p.status = 'PENDING';
        delete p.comment;
        delete p.respondedAt;
        delete p.respondedBy;
      }
      state.status = 'IN_PROGRESS';
      step.status = 'ACTIVE';
      record('REVISED', actor, { ...(comment ? { comment } : {}), data: { reanswer: again.map((p) => p.org) } });
      notify('REVISED', again.map((p) => ({ org: p.org, role: 'PARTICIPANT' as const })), { ...(comment ? { comment } : {}), actor });
      wake = true;
      changed();
      return state;
    },
    {
      validator: ({ actor, comment, title, description }) => {
        mustBeOpen();
        mustBeRequester(actor, 'revise');
        if (state.status !== 'CHANGES_REQUESTED') reject('no changes were requested: nothing to revise');
        commentOk(comment);
        if (title !== undefined && title.trim() === '') reject(`title must be 1..${TEXT_LIMITS.title} characters`);
        const problem = textProblem(title, 'title', TEXT_LIMITS.title, false) ?? textProblem(description, 'description', TEXT_LIMITS.description);
        if (problem) reject(problem);
      },
    },
  );

  setHandler(
    extendDeadlineUpdate,
    async ({ actor, deadline, comment }) => {
      const step = activeStep(state);
      const previous = step.deadline;
      const at = nowMs();
      const deadlineMs = await resolveDeadline(deadline, at);
      if (previous && deadlineMs <= Date.parse(previous)) {
        throw ApplicationFailure.create({ type: REJECTED_ACTION, message: `new deadline ${iso(deadlineMs)} is not after the current one ${previous}`, nonRetryable: true });
      }
      step.deadline = iso(deadlineMs);
      step.deadlineSpec = deadline;
      step.overdue = false;
      step.escalated = false;
      plan(step.index, deadlineMs, at);
      record('DEADLINE_EXTENDED', actor, { ...(comment ? { comment } : {}), data: { from: previous, to: step.deadline } });
      notify(
        'DEADLINE_EXTENDED',
        step.participants.filter(isUndecided).map((p) => ({ org: p.org, role: 'PARTICIPANT' as const })),
        comment ? { comment, actor } : { actor },
      );
      changed();
      return state;
    },
    {
      validator: ({ actor, deadline, comment }) => {
        mustBeOpen();
        mustBeRequester(actor, 'extend the deadline');
        commentOk(comment);
        const current = activeStep(state).deadline;
        if (deadline.kind === 'AT') {
          const ms = Date.parse(deadline.at);
          if (Number.isNaN(ms)) reject('deadline.at is not a valid instant');
          if (ms <= nowMs()) reject('the new deadline is in the past');
          if (current && ms <= Date.parse(current)) reject(`the new deadline must be after the current one (${current})`);
        } else if (deadline.kind === 'DURATION') {
          let ms = 0;
          try {
            ms = parseDuration(deadline.duration);
          } catch (err) {
            reject(`deadline.duration: ${(err as Error).message}`);
          }
          if (current && nowMs() + ms <= Date.parse(current)) reject(`the new deadline must be after the current one (${current})`);
        } else if (!(Number.isInteger(deadline.days) && deadline.days >= 1)) {
          reject('deadline.days must be a whole number ≥ 1');
        }
      },
    },
  );

  /** The open step where `from` holds a seat, and that seat. */
  function seatOf(from: OrgId) {
    const step = state.steps.find((s) => (s.status === 'ACTIVE' || s.status === 'WAITING' || s.status === 'CHANGES_REQUESTED') && s.participants.some((p) => p.org === from));
    return { step, seat: step?.participants.find((p) => p.org === from) };
  }

  setHandler(
    delegateUpdate,
    async ({ actor, from, to, comment }) => {
      const rules = patched(PATCH_DELEGATION_RULES);
      if (rules) await ensureAncestors(to);
      else await ensureOrgs([to]);
      // Everything below runs after the last await: checked again against the state as it is now.
      const { step, seat } = seatOf(from);
      if (!step || !seat || step.participants.some((p) => p.org === to)) {
        // The state moved while the directory was consulted.
        throw ApplicationFailure.create({ type: REJECTED_ACTION, message: `${from} no longer holds a seat that can be delegated to ${to}`, nonRetryable: true });
      }
      const refusal = rules ? delegationRefusal({ actor, requester: state.requester, from, to, comment, ancestorsOfTo: knownAncestors(to) }) : null;
      if (refusal) throw ApplicationFailure.create({ type: REJECTED_ACTION, message: refusal.reason, nonRetryable: true });
      seat.delegatedFrom.push(from);
      seat.org = to;
      seat.status = 'PENDING';
      delete seat.comment;
      record('DELEGATED', actor, { step: step.index, org: to, ...(comment ? { comment } : {}), data: { from, to } });
      // Moved by someone else (the requester, an admin): the holder's parent learns of it too.
      const holderParent = rules && movedOnBehalf({ actor, from }) ? orgs[from]?.parentId : undefined;
      if (step.status === 'ACTIVE' || step.status === 'CHANGES_REQUESTED') {
        notify(
          'DELEGATED',
          [{ org: to, role: 'PARTICIPANT' }, { org: from, role: 'PARTICIPANT' }, ...(holderParent ? [{ org: holderParent, role: 'SUPERVISOR' as const }] : [])],
          { delegation: { from, to }, actor, ...(rules && comment ? { comment } : {}) },
        );
      }
      changed();
      return state;
    },
    {
      validator: ({ actor, from, to, comment }) => {
        mustBeOpen();
        commentOk(comment);
        const refusal = delegationRefusal({ actor, requester: state.requester, from, to, comment, ancestorsOfTo: knownAncestors(to) });
        if (refusal) reject(refusal.reason);
        const { step, seat } = seatOf(from);
        if (!step || !seat) return reject(`${from} holds no seat in an open step`);
        if (!isUndecided(seat)) reject(`${from} has already decided (${seat.status}); a decided seat cannot be delegated`);
        if (step.participants.some((p) => p.org === to)) reject(`${to} already holds a seat in step ${step.index + 1}`);
      },
    },
  );

  setHandler(
    cancelUpdate,
    ({ actor, reason }) => {
      close('CANCELLED', actor, 'CANCELLED', reason);
      notify('CANCELLED', [...currentParticipants(), ...tembusan()], { ...(reason ? { comment: reason } : {}), actor });
      changed();
      return state;
    },
    {
      validator: ({ actor, reason }) => {
        mustBeOpen();
        mustBeRequester(actor, 'cancel');
        commentOk(reason);
      },
    },
  );

  // ---------- start or resume ----------

  if (!carried) {
    record('CREATED', input.createdBy, { data: { steps: input.steps.length, tembusan: input.tembusan } });
    changed();
    await ensureOrgs([state.requester, ...state.tembusan, ...state.steps.flatMap((s) => s.participants.map((p) => p.org))]);
    await activateStep(0);
    ready = true;
  } else {
    state.generation += 1;
    changed();
  }

  // ---------- main loop ----------

  while (isOpen(state)) {
    const wakeAt = nextWakeMs();
    wake = false;
    if (wakeAt === null) await condition(() => wake || !isOpen(state));
    else if (wakeAt > nowMs()) await condition(() => wake || !isOpen(state), wakeAt - nowMs());
    await runDueSchedule();
    if (isOpen(state) && (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > continueAfter)) {
      // Let running deliveries and handlers finish so nothing is lost between runs.
      await Promise.all([...inFlight]);
      await condition(allHandlersFinished);
      if (isOpen(state)) {
        await continueAsNew<typeof coordinationWorkflow>(input, { state, timeline, orgs, schedule, notificationSeq });
      }
    }
  }

  // Closed: finish outstanding deliveries (their outcome goes into the timeline) and handlers.
  while (inFlight.size > 0) await Promise.all([...inFlight]);
  await condition(allHandlersFinished);
  return state;
}
