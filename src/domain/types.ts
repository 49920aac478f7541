/**
 * The coordination domain: inputs, state, timeline and notification messages.
 *
 * Plain types only, shared by workflows/, activities/ and src/api. This file must stay free of
 * Node built-ins and I/O because workflow code imports it.
 */

export type OrgId = string;

export const DECISIONS = ['ACKNOWLEDGE', 'APPROVE', 'REJECT', 'REQUEST_CHANGES'] as const;
export type Decision = (typeof DECISIONS)[number];

export const CATEGORIES = [
  'FACILITIES',
  'BUDGET',
  'PERSONNEL',
  'SECURITY',
  'SUPERVISION',
  'ALIGNMENT',
  'ETHICS',
  'DATA',
  'OUTREACH',
  'OTHER',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Approval policy of one step (docs/ARCHITECTURE.md#the-coordination-request). */
export type ApprovalPolicy = { type: 'ALL' } | { type: 'ANY' } | { type: 'QUORUM'; min: number };

/**
 * When a step is due. `AT` is an absolute instant; `DURATION` an ISO 8601 duration counted from
 * the step's activation in calendar time; `WORKING_DAYS` counts working days in the requester's
 * time zone (weekends, public holidays and joint-leave days skipped) and ends at the close of the
 * last working day.
 */
export type DeadlineSpec =
  | { kind: 'AT'; at: string }
  | { kind: 'DURATION'; duration: string }
  | { kind: 'WORKING_DAYS'; days: number };

/**
 * Reminder policy of a step. All durations are ISO 8601 (`P3D`, `PT1H`, `PT10S`).
 * - `before`: offsets before the deadline ("H-3" = `P3D`, "H-1" = `P1D`).
 * - `atDeadline`: one reminder at the deadline itself.
 * - `repeatEvery`: while overdue, a reminder every interval (null: none).
 * - `escalateAfter`: delay after the deadline before the silent participants' parent organizations
 *   and the requester's parent secretariat are notified (null: never).
 */
export interface ReminderPolicy {
  before: string[];
  atDeadline: boolean;
  repeatEvery: string | null;
  escalateAfter: string | null;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  before: ['P3D', 'P1D'],
  atDeadline: true,
  repeatEvery: 'P1D',
  escalateAfter: 'P1D',
};

export interface StepInput {
  name?: string;
  participants: OrgId[];
  policy: ApprovalPolicy;
  deadline: DeadlineSpec;
  reminders?: Partial<ReminderPolicy>;
}

/** Who did something: user id (`sub`), organization and roles, taken from the caller's token. */
export interface Actor {
  sub: string;
  org: OrgId;
  roles: string[];
}

export interface CoordinationRequestInput {
  /** Request id (also the suffix of the workflow id). No personal data. */
  id: string;
  requester: OrgId;
  title: string;
  description: string;
  category: Category;
  tembusan: OrgId[];
  steps: StepInput[];
  /** Reminders/escalations move into working hours of the recipient (default true). */
  workingHours: boolean;
  /** If set, the request expires this long after the current step's deadline (ISO 8601). */
  expireAfter: string | null;
  createdBy: Actor;
  /** Engine tuning, not part of the HTTP contract (tests use it to force continue-as-new). */
  options?: { continueAsNewAfterEvents?: number };
}

export const REQUEST_STATUSES = [
  'IN_PROGRESS',
  'CHANGES_REQUESTED',
  'APPROVED',
  'REJECTED',
  'CANCELLED',
  'EXPIRED',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const PARTICIPANT_STATUSES = ['PENDING', 'ACKNOWLEDGED', 'APPROVED', 'REJECTED', 'CHANGES_REQUESTED'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export type StepStatus = 'WAITING' | 'ACTIVE' | 'CHANGES_REQUESTED' | 'APPROVED' | 'REJECTED' | 'CLOSED';

export interface ParticipantState {
  /** Organization holding the seat now. */
  org: OrgId;
  status: ParticipantStatus;
  comment?: string;
  respondedAt?: string;
  respondedBy?: string;
  /** Earlier holders of this seat, oldest first (delegation history). */
  delegatedFrom: OrgId[];
}

export interface StepProgress {
  approved: number;
  rejected: number;
  changesRequested: number;
  pending: number;
  /** Approvals the policy needs. */
  required: number;
  total: number;
}

export interface StepState {
  index: number;
  name: string;
  policy: ApprovalPolicy;
  deadlineSpec: DeadlineSpec;
  reminders: ReminderPolicy;
  status: StepStatus;
  participants: ParticipantState[];
  progress: StepProgress;
  activatedAt: string | null;
  deadline: string | null;
  overdue: boolean;
  escalated: boolean;
  decidedAt: string | null;
}

export interface CoordinationState {
  id: string;
  requester: OrgId;
  title: string;
  description: string;
  category: Category;
  tembusan: OrgId[];
  status: RequestStatus;
  revision: number;
  /** Index of the active (or last) step. */
  currentStep: number;
  steps: StepState[];
  workingHours: boolean;
  expireAfter: string | null;
  createdAt: string;
  createdBy: { sub: string; org: OrgId };
  updatedAt: string;
  closedAt: string | null;
  /**
   * Earliest upcoming reminder/escalation, null when none. Until a reminder's nominal instant has
   * come, this is that nominal instant; the working-hours shift is applied (and shown here) then.
   */
  nextReminderAt: string | null;
  /** When the request expires if still open (only with expireAfter). */
  expiresAt: string | null;
  /** How many times this request continued-as-new (history rollover). */
  generation: number;
}

export const TIMELINE_KINDS = [
  'CREATED',
  'STEP_ACTIVATED',
  'ACKNOWLEDGED',
  'APPROVED',
  'REJECTED',
  'CHANGES_REQUESTED',
  'REVISED',
  'STEP_APPROVED',
  'STEP_REJECTED',
  'OVERDUE',
  'REMINDER_SENT',
  'ESCALATED',
  'DEADLINE_EXTENDED',
  'DELEGATED',
  'CANCELLED',
  'EXPIRED',
  'COMPLETED',
  'NOTIFICATION_DELIVERED',
  'NOTIFICATION_FAILED',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEvent {
  /** 1-based, increasing; survives continue-as-new. */
  seq: number;
  at: string;
  kind: TimelineKind;
  /** Who acted; `{ sub: 'system', org: 'system' }` for the engine's own events. */
  actor: { sub: string; org: OrgId };
  revision: number;
  step: number | null;
  /** The organization the event is about (a responder, a delegate, a reminded party). */
  org?: OrgId;
  comment?: string;
  data?: Record<string, unknown>;
}

// ---- Workflow message inputs (Updates) ----

export interface RespondInput {
  actor: Actor;
  /** The seat being answered; must be the actor's organization unless the actor is admin. */
  organization: OrgId;
  decision: Decision;
  comment?: string;
  /** The answer came through the personal email link sent to this address (the timeline says so). */
  via?: { emailLink: string };
}

export interface ReviseInput {
  actor: Actor;
  comment?: string;
  title?: string;
  description?: string;
  /** Who answers again: those who asked for changes (default) or every participant of the step. */
  reanswer?: 'CHANGE_REQUESTERS' | 'ALL';
}

export interface ExtendDeadlineInput {
  actor: Actor;
  deadline: DeadlineSpec;
  comment?: string;
}

export interface DelegateInput {
  actor: Actor;
  from: OrgId;
  to: OrgId;
  comment?: string;
}

export interface CancelInput {
  actor: Actor;
  reason?: string;
}

// ---- Organization directory (docs/ARCHITECTURE.md#organization-directory) ----

export const ORG_KINDS = ['KPU', 'BAWASLU', 'DKPP', 'PEMDA', 'OTHER'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_LEVELS = ['NATIONAL', 'PROVINCE', 'REGENCY'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];
export const INDONESIAN_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

export interface Organization {
  id: OrgId;
  name: string;
  kind: OrgKind;
  level: OrgLevel;
  parentId: OrgId | null;
  timeZone: string;
  language: 'id' | 'en';
  contacts: {
    emails: string[];
    webhook?: { url: string; secret: string };
  };
}

export type Channel = 'email' | 'webhook' | 'log';

/** What the workflow needs to know of an organization: no names, no addresses, no secrets. */
export interface OrgRef {
  id: OrgId;
  parentId: OrgId | null;
  timeZone: string;
  /** Channels configured for this organization besides the log (which always applies). */
  channels: Channel[];
}

// ---- Notifications (docs/ARCHITECTURE.md#notifications) ----

export const NOTIFICATION_KINDS = [
  'REQUEST_CREATED',
  'REMINDER_BEFORE',
  'REMINDER_DUE',
  'REMINDER_OVERDUE',
  'ESCALATION',
  'CHANGES_REQUESTED',
  'REVISED',
  'DEADLINE_EXTENDED',
  'DELEGATED',
  'CANCELLED',
  'OUTCOME_APPROVED',
  'OUTCOME_REJECTED',
  'OUTCOME_EXPIRED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Why the recipient gets it: asked to decide, informed (tembusan), requester, or supervisor. */
export type RecipientRole = 'PARTICIPANT' | 'TEMBUSAN' | 'REQUESTER' | 'SUPERVISOR';

export interface NotificationMessage {
  /** `${requestId}:${step}:${recipient}:${kind}:${sequence}`; stable across retries. */
  idempotencyKey: string;
  kind: NotificationKind;
  recipient: OrgId;
  role: RecipientRole;
  sequence: number;
  request: {
    id: string;
    title: string;
    requester: OrgId;
    category: Category;
    revision: number;
    status: RequestStatus;
    /** 0-based index of the step concerned. */
    step: number;
    stepCount: number;
    stepName: string;
    /** Deadline of the step concerned (ISO instant), if any. */
    deadline: string | null;
  };
  /** Reminder label in Indonesian usage: "H-3", "H-1", "H" (at deadline), "H+2" (overdue). */
  reminderLabel?: string;
  /** For ESCALATION: the organizations that stayed silent. */
  silentOrgs?: OrgId[];
  /** For DELEGATED: seat moved from → to. */
  delegation?: { from: OrgId; to: OrgId };
  /** For REVISED / CANCELLED / DEADLINE_EXTENDED / DELEGATED: the actor's free text. */
  comment?: string;
  /** For CHANGES_REQUESTED: each asking organization's own words, attributed to it. */
  comments?: Array<{ org: OrgId; text: string }>;
  actor?: { sub: string; org: OrgId };
}

export interface DeliveryResult {
  channel: Channel;
  /** `delivered`, or `skipped` when the organization has no contact on that channel. */
  outcome: 'delivered' | 'skipped';
  detail?: string;
}

export function notificationKey(requestId: string, step: number, recipient: OrgId, kind: NotificationKind, sequence: number): string {
  return `${requestId}:${step}:${recipient}:${kind}:${sequence}`;
}
