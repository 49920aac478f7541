/**
 * Synthetic records, written through the real writer: a request of known shape and known response
 * times, without running a workflow (the report and list tests).
 */
import { initialState } from '../../src/domain/requestState';
import type { Category, Letter, OrgId, RequestStatus, TimelineEvent } from '../../src/domain/types';
import type { RecordBatch } from '../../src/records/writer';

export interface SyntheticRequest {
  id: string;
  requester: OrgId;
  participants: OrgId[];
  category?: Category;
  title?: string;
  description?: string;
  letter?: Letter;
  /** When the request was created and its (only) step asked. */
  createdAt: Date;
  /** Minutes after creation until each participant's first response (absent: no response). */
  responses?: Partial<Record<OrgId, number>>;
  /** Minutes after creation until the step deadline. */
  deadlineMinutes?: number;
  /** Participants an escalation named as silent. */
  escalated?: OrgId[];
  status?: RequestStatus;
}

export function syntheticRecord(r: SyntheticRequest): RecordBatch {
  const iso = (minutes: number) => new Date(r.createdAt.getTime() + minutes * 60_000).toISOString();
  const state = initialState(
    {
      id: r.id,
      requester: r.requester,
      title: r.title ?? `Permohonan ${r.id}`,
      description: r.description ?? 'Koordinasi tahapan pemilihan.',
      category: r.category ?? 'FACILITIES',
      tembusan: [],
      workingHours: false,
      expireAfter: null,
      ...(r.letter ? { letter: r.letter } : {}),
      createdBy: { sub: 'fixture', org: r.requester, roles: ['staff'] },
      steps: [{ participants: r.participants, policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P3D' } }],
    },
    iso(0),
  );
  const events: TimelineEvent[] = [];
  const push = (kind: TimelineEvent['kind'], minutes: number, org?: OrgId, data?: Record<string, unknown>) =>
    events.push({ seq: events.length + 1, at: iso(minutes), kind, actor: { sub: 'fixture', org: org ?? 'system' }, revision: 1, step: 0, ...(org ? { org } : {}), ...(data ? { data } : {}) });
  const step = state.steps[0];
  step.status = 'ACTIVE';
  step.activatedAt = iso(0);
  step.deadline = iso(r.deadlineMinutes ?? 3 * 24 * 60);
  push('CREATED', 0, r.requester);
  push('STEP_ACTIVATED', 0);
  const answers = Object.entries(r.responses ?? {}).sort((a, b) => a[1]! - b[1]!);
  for (const [org, minutes] of answers) {
    const seat = step.participants.find((p) => p.org === org)!;
    seat.status = 'APPROVED';
    seat.respondedAt = iso(minutes!);
    push('APPROVED', minutes!, org);
  }
  if (r.escalated?.length) push('ESCALATED', (r.deadlineMinutes ?? 4320) + 60, undefined, { silent: r.escalated, recipients: [] });
  state.status = r.status ?? (answers.length === r.participants.length ? 'APPROVED' : 'IN_PROGRESS');
  if (state.status !== 'IN_PROGRESS' && state.status !== 'CHANGES_REQUESTED') state.closedAt = events.at(-1)!.at;
  state.updatedAt = events.at(-1)!.at;
  return { version: events.length, snapshot: 1, state, events };
}
