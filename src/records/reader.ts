/** Reading one request's record: its snapshot (with when it was recorded) and its timeline. */
import { sql } from 'kysely';
import type { CoordinationState, OrgId, StepProgress, TimelineEvent } from '../domain/types';
import type { RecordsDb } from './database';

export interface StoredRecord {
  state: CoordinationState;
  version: number;
  recordedAt: Date;
  /** What authorization needs, as columns (no JSON decoding for an outsider's 404). */
  requester: OrgId;
  involved: OrgId[];
  participants: OrgId[];
}

export async function readRecord(db: RecordsDb, id: string): Promise<StoredRecord | null> {
  const row = await db
    .selectFrom('requests')
    .select(['state', 'version', 'recorded_at', 'requester', 'involved', 'participants'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    state: row.state,
    version: row.version,
    recordedAt: row.recorded_at,
    requester: row.requester,
    involved: row.involved,
    participants: row.participants,
  };
}

/** Stored timeline events with seq > afterSeq, oldest first. */
export async function readTimeline(db: RecordsDb, id: string, afterSeq = 0): Promise<TimelineEvent[]> {
  const rows = await db
    .selectFrom('timeline_events')
    .select('event')
    .where('request_id', '=', id)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.event);
}

/** The current step's progress of each request (the list pages show it beside each row). */
export async function currentProgress(db: RecordsDb, ids: string[]): Promise<Map<string, StepProgress | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('requests')
    .select(['id', sql<StepProgress | null>`state -> 'steps' -> ((state ->> 'currentStep')::int) -> 'progress'`.as('progress')])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.progress]));
}
