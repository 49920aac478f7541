/**
 * Approval policy evaluation (docs/ARCHITECTURE.md#the-coordination-request). Pure and deterministic: workflow code imports it.
 *
 * Precedence: a decided outcome (APPROVED, REJECTED) wins over a pending request for changes —
 * once the policy is satisfied (e.g. ANY with one approval) one party's change request must not
 * hold the step up, and once approval is out of reach there is nothing left to revise. Only an
 * undecided step with a change request pauses for a revision.
 */
import type { ApprovalPolicy, ParticipantState, StepProgress } from './request';

export type StepOutcome = 'PENDING' | 'APPROVED' | 'REJECTED' | 'CHANGES_REQUESTED';

export function requiredApprovals(policy: ApprovalPolicy, total: number): number {
  switch (policy.type) {
    case 'ALL':
      return total;
    case 'ANY':
      return Math.min(1, total);
    case 'QUORUM':
      return policy.min;
  }
}

export function stepProgress(policy: ApprovalPolicy, participants: ParticipantState[]): StepProgress {
  const count = (s: ParticipantState['status']) => participants.filter((p) => p.status === s).length;
  return {
    approved: count('APPROVED'),
    rejected: count('REJECTED'),
    changesRequested: count('CHANGES_REQUESTED'),
    pending: count('PENDING') + count('ACKNOWLEDGED'),
    required: requiredApprovals(policy, participants.length),
    total: participants.length,
  };
}

export function evaluateStep(policy: ApprovalPolicy, participants: ParticipantState[]): StepOutcome {
  const p = stepProgress(policy, participants);
  // Approvals still possible: approvals so far plus everyone who has not said no.
  const reachable = p.approved + p.pending + p.changesRequested;
  switch (policy.type) {
    case 'ALL':
      if (p.total > 0 && p.approved === p.total) return 'APPROVED';
      if (p.rejected > 0) return 'REJECTED';
      break;
    case 'ANY':
      if (p.approved >= 1) return 'APPROVED';
      if (p.total > 0 && p.rejected === p.total) return 'REJECTED';
      break;
    case 'QUORUM':
      if (p.approved >= policy.min) return 'APPROVED';
      if (reachable < policy.min) return 'REJECTED';
      break;
  }
  return p.changesRequested > 0 ? 'CHANGES_REQUESTED' : 'PENDING';
}

/** Why a policy cannot work for this many participants, or null when it can. */
export function validatePolicy(policy: ApprovalPolicy, participantCount: number): string | null {
  if (policy.type !== 'QUORUM') return null;
  if (!Number.isInteger(policy.min) || policy.min < 1) return 'quorum min must be a whole number ≥ 1';
  if (policy.min > participantCount) return `quorum min ${policy.min} is larger than the ${participantCount} participants`;
  return null;
}
