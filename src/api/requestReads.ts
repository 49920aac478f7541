/**
 * Reads of one request, from the workflow or from its record (docs/ARCHITECTURE.md#records-store):
 * - a closed request is read from its record (final; it stays after Temporal deleted the run);
 * - an open request is queried (fresh: read-your-writes after an action); when no worker runs
 *   (src/records/presence.ts: none announced itself lately) the record answers at once, and when
 *   the workflow does not answer within the API's Temporal deadline (engine down, worker hung) or
 *   is gone, it answers too — with an `Age` header (seconds since it was recorded). A shorter wait
 *   broke read-your-writes on a loaded machine (at 0.7 s and again at 2 s a busy worker answered
 *   after the record from before the action had been served); a stopped worker costs no wait;
 * - without a record (not recorded yet, or the store is down) reads go to Temporal as before.
 * Access is decided before anything is read on the caller's behalf: from the record's columns
 * when there is one (an outsider gets its 404 without a query), else from describe.
 * To keep that 404 as slow as one for an id that does not exist (which costs a Temporal lookup),
 * the record path makes the same lookup before answering.
 */
import type { Response } from 'express';
import { mayStillChange } from '../domain/conditions';
import type { Directory } from '../directory/directory';
import type { Actor, CoordinationState, TimelineEvent } from '../domain/types';
import type { RecordsDb } from '../records/database';
import { readRecord, readTimeline, type StoredRecord } from '../records/reader';
import { assertCanRead, canRead } from './access';
import { forReader } from './answerAddresses';
import type { AccessInfo, CoordinationService } from './coordinationService';
import { grpcCode } from '../temporal/sdk';
import { fromTemporal } from './errors';
import { ProblemError } from './problem';

const hidden = (): ProblemError => new ProblemError('notFound', 'no such coordination request');

export class RequestReads {
  constructor(
    private readonly service: CoordinationService,
    private readonly records: RecordsDb,
    private readonly directory: Directory,
    /** Whether a worker polls the request's task queue now (when not, a Query could only time out). */
    private readonly workerPresent: () => Promise<boolean> = async () => true,
  ) {}

  /** A record to answer with at once: the request can no longer change (closed, no conditions owed), or no worker could answer a Query. */
  private async final(rec: StoredRecord): Promise<boolean> {
    return !mayStillChange(rec.state) || !(await this.workerPresent());
  }

  /** The record, or null when there is none or the store does not answer (reads then use Temporal). */
  private async record(id: string): Promise<StoredRecord | null> {
    try {
      return await readRecord(this.records, id);
    } catch {
      return null;
    }
  }

  /** A record the caller may read, or null when Temporal must decide; throws 404 for outsiders of a closed record. */
  private async readable(caller: Actor, id: string): Promise<StoredRecord | null> {
    const rec = await this.record(id);
    if (!rec) return null;
    if (canRead(caller, rec, this.directory)) return rec;
    // An open record may lag behind a delegation that made the caller a reader: Temporal decides.
    if (mayStillChange(rec.state)) return null;
    await this.service.access(id).catch(() => undefined); // same cost as an unknown id (see above)
    throw hidden();
  }

  /** The state as `caller` may see it (link addresses masked for all but the requester: answerAddresses.ts). */
  async state(res: Response, caller: Actor, id: string): Promise<CoordinationState> {
    const state = await this.rawState(res, caller, id);
    return forReader(caller, state.requester, state);
  }

  private async rawState(res: Response, caller: Actor, id: string): Promise<CoordinationState> {
    const rec = await this.readable(caller, id);
    if (rec && (await this.final(rec))) return fromRecord(res, rec, rec.state);
    try {
      if (!rec) await this.access(caller, id);
      return await this.service.state(id);
    } catch (err) {
      if (rec && fallsBack(err)) return fromRecord(res, rec, rec.state);
      throw err;
    }
  }

  /** The timeline as `caller` may see it (link addresses masked for all but the requester). */
  async timeline(res: Response, caller: Actor, id: string, afterSeq?: number): Promise<TimelineEvent[]> {
    const rec = await this.readable(caller, id);
    if (rec && (await this.final(rec))) return fromRecord(res, rec, forReader(caller, rec.requester, await readTimeline(this.records, id, afterSeq)));
    let requester = rec?.requester;
    try {
      if (!rec) requester = (await this.access(caller, id)).requester;
      return forReader(caller, requester!, await this.service.timeline(id, afterSeq));
    } catch (err) {
      if (rec && fallsBack(err)) return fromRecord(res, rec, forReader(caller, rec.requester, await readTimeline(this.records, id, afterSeq)));
      throw err;
    }
  }

  /**
   * Authorization facts for an action. A request Temporal no longer holds but the store has is
   * closed: a reader then gets 409 (closed), not 404.
   */
  async access(caller: Actor, id: string): Promise<AccessInfo> {
    let access: AccessInfo;
    try {
      access = await this.service.access(id);
    } catch (err) {
      const rec = isKind(err, 'notFound') ? await this.record(id) : null;
      if (!rec) throw err;
      access = { requester: rec.requester, involved: rec.involved, participants: rec.participants, status: rec.state.status, running: false };
    }
    assertCanRead(caller, access, this.directory);
    return access;
  }
}

function isKind(err: unknown, kind: ProblemError['kind']): boolean {
  if (kind === 'notFound' && grpcCode(err) === 5) return true;
  const mapped = fromTemporal(err);
  return mapped instanceof ProblemError && mapped.kind === kind;
}

/** Workflow gone (deleted after retention) or not answering in time: the record answers. */
const fallsBack = (err: unknown): boolean => isKind(err, 'notFound') || isKind(err, 'unavailable');

function fromRecord<T>(res: Response, rec: StoredRecord, body: T): T {
  res.setHeader('Age', String(Math.max(0, Math.floor((Date.now() - rec.recordedAt.getTime()) / 1000))));
  return body;
}
