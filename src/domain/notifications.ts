/** Notification messages (docs/ARCHITECTURE.md#notifications): what one delivery to one organization says. */
import type { Letter } from './letter';
import type { Channel, OrgId } from './organizations';
import type { Category, RequestStatus } from './request';

export const NOTIFICATION_KINDS = [
  'REQUEST_CREATED',
  'REMINDER_BEFORE',
  'REMINDER_DUE',
  'REMINDER_OVERDUE',
  'ESCALATION',
  'CHANGES_REQUESTED',
  'REVISED',
  'DEADLINE_EXTENDED',
  'STAGE_DEADLINE_MOVED',
  'DELEGATED',
  'CANCELLED',
  'OUTCOME_APPROVED',
  'OUTCOME_REJECTED',
  'OUTCOME_EXPIRED',
  'CONDITION_MET',
  'EXTENSION_REQUESTED',
  'EXTENSION_GRANTED',
  'EXTENSION_DECLINED',
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
    /** The official letter the request carries, if any. */
    letter?: Letter;
    /** Names of the request's attachments, if any (the files stay on the request page). */
    attachments?: string[];
  };
  /** Reminder label in Indonesian usage: "H-3", "H-1", "H" (at deadline), "H+2" (overdue). */
  reminderLabel?: string;
  /** For ESCALATION: the organizations that stayed silent. */
  silentOrgs?: OrgId[];
  /** For DELEGATED: seat moved from → to. */
  delegation?: { from: OrgId; to: OrgId };
  /** For STAGE_DEADLINE_MOVED: the stage whose date the election schedule changed, and the deadline before. */
  stage?: { id: string; date: string; previousDeadline: string | null };
  /** For REVISED / CANCELLED / DEADLINE_EXTENDED / DELEGATED: the actor's free text. */
  comment?: string;
  /** For CHANGES_REQUESTED: each asking organization's own words, attributed to it. */
  comments?: Array<{ org: OrgId; text: string }>;
  actor?: { sub: string; org: OrgId };
  /** For CONDITION_MET: the condition the recipient set (the requester's comment is `comment`). */
  condition?: { text: string };
  /** For EXTENSION_*: the seat that asked and the date it asked for. */
  extension?: { org: OrgId; until: string };
  /** The recipient's seat has a deadline of its own (more time granted to it alone): shown instead of the step's. */
  seatDeadline?: string;
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
