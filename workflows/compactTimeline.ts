/**
 * The timeline a run keeps (and carries across continue-as-new) in compact form, and the form its
 * readers get. A request overdue for months records, every day, a reminder to the same silent
 * participants and a delivery outcome naming the same organizations and channels: repeating those
 * lists made the carried timeline grow by ~2.6 kB a day (a year of 50 participants neared 1 MB of
 * Temporal's 2 MB payload limit). Kept compact, an event whose list equals the one of the previous
 * event of its kind names that event instead; readers (queries, the records store) always get the
 * list written out, so the timeline's shape is the same for them as before.
 *
 * Pure and deterministic: plain data in, plain data out.
 */
import type { TimelineEvent, TimelineKind } from '../src/domain/types';

/** The list field of each repeating system event that is worth sharing between occasions. */
const SHARED_FIELD: Partial<Record<TimelineKind, string>> = {
  REMINDER_SENT: 'recipients',
  NOTIFICATION_DELIVERED: 'delivered',
};

/** Key of the reference in a compact event's data: `{ sameAs: { recipients: 12 } }`. */
const SAME_AS = 'sameAs';

/** The event with the list of `kind` that a new event would repeat: the latest full one of that kind. */
function latestFull(timeline: TimelineEvent[], kind: TimelineKind, field: string): TimelineEvent | undefined {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const e = timeline[i];
    if (e.kind !== kind) continue;
    const ref = (e.data?.[SAME_AS] as Record<string, number> | undefined)?.[field];
    return ref === undefined ? e : bySeq(timeline, ref);
  }
  return undefined;
}

/** Seq is 1-based and contiguous within a request (across runs too): a direct index, checked. */
function bySeq(timeline: TimelineEvent[], seq: number): TimelineEvent | undefined {
  const guess = timeline[seq - 1];
  return guess?.seq === seq ? guess : timeline.find((e) => e.seq === seq);
}

/** Whether the event carries a list that a later occasion may repeat (only those are compacted). */
export function hasSharedList(event: TimelineEvent): boolean {
  const field = SHARED_FIELD[event.kind];
  return !!field && event.data?.[field] !== undefined;
}

/** The event as kept in the run: its list replaced by a reference when the previous one of its kind had the same. */
export function compact(timeline: TimelineEvent[], event: TimelineEvent): TimelineEvent {
  const field = SHARED_FIELD[event.kind];
  const value = field ? event.data?.[field] : undefined;
  if (!field || value === undefined) return event;
  const previous = latestFull(timeline, event.kind, field);
  if (!previous || JSON.stringify(previous.data?.[field]) !== JSON.stringify(value)) return event;
  // In place of the list (readers get the keys in the order they always had).
  const data = Object.fromEntries(Object.entries(event.data!).map(([k, v]) => (k === field ? [SAME_AS, { [field]: previous.seq }] : [k, v])));
  return { ...event, data };
}

/**
 * The timeline as readers get it: every compact event with its list written out again. `afterSeq`
 * keeps only later events (their references may point before it).
 */
export function readable(timeline: TimelineEvent[], afterSeq = 0): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (const e of timeline) {
    if (e.seq <= afterSeq) continue;
    const refs = e.data?.[SAME_AS] as Record<string, number> | undefined;
    if (!refs) {
      out.push(e);
      continue;
    }
    const entries = Object.entries(e.data!).flatMap(([k, v]) => (k === SAME_AS ? Object.entries(refs).map(([field, seq]) => [field, bySeq(timeline, seq)?.data?.[field]]) : [[k, v]]));
    out.push({ ...e, data: Object.fromEntries(entries) as Record<string, unknown> });
  }
  return out;
}
