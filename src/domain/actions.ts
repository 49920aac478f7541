/** What the workflow's updates take: the actions people do on a request. Plain types only. */
import type { AttachmentRef } from './letter';
import type { OrgId } from './organizations';
import type { Actor, Decision, DeadlineSpec } from './request';

export interface RespondInput {
  actor: Actor;
  /** The seat being answered; must be the actor's organization unless the actor is admin. */
  organization: OrgId;
  decision: Decision;
  comment?: string;
  /** The answer came through the personal email link sent to this address (the timeline says so). */
  via?: { emailLink: string };
  /** With APPROVE only: what the requester still has to do (setuju dengan catatan). */
  conditions?: string[];
}

export interface ReviseInput {
  actor: Actor;
  comment?: string;
  title?: string;
  description?: string;
  /** Who answers again: those who asked for changes (default) or every participant of the step. */
  reanswer?: 'CHANGE_REQUESTERS' | 'ALL';
  /** Attachments added with this revision (already stored and claimed by the API). */
  attachments?: Array<Omit<AttachmentRef, 'revision'>>;
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

/** An admin asks a request to resolve its `STAGE` deadline again after the election schedule changed. */
export interface StageReresolveInput {
  actor: Actor;
  stage: string;
}

/** What re-resolving did: the active step's deadline moved, or nothing changed (and why). */
export interface StageReresolveResult {
  outcome: 'CHANGED' | 'UNCHANGED';
  from?: string | null;
  to?: string | null;
  reason?: string;
}

export interface MarkConditionMetInput {
  actor: Actor;
  conditionId: string;
  comment: string;
}

export interface RequestExtensionInput {
  actor: Actor;
  /** The seat asking: always the actor's own organization. */
  organization: OrgId;
  /** The proposed new deadline (ISO instant). */
  until: string;
  reason: string;
}

export interface DecideExtensionInput {
  actor: Actor;
  extensionId: string;
  decision: 'GRANT_SEAT' | 'GRANT_STEP' | 'DECLINE';
  /** Required to decline. */
  reason?: string;
}
