/**
 * Tables of the records store, as Kysely sees them (the migrations in ./migrations create them).
 *
 * - `requests`: one row per coordination request: the latest state snapshot and its version (the
 *   seq of the last timeline event it includes) and the workflow's snapshot counter, plus the columns lists and authorization filter on.
 * - `timeline_events`: every timeline event, keyed (request_id, seq).
 * - `seats`: one row per participant seat of an activated step: when it was asked, its deadline,
 *   its first response and whether it was escalated on, with its request's category and involved
 *   organizations — everything the response-time report needs, in one narrow table.
 * - `worker_presence`: the workers polling each task queue, as they announce themselves
 *   (./presence.ts).
 * - `attachments`: uploaded files and their SHA-256 (written by the API, not the workflow).
 * - `web_sessions`: page sessions that carry a sign-in or an email link and are still valid
 *   (./webSessions.ts); signing out deletes the row.
 * - `notification_quota` / `notification_sends`: notifications per recipient, request, day and
 *   channel, and each notification's decision (sent or capped) under MAX_MAILS_PER_RECIPIENT_PER_DAY.
 */
import type { ColumnType, Generated } from 'kysely';
import type { CoordinationState, TimelineEvent } from '../domain/types';

/** timestamptz: read as Date, written as Date or ISO string. */
type Instant = ColumnType<Date, Date | string, Date | string>;
type NullableInstant = ColumnType<Date | null, Date | string | null, Date | string | null>;

export interface RequestsTable {
  id: string;
  version: number;
  /** Orders two snapshots of the same version (a change that added no timeline event). */
  snapshot: number;
  state: ColumnType<CoordinationState, string, string>;
  status: string;
  requester: string;
  category: string;
  title: string;
  description: string;
  involved: string[];
  participants: string[];
  pending_for: string[];
  overdue: boolean;
  due_at: NullableInstant;
  created_at: Instant;
  updated_at: Instant;
  closed_at: NullableInstant;
  recorded_at: Instant;
  /** Conditions of approval still to be met (src/domain/conditions.ts). */
  open_conditions: Generated<number>;
  /** The official letter's number and subject ('' without a letter). */
  letter_number: Generated<string>;
  letter_subject: Generated<string>;
  /** Generated from title, description and the letter (unaccented, `simple` configuration). */
  search: Generated<string>;
}

/** Uploaded files (lampiran): owned by the uploader's organization until a request uses them. */
export interface AttachmentsTable {
  id: string;
  owner_org: string;
  uploaded_by: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  request_id: string | null;
  created_at: Instant;
}

export interface TimelineEventsTable {
  request_id: string;
  seq: number;
  at: Instant;
  kind: string;
  step: number | null;
  org: string | null;
  event: ColumnType<TimelineEvent, string, string>;
}

export interface SeatsTable {
  request_id: string;
  step: number;
  org: string;
  asked_at: Instant;
  deadline: NullableInstant;
  first_response_at: NullableInstant;
  escalated: Generated<boolean>;
  /** Copied from the request: the report groups by it. */
  category: string;
  /** Copied from the request: the report's authorization scope filters on it. */
  involved: string[];
}

export interface WorkerPresenceTable {
  task_queue: string;
  instance: string;
  seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A live page session: the SHA-256 of its id (never the id itself) and when it expires. */
export interface WebSessionsTable {
  id: string;
  expires_at: Instant;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface NotificationQuotaTable {
  request_id: string;
  recipient: string;
  channel: string;
  /** The recipient's local date, YYYY-MM-DD. */
  day: ColumnType<string, string, string>;
  sent: number;
}

export interface NotificationSendsTable {
  idempotency_key: string;
  channel: string;
  request_id: string;
  recipient: string;
  day: ColumnType<string, string, string>;
  /** `sent` or `capped`. */
  outcome: string;
  decided_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RecordsSchema {
  web_sessions: WebSessionsTable;
  notification_quota: NotificationQuotaTable;
  notification_sends: NotificationSendsTable;
  worker_presence: WorkerPresenceTable;
  requests: RequestsTable;
  timeline_events: TimelineEventsTable;
  seats: SeatsTable;
  attachments: AttachmentsTable;
}
