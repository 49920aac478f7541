/**
 * Coordination schedules on Temporal Schedules (docs/ARCHITECTURE.md#recurring-coordination):
 * create (idempotent, like requests), describe, list, pause, resume, delete. Each schedule starts
 * `scheduledRequestWorkflow` with the request template; what the API needs to know of a schedule
 * without decoding its action (requester, title, the recurrence as asked) travels in its memo.
 */
import { MONTHS, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleDescription, type ScheduleSpec, type ScheduleSummary } from '@temporalio/client';
import { occurrenceWorkflowIdFor, OCCURRENCE_WORKFLOW_TYPE, scheduleIdFor, type OccurrenceInput, type RequestTemplate } from '../../domain/occurrence';
import type { Recurrence, RecurrencePlan } from '../../domain/recurrence';
import type { OrgId } from '../../domain/types';
import { ProblemError } from '../problem';

/** What the memo keeps: who owns the schedule and what was asked, for lists and access. */
export interface ScheduleFacts {
  requester: OrgId;
  createdBy: { sub: string; org: OrgId };
  title: string;
  recurrence: Recurrence;
  timeZone: string;
  startDate: string;
  endDate: string | null;
  skipHolidays: boolean;
  bodyHash: string;
}

export interface ScheduleView extends Omit<ScheduleFacts, 'bodyHash'> {
  id: string;
  paused: boolean;
  note: string | null;
  /** Holidays and joint-leave days this schedule skips. */
  skippedDays: number;
  nextRuns: string[];
  recentRuns: Array<{ scheduledAt: string; startedAt: string }>;
  template?: RequestTemplate;
}

const MEMO_KEY = 'koordinasiSchedule';
const PREFIX = scheduleIdFor('');

function toSpec(plan: RecurrencePlan): ScheduleSpec {
  return {
    timezone: plan.timeZone,
    startAt: new Date(plan.startAt),
    ...(plan.endAt !== null ? { endAt: new Date(plan.endAt) } : {}),
    ...(plan.cron ? { cronExpressions: [plan.cron] } : {}),
    ...(plan.interval ? { intervals: [{ every: plan.interval.everyMs, offset: plan.interval.offsetMs }] } : {}),
    // Every second of the day must match for a time to be skipped.
    skip: plan.skip.map(({ date, reason }) => ({
      year: Number(date.slice(0, 4)),
      month: MONTHS[Number(date.slice(5, 7)) - 1],
      dayOfMonth: Number(date.slice(8, 10)),
      hour: '*' as const,
      minute: '*' as const,
      second: '*' as const,
      comment: reason,
    })),
  };
}

function view(id: string, facts: ScheduleFacts, d: Pick<ScheduleSummary, 'state' | 'info'> & { spec?: { skip?: unknown[] } }, template?: RequestTemplate): ScheduleView {
  const { bodyHash: _hash, ...shown } = facts;
  void _hash;
  return {
    id,
    ...shown,
    paused: d.state.paused,
    note: d.state.note || null,
    skippedDays: d.spec?.skip?.length ?? 0,
    nextRuns: d.info.nextActionTimes.map((t) => t.toISOString()),
    recentRuns: d.info.recentActions.map((a) => ({ scheduledAt: a.scheduledAt.toISOString(), startedAt: a.takenAt.toISOString() })),
    ...(template ? { template } : {}),
  };
}

/** A single schedule's view, with its request template. */
const viewOf = (id: string, facts: ScheduleFacts, d: ScheduleDescription): ScheduleView => view(id, facts, d, (d.action.args?.[0] as OccurrenceInput | undefined)?.template);

/**
 * The server refused the spec (a cron value out of range): the client's input. The SDK turns the
 * server's "Invalid schedule spec" into a TypeError; a plain INVALID_ARGUMENT is the same thing.
 */
const isInvalidSpec = (err: unknown): boolean => err instanceof TypeError || (err as { code?: number }).code === 3;

export class ScheduleService {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  private handle(id: string) {
    return this.client.schedule.getHandle(scheduleIdFor(id));
  }

  /** Create, or find the one an earlier attempt with the same key created (same body: 200, else 409). */
  async create(id: string, facts: ScheduleFacts, plan: RecurrencePlan, occurrence: OccurrenceInput, paused: boolean, note: string | undefined): Promise<{ created: boolean; schedule: ScheduleView }> {
    try {
      await this.client.schedule.create({
        scheduleId: scheduleIdFor(id),
        spec: toSpec(plan),
        action: { type: 'startWorkflow', workflowType: OCCURRENCE_WORKFLOW_TYPE, args: [occurrence], taskQueue: this.taskQueue, workflowId: occurrenceWorkflowIdFor(id) },
        // Occurrences are independent requests: one still running never holds up the next.
        policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '1 day' },
        memo: { [MEMO_KEY]: facts },
        state: { paused, ...(note ? { note } : {}) },
      });
      return { created: true, schedule: await this.get(id) };
    } catch (err) {
      if (err instanceof ScheduleAlreadyRunning) {
        const { d, facts: existing } = await this.describe(id);
        if (existing.bodyHash !== facts.bodyHash) throw new ProblemError('idempotencyConflict', 'this idempotency key was already used for a schedule with a different body');
        return { created: false, schedule: viewOf(id, existing, d) };
      }
      if (isInvalidSpec(err)) {
        throw new ProblemError('validation', `the schedule was refused: ${(err as Error).message}`, { errors: [{ in: 'body', field: 'recurrence', message: (err as Error).message }] });
      }
      throw err;
    }
  }

  private async describe(id: string): Promise<{ d: ScheduleDescription; facts: ScheduleFacts }> {
    try {
      const d = await this.handle(id).describe();
      const facts = d.memo?.[MEMO_KEY] as ScheduleFacts | undefined;
      if (!facts) throw new ProblemError('notFound', 'no such coordination schedule');
      return { d, facts };
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) throw new ProblemError('notFound', 'no such coordination schedule');
      throw err;
    }
  }

  /** The schedule and who owns it (access is decided by the caller from `requester`). */
  async get(id: string): Promise<ScheduleView> {
    const { d, facts } = await this.describe(id);
    return viewOf(id, facts, d);
  }

  async owner(id: string): Promise<OrgId> {
    return (await this.describe(id)).facts.requester;
  }

  /** Schedules whose requester is in `scope` (null: all). Listing is eventually consistent. */
  async list(scope: OrgId[] | null): Promise<ScheduleView[]> {
    const out: ScheduleView[] = [];
    for await (const s of this.client.schedule.list()) {
      if (!s.scheduleId.startsWith(PREFIX)) continue;
      const facts = s.memo?.[MEMO_KEY] as ScheduleFacts | undefined;
      if (!facts || (scope && !scope.includes(facts.requester))) continue;
      out.push(view(s.scheduleId.slice(PREFIX.length), facts, s));
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async pause(id: string, note: string | undefined): Promise<ScheduleView> {
    await this.handle(id).pause(note || 'paused');
    return this.get(id);
  }

  /** Resume; the holiday list is renewed first (a cuti bersama day added since is skipped too). */
  async resume(id: string, note: string | undefined, replan: (facts: ScheduleFacts) => RecurrencePlan): Promise<ScheduleView> {
    const { facts } = await this.describe(id);
    if (facts.skipHolidays) await this.handle(id).update((prev) => ({ ...prev, spec: toSpec(replan(facts)) }));
    await this.handle(id).unpause(note || 'resumed');
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    await this.describe(id);
    await this.handle(id).delete();
  }
}
