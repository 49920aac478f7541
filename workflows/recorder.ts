/**
 * Keeps the request's record in the records store (docs/ARCHITECTURE.md#records-store) up to date, without ever holding the
 * coordination up: at most one recording activity in flight per workflow, carrying the current
 * snapshot and every timeline event since the last acknowledged seq. Changes made while a write
 * is in flight (or while the database is down and the activity retries) are coalesced into the
 * next write, so a long outage costs one retrying activity, not thousands of pending ones.
 *
 * New behaviour behind `patched()`: a request started by older code replays without recording (the
 * backfill command copies it) and records from its next continue-as-new on.
 */
import type { Duration } from '@temporalio/common';
import { ActivityFailure, condition, log, patched, proxyActivities, sleep } from '@temporalio/workflow';
import type { CoordinationActivities } from '../activities/types';
import type { CoordinationState, TimelineEvent } from '../src/domain/types';
import { readable } from './compactTimeline';
import { PATCHES } from './patches';

/**
 * A single write stays well under Temporal's 2 MB payload limit (an event naming 50 recipients
 * weighs ~30 kB); the rest follows in the next write.
 */
const MAX_EVENT_BYTES_PER_WRITE = 256 * 1024;

/**
 * While notifications are being delivered, a write waits (this long at most) for their outcome, so
 * an occasion and its delivery record go in one write instead of two: each write puts the whole
 * snapshot into history (its input), and a daily reminder would otherwise cost two a day. The
 * first write of a request does not wait: the store has the request as soon as it is set up.
 */
const COALESCE_WITH_DELIVERIES: Duration = '10 seconds';

const { recordRequest } = proxyActivities<CoordinationActivities>({
  startToCloseTimeout: '30s',
  // No attempt limit: an outage of the database is waited out, whatever its length.
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/** Carried across continue-as-new. */
export interface RecorderCursor {
  /** Every event with seq ≤ this is stored. */
  ackedSeq: number;
  /** Snapshots sent so far (orders snapshots of the same version in the store). */
  snapshot: number;
}

export interface Recorder {
  /** Call after any change (state or timeline); a write follows as soon as none is in flight. */
  changed(): void;
  /** Resolves once the store has the current snapshot and every event. */
  flushed(): Promise<void>;
  /**
   * Before continue-as-new: starts no new write and waits (at most `timeout`, the database may be
   * down) for the one in flight, so the next run does not begin beside an abandoned activity.
   */
  quiesce(timeout: Duration): Promise<void>;
  cursor(): RecorderCursor;
}

/** What the recorder watches besides the state and timeline. */
export interface RecorderHooks {
  /**
   * Whether the request is set up (first step active, its deadline computed): the record never
   * shows the half-made state before that.
   */
  ready(): boolean;
  /** Whether no notification delivery is in flight (its outcome would follow as an event soon). */
  deliveriesSettled(): boolean;
}

/** Starts recording for this run, or returns null for a run of a request started before recording existed. */
export function startRecorder(state: CoordinationState, timeline: TimelineEvent[], carried: RecorderCursor | undefined, hooks: RecorderHooks): Recorder | null {
  if (!patched(PATCHES.recordsStore)) return null;
  let { ackedSeq, snapshot } = carried ?? { ackedSeq: 0, snapshot: 0 };
  let dirty = true;
  let writing = false;
  let held = false;
  let sent = '';
  const lastSeq = () => timeline.at(-1)?.seq ?? 0;

  void (async () => {
    for (;;) {
      await condition(() => dirty && !writing && !held && hooks.ready());
      if (snapshot > 0 && !hooks.deliveriesSettled()) {
        await condition(() => hooks.deliveriesSettled() || held, COALESCE_WITH_DELIVERIES);
        if (held) continue;
      }
      dirty = false;
      const json = JSON.stringify(state);
      const version = lastSeq();
      if (version <= ackedSeq && json === sent) continue;
      const events = unacknowledged(timeline, ackedSeq);
      writing = true;
      snapshot += 1;
      try {
        await recordRequest({ version, snapshot, state: JSON.parse(json) as CoordinationState, events });
        sent = json;
        ackedSeq = events.at(-1)?.seq ?? ackedSeq;
      } catch (err) {
        // Only a non-retryable failure gets here (retries are unlimited); try again later.
        log.warn('recording failed; retrying in a minute', { error: err instanceof ActivityFailure ? err.cause?.message : String(err) });
        await sleep('1m');
      } finally {
        writing = false;
      }
      if (ackedSeq < lastSeq() || sent !== JSON.stringify(state)) dirty = true;
    }
  })();

  return {
    changed: () => {
      dirty = true;
    },
    flushed: () => {
      held = false;
      return condition(() => !dirty && !writing && ackedSeq >= lastSeq());
    },
    quiesce: async (timeout) => {
      held = true;
      await condition(() => !writing, timeout);
    },
    cursor: () => ({ ackedSeq, snapshot }),
  };
}

/** Events after `ackedSeq` as readers get them, oldest first, as many as fit in one write (at least one). */
function unacknowledged(timeline: TimelineEvent[], ackedSeq: number): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  let bytes = 0;
  for (const e of readable(timeline, ackedSeq)) {
    const size = JSON.stringify(e).length;
    if (out.length && bytes + size > MAX_EVENT_BYTES_PER_WRITE) break;
    out.push(e);
    bytes += size;
  }
  return out;
}
