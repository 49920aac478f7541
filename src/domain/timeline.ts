/** The timeline of a request: its audit trail, one event per thing that happened. Plain types only. */
import type { OrgId } from './organizations';

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
  'STAGE_DEADLINE_MOVED',
  'DELEGATED',
  'CANCELLED',
  'EXPIRED',
  'COMPLETED',
  'NOTIFICATION_DELIVERED',
  'NOTIFICATION_FAILED',
  'CONDITIONS_SET',
  'CONDITION_MET',
  'EXTENSION_REQUESTED',
  'EXTENSION_GRANTED',
  'EXTENSION_DECLINED',
  'EXTENSION_LAPSED',
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
