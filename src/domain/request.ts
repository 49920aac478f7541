/**
 * A coordination request: what its creator asks (input) and what it is now (state). Plain types
 * only, shared by workflows/, activities/ and src/api: no Node built-ins, no I/O.
 */
import type { AttachmentRef, Letter } from './letter';
import type { OrgId } from './organizations';

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
 * last working day. `STAGE` is tied to a dated stage of the election schedule (src/stages): the close
 * of the working day `offsetWorkingDays` working days from the stage's date (-5: five working days
 * before it), in the requester's time zone; re-resolved when the schedule is revised.
 */
export type DeadlineSpec =
  | { kind: 'AT'; at: string }
  | { kind: 'DURATION'; duration: string }
  | { kind: 'WORKING_DAYS'; days: number }
  | { kind: 'STAGE'; stage: string; offsetWorkingDays: number };

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
  /** The official letter the request carries, if any (absent in requests made before letters). */
  letter?: Letter;
  /** Attachments uploaded beforehand (references only; the content stays in the records store). */
  attachments?: Array<Omit<AttachmentRef, 'revision'>>;
  createdBy: Actor;
  /** Set when a coordination schedule started this request (src/api/schedules/): which one, for which occurrence. */
  schedule?: ScheduleLink;
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

export const STEP_STATUSES = ['WAITING', 'ACTIVE', 'CHANGES_REQUESTED', 'APPROVED', 'REJECTED', 'CLOSED'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface ParticipantState {
  /** Organization holding the seat now. */
  org: OrgId;
  status: ParticipantStatus;
  comment?: string;
  respondedAt?: string;
  respondedBy?: string;
  /** Earlier holders of this seat, oldest first (delegation history). */
  delegatedFrom: OrgId[];
  /** This seat's own deadline, when more time was granted for it alone (src/domain/extensions.ts). */
  deadline?: string;
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
  letter?: Letter;
  /** With the request and its revisions, oldest first (absent in requests made before attachments). */
  attachments?: AttachmentRef[];
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
  /** Conditions set by approvals (absent until the first one; src/domain/conditions.ts). */
  conditions?: ConditionState[];
  /** Asks for more time (absent until the first one; src/domain/extensions.ts). */
  extensions?: ExtensionRequestState[];
  /** The coordination schedule that started this request, if one did. */
  schedule?: ScheduleLink;
}

/** A request started by a coordination schedule links back to it. */
export interface ScheduleLink {
  /** Public id of the schedule (`sc-` and hex). */
  id: string;
  /** The occurrence this request is for (the schedule's nominal time, ISO instant). */
  scheduledAt: string;
}

// The parts of the state that conditions.ts and extensions.ts rule on: declared here, with the
// state that holds them, so the rules import the state and the state imports no rules.

export type ConditionStatus = 'OPEN' | 'MET';

export interface ConditionState {
  /** `c1`, `c2`, … in the order they were set (unique within the request). */
  id: string;
  /** 0-based index of the step whose approval set it. */
  step: number;
  /** The organization that approved with this condition (and is told when it is met). */
  org: OrgId;
  text: string;
  status: ConditionStatus;
  setAt: string;
  setBy: string;
  metAt?: string;
  metBy?: { sub: string; org: OrgId };
  metComment?: string;
}

/** LAPSED: the seat stopped waiting before a decision (it answered, was delegated, the step or request ended). */
export const EXTENSION_STATUSES = ['PENDING', 'GRANTED', 'DECLINED', 'LAPSED'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

export interface ExtensionRequestState {
  /** `e1`, `e2`, … in the order asked (unique within the request). */
  id: string;
  step: number;
  /** The seat holder that asked. */
  org: OrgId;
  /** The date it proposes (ISO instant). */
  until: string;
  reason: string;
  askedAt: string;
  askedBy: string;
  status: ExtensionStatus;
  /** When granted: for the seat alone or for the whole step. */
  scope?: 'SEAT' | 'STEP';
  decidedAt?: string;
  decidedBy?: { sub: string; org: OrgId };
  /** Why it was declined (or a note with a grant). */
  decisionReason?: string;
}
