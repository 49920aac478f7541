/**
 * Asking for more time: a seat holder that cannot answer by the deadline proposes a later date and
 * says why; the requester (or an admin) grants it for that seat only, for the whole step, or
 * declines with a reason. While an ask is pending nothing changes: reminders continue.
 *
 * A seat granted more time gets a deadline of its own (`ParticipantState.deadline`); it counts
 * only while it is later than the step's deadline (a later step extension makes it moot), and the
 * seat's reminders, overdue flag and escalation follow it instead of the step's. Plain types and
 * pure functions only.
 */
import type { OrgId } from './organizations';
import type { CoordinationState, ExtensionRequestState, ParticipantState, StepState } from './request';
import { isOpen, isUndecided } from './requestState';

export const EXTENSION_DECISIONS = ['GRANT_SEAT', 'GRANT_STEP', 'DECLINE'] as const;
export type ExtensionDecision = (typeof EXTENSION_DECISIONS)[number];

/** The seat's own deadline when it has one that is later than the step's, else null. */
export function ownDeadlineMs(step: Pick<StepState, 'deadline'>, seat: Pick<ParticipantState, 'deadline'>): number | null {
  if (!seat.deadline) return null;
  const own = Date.parse(seat.deadline);
  return step.deadline && own <= Date.parse(step.deadline) ? null : own;
}

/** The deadline a seat answers by: its own when it has one, else the step's. */
export function seatDeadlineMs(step: Pick<StepState, 'deadline'>, seat: Pick<ParticipantState, 'deadline'>): number | null {
  return ownDeadlineMs(step, seat) ?? (step.deadline ? Date.parse(step.deadline) : null);
}

/** The seat's ask still waiting for a decision, if any. */
export function pendingExtension(state: Pick<CoordinationState, 'extensions'>, step: number, org: OrgId): ExtensionRequestState | undefined {
  return state.extensions?.find((e) => e.status === 'PENDING' && e.step === step && e.org === org);
}

export const nextExtensionId = (state: Pick<CoordinationState, 'extensions'>): string => `e${(state.extensions?.length ?? 0) + 1}`;

/**
 * A waiting ask nobody needs to decide any more: the request closed, its step is over, or the
 * seat no longer waits (it answered, or was delegated to another organization). A request waiting
 * for a revision keeps its asks: the seat will be asked again.
 */
export function askIsMoot(state: Pick<CoordinationState, 'status' | 'currentStep' | 'steps'>, ask: Pick<ExtensionRequestState, 'status' | 'step' | 'org'>): boolean {
  if (ask.status !== 'PENDING') return false;
  if (!isOpen(state) || state.currentStep !== ask.step) return true;
  const seat = state.steps[ask.step]?.participants.find((p) => p.org === ask.org);
  return !seat || !isUndecided(seat);
}
