/**
 * The activity interface the coordination workflow calls. Workflow code imports this file with
 * `import type` only; implementations live beside it and are built by `createActivities(deps)`.
 */
import type { Channel, CoordinationState, DeadlineSpec, DeliveryResult, NotificationMessage, OrgId, OrgRef, TimelineEvent } from '../src/domain/types';

export interface ResolveDeadlineInput {
  /** When the step became active (ISO instant). */
  from: string;
  /** Calendar deadlines; a `STAGE` deadline is resolved by `resolveStageDeadline`. */
  spec: Exclude<DeadlineSpec, { kind: 'STAGE' }>;
  /** Requester's time zone, for working-day deadlines. */
  timeZone: string;
}

export interface StageDeadlineInput {
  stage: string;
  offsetWorkingDays: number;
  /** Requester's time zone: the stage date and the working days are read in it. */
  timeZone: string;
}

/** A `STAGE` deadline resolved against the election schedule as it is now. */
export interface StageDeadline {
  deadline: string;
  /** The stage's date the deadline was computed from (YYYY-MM-DD). */
  stageDate: string;
}

export interface ShiftInput {
  /** Nominal instant (ISO). */
  at: string;
  timeZone: string;
}

/** One write to the records store: the state snapshot, its version and the events not yet acknowledged. */
export interface RecordInput {
  /** Seq of the last timeline event the snapshot includes. */
  version: number;
  /** Counts the workflow's snapshots: orders two snapshots of the same version (a change without a new event). */
  snapshot: number;
  state: CoordinationState;
  events: TimelineEvent[];
}

export interface CoordinationActivities {
  /** Directory lookup. Throws a non-retryable `UnknownOrganization` failure for an unknown id. */
  resolveOrganizations(ids: OrgId[]): Promise<OrgRef[]>;
  /** Absolute deadline for a spec (calendar arithmetic: working days, holidays). Local activity. */
  resolveDeadline(input: ResolveDeadlineInput): Promise<string>;
  /**
   * A `STAGE` deadline from the election schedule file as it is now (re-read when it changed).
   * Local activity. A stage missing from the file is a retryable `UnknownStage` failure: the
   * request waits for the operator to fix the file rather than invent a date.
   */
  resolveStageDeadline(input: StageDeadlineInput): Promise<StageDeadline>;
  /**
   * For each instant, the start of the working window it falls in or the next one, in the given
   * zone (identity if already within working hours). Local activity; results are recorded in
   * history so a holiday-table update never changes a running workflow's past decisions.
   */
  shiftToWorkingTime(inputs: ShiftInput[]): Promise<string[]>;
  /**
   * The public holiday or joint-leave day (cuti bersama) the local date of the instant falls on in
   * the zone, or null (a mere weekend is null too). Local activity: the answer of the calendar as
   * the worker knows it at that moment, recorded in history.
   */
  holidayOn(input: ShiftInput): Promise<string | null>;
  /**
   * Deliver one message on one channel. Retryable errors are thrown as ordinary errors (Temporal
   * retries with backoff); permanent ones (webhook 4xx other than 408/429) as non-retryable
   * ApplicationFailure of type `PermanentDeliveryFailure`.
   */
  deliverNotification(message: NotificationMessage, channel: Channel): Promise<DeliveryResult>;
  /** Write a snapshot and timeline events to the records store (idempotent, monotonic). */
  recordRequest(input: RecordInput): Promise<void>;
}
