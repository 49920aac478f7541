/**
 * The one way records are written: a snapshot of a request's state with its version (the seq of
 * the last timeline event it includes) and timeline events. Idempotent and monotonic, so retries,
 * replays and out-of-order deliveries never duplicate or regress a record:
 * - timeline rows are keyed (request id, seq) and inserted only when absent;
 * - the snapshot (and the columns derived from it) replaces the stored one only when it is newer:
 *   a higher version, or the same version and a higher snapshot counter (the workflow counts its
 *   snapshots, so a change that added no event — the next reminder time — still reaches the store);
 * - seat facts for reports are derived from the newest snapshot and from all stored events of the
 *   request (first response = earliest response event), so they too only move forward.
 */
import { sql } from 'kysely';
import { outstandingConditions } from '../domain/conditions';
import { involvedOrgs, participantOrgs, pendingOrgs, isOpen, activeStep } from '../domain/requestState';
import type { CoordinationState, TimelineEvent } from '../domain/types';
import type { RecordsDb } from './database';

export interface RecordBatch {
  /** Seq of the last timeline event the snapshot includes. */
  version: number;
  /** The workflow's snapshot counter (0 for a backfill). */
  snapshot: number;
  state: CoordinationState;
  /** New timeline events (any subset; already stored ones are ignored). */
  events: TimelineEvent[];
}

/** Response kinds that count as a seat's answer for the report ("first response"). */
export const RESPONSE_KINDS = ['ACKNOWLEDGED', 'APPROVED', 'REJECTED', 'CHANGES_REQUESTED'] as const;

export interface WriteOutcome {
  /** Whether the snapshot replaced the stored one (false: the store already had this or newer). */
  snapshotApplied: boolean;
  eventsInserted: number;
}

export async function writeRecord(db: RecordsDb, batch: RecordBatch, now: Date = new Date()): Promise<WriteOutcome> {
  const { state, version, snapshot } = batch;
  return db.transaction().execute(async (trx) => {
    let eventsInserted = 0;
    if (batch.events.length) {
      const res = await trx
        .insertInto('timeline_events')
        .values(
          batch.events.map((e) => ({
            request_id: state.id,
            seq: e.seq,
            at: e.at,
            kind: e.kind,
            step: e.step,
            org: e.org ?? null,
            event: JSON.stringify(e),
          })),
        )
        .onConflict((oc) => oc.columns(['request_id', 'seq']).doNothing())
        .executeTakeFirst();
      eventsInserted = Number(res.numInsertedOrUpdatedRows ?? 0);
    }

    const row = requestRow(state, version, snapshot, now);
    const { id: _id, ...changes } = row;
    const applied = await trx
      .insertInto('requests')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes).where(sql<boolean>`(requests.version, requests.snapshot) < (${version}, ${snapshot})`))
      .returning('id')
      .executeTakeFirst();

    if (applied) {
      // Seats of the activated steps as the newest snapshot has them (a delegated seat moves).
      const seats = seatRows(state);
      await trx.deleteFrom('seats').where('request_id', '=', state.id).execute();
      if (seats.length) await trx.insertInto('seats').values(seats).execute();
    }
    if (applied || eventsInserted > 0) await deriveSeatFacts(trx, state.id);
    return { snapshotApplied: !!applied, eventsInserted };
  });
}

/** The `requests` row of a snapshot: the state and the columns lists, filters and reports use. */
export function requestRow(state: CoordinationState, version: number, snapshot: number, recordedAt: Date) {
  const open = isOpen(state);
  const step = activeStep(state);
  return {
    id: state.id,
    version,
    snapshot,
    state: JSON.stringify(state),
    status: state.status,
    requester: state.requester,
    category: state.category,
    title: state.title,
    description: state.description,
    letter_number: state.letter?.number ?? '',
    letter_subject: state.letter?.subject ?? '',
    involved: involvedOrgs(state),
    participants: participantOrgs(state),
    pending_for: pendingOrgs(state),
    overdue: open && step.overdue,
    due_at: open ? step.deadline : null,
    created_at: state.createdAt,
    updated_at: state.updatedAt,
    closed_at: state.closedAt,
    recorded_at: recordedAt,
    open_conditions: outstandingConditions(state).length,
  };
}

/**
 * The `seats` rows of a snapshot: one per participant of each activated step (a delegated seat as
 * it is now), with the request's columns the report groups and scopes by.
 */
export function seatRows(state: CoordinationState) {
  const involved = involvedOrgs(state);
  return state.steps.flatMap((s) =>
    s.activatedAt
      ? s.participants.map((p) => ({ request_id: state.id, step: s.index, org: p.org, asked_at: s.activatedAt!, deadline: s.deadline, category: state.category, involved }))
      : [],
  );
}

/**
 * From all stored events of one request: each seat's first response, whether an escalation named
 * it silent, and — for a delegated seat — when it was handed over (it was asked then, not at the
 * step's activation).
 */
async function deriveSeatFacts(db: RecordsDb, requestId: string): Promise<void> {
  await sql`
    update seats s set
      first_response_at = (
        select min(e.at) from timeline_events e
        where e.request_id = s.request_id and e.step = s.step and e.org = s.org
          and e.kind in (${sql.join(RESPONSE_KINDS.map((k) => sql.lit(k)))})),
      escalated = exists (
        select 1 from timeline_events e
        where e.request_id = s.request_id and e.kind = 'ESCALATED' and e.step = s.step
          and e.event -> 'data' -> 'silent' ? s.org),
      asked_at = greatest(s.asked_at, (
        select max(e.at) from timeline_events e
        where e.request_id = s.request_id and e.kind = 'DELEGATED' and e.step = s.step and e.org = s.org))
    where s.request_id = ${requestId}`.execute(db);
}
