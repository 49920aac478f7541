/**
 * Plain state helpers of the coordination workflow: building the initial state, reading who is
 * involved or pending, and the search attributes that mirror the state. No Temporal APIs here.
 */
import type { SearchAttributePair, SearchAttributeUpdatePair } from '@temporalio/common';
import { isOpen, isUndecided } from './openness';
import { stepProgress } from './policy';
import {
  SA_CATEGORY,
  SA_DUE_AT,
  SA_INVOLVED,
  SA_OVERDUE,
  SA_PARTICIPANTS,
  SA_PENDING,
  SA_REQUESTER,
  SA_STATUS,
} from './searchAttributes';
import type { OrgId } from './organizations';
import {
  DEFAULT_REMINDER_POLICY,
  type CoordinationRequestInput,
  type CoordinationState,
  type ParticipantState,
  type StepState,
} from './request';

export { OPEN_STATUSES, isOpen, isUndecided } from './openness';

export function initialState(input: CoordinationRequestInput, nowIso: string): CoordinationState {
  const steps: StepState[] = input.steps.map((s, index) => {
    const participants: ParticipantState[] = s.participants.map((org) => ({ org, status: 'PENDING', delegatedFrom: [] }));
    return {
      index,
      name: s.name ?? `Tahap ${index + 1}`,
      policy: s.policy,
      deadlineSpec: s.deadline,
      reminders: { ...DEFAULT_REMINDER_POLICY, ...(s.reminders ?? {}) },
      status: 'WAITING',
      participants,
      progress: stepProgress(s.policy, participants),
      activatedAt: null,
      deadline: null,
      overdue: false,
      escalated: false,
      decidedAt: null,
    };
  });
  return {
    id: input.id,
    requester: input.requester,
    title: input.title,
    description: input.description,
    category: input.category,
    tembusan: [...input.tembusan],
    status: 'IN_PROGRESS',
    revision: 1,
    currentStep: 0,
    steps,
    workingHours: input.workingHours,
    expireAfter: input.expireAfter,
    // Data only: a request made without them replays exactly as before.
    ...(input.letter ? { letter: input.letter } : {}),
    ...(input.attachments?.length ? { attachments: input.attachments.map((a) => ({ ...a, revision: 1 })) } : {}),
    createdAt: nowIso,
    createdBy: { sub: input.createdBy.sub, org: input.createdBy.org },
    updatedAt: nowIso,
    closedAt: null,
    nextReminderAt: null,
    expiresAt: null,
    generation: 0,
    ...(input.schedule ? { schedule: { ...input.schedule } } : {}),
  };
}

export const activeStep = (s: CoordinationState): StepState => s.steps[s.currentStep];

/** Every organization that has or had a part in the request (read access, search attribute). */
export function involvedOrgs(s: CoordinationState): OrgId[] {
  const all = new Set<OrgId>([s.requester, ...s.tembusan]);
  for (const step of s.steps) {
    for (const p of step.participants) {
      all.add(p.org);
      p.delegatedFrom.forEach((o) => all.add(o));
    }
  }
  return [...all].sort();
}

/** Current seat holders of all steps. */
export function participantOrgs(s: CoordinationState): OrgId[] {
  return [...new Set(s.steps.flatMap((st) => st.participants.map((p) => p.org)))].sort();
}

/** Who the request is waiting on now: undecided participants, or the requester for a revision. */
export function pendingOrgs(s: CoordinationState): OrgId[] {
  if (s.status === 'CHANGES_REQUESTED') return [s.requester];
  if (s.status !== 'IN_PROGRESS') return [];
  return activeStep(s)
    .participants.filter(isUndecided)
    .map((p) => p.org)
    .sort();
}

export function refreshProgress(step: StepState): void {
  step.progress = stepProgress(step.policy, step.participants);
}

/**
 * The search attributes that mirror a state: the workflow upserts them on every change, and the API
 * sets them at start so listing and authorization work before the first workflow task has run.
 */
export function searchAttributeUpdates(s: CoordinationState): SearchAttributeUpdatePair[] {
  const step = activeStep(s);
  return [
    { key: SA_STATUS, value: s.status },
    { key: SA_REQUESTER, value: s.requester },
    { key: SA_CATEGORY, value: s.category },
    { key: SA_PARTICIPANTS, value: participantOrgs(s) },
    { key: SA_INVOLVED, value: involvedOrgs(s) },
    { key: SA_PENDING, value: pendingOrgs(s) },
    { key: SA_OVERDUE, value: isOpen(s) && step.overdue },
    { key: SA_DUE_AT, value: step.deadline && isOpen(s) ? new Date(step.deadline) : null },
  ];
}

/** The same, for a workflow start (which takes values only, no removals). */
export function initialSearchAttributes(s: CoordinationState): SearchAttributePair[] {
  return searchAttributeUpdates(s).filter((p): p is SearchAttributePair => p.value !== null);
}
