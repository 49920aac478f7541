/**
 * The compact timeline a run carries, and the readable one its readers get: repeated lists are kept
 * once and written out again for readers, exactly as recorded.
 */
import type { TimelineEvent, TimelineKind } from '../../src/domain/types';
import { compact, hasSharedList, readable } from '../../workflows/compactTimeline';

const SYSTEM = { sub: 'system', org: 'system' };
let seq = 0;
function event(kind: TimelineKind, data?: Record<string, unknown>): TimelineEvent {
  seq += 1;
  return { seq, at: new Date(Date.UTC(2026, 10, seq)).toISOString(), kind, actor: SYSTEM, revision: 0, step: 0, ...(data ? { data } : {}) };
}

/** Records events the way a run does: each compacted against the timeline so far. */
function record(events: TimelineEvent[]): TimelineEvent[] {
  const timeline: TimelineEvent[] = [];
  for (const e of events) timeline.push(hasSharedList(e) ? compact(timeline, e) : e);
  return timeline;
}

const fifty = Array.from({ length: 50 }, (_, i) => `pemkab-uji-${String(i + 1).padStart(2, '0')}`);
const reminder = (label: string, recipients: string[]) => ({ kind: 'REMINDER_OVERDUE', label, recipients, sequence: seq + 1, deliveries: [{ timeZone: 'Asia/Makassar', at: 'x' }] });
const delivered = (orgs: string[]) => ({ notification: 'REMINDER_OVERDUE', sequence: seq, delivered: Object.fromEntries(orgs.map((o) => [o, ['email']])) });

beforeEach(() => {
  seq = 0;
});

test('a year of daily reminders to the same 50 reads back exactly as recorded, at a fraction of the size', () => {
  const events: TimelineEvent[] = [event('CREATED', { steps: 1 })];
  for (let day = 0; day < 365; day++) {
    events.push(event('REMINDER_SENT', reminder(`H+${day}`, fifty)));
    events.push(event('NOTIFICATION_DELIVERED', delivered(fifty)));
  }
  const kept = record(events);
  expect(readable(kept)).toEqual(events);
  // Keys keep their order for readers.
  expect(readable(kept).map((e) => Object.keys(e.data ?? {}))).toEqual(events.map((e) => Object.keys(e.data ?? {})));
  const full = JSON.stringify(events).length;
  const carried = JSON.stringify(kept).length;
  expect(carried).toBeLessThan(full / 4);
  // Only the first of each kind is written out in full; the rest name it.
  expect(kept.filter((e) => e.data?.recipients)).toHaveLength(1);
  expect(kept.filter((e) => e.data?.delivered)).toHaveLength(1);
  expect(kept[3].data).toMatchObject({ sameAs: { recipients: 2 } });
});

test.each([
  ['a list that changes is written out again', [fifty, fifty.slice(1), fifty.slice(1), fifty], [true, true, false, true]],
  ['an empty list is shared like any other', [[], [], fifty], [true, false, true]],
])('%s', (_name, lists, full) => {
  const events = lists.map((l, i) => event('REMINDER_SENT', reminder(`H+${i}`, l)));
  const kept = record(events);
  expect(kept.map((e) => e.data?.recipients !== undefined)).toEqual(full);
  expect(readable(kept)).toEqual(events);
});

test('a reference points at the full event even when the previous one was itself compact', () => {
  const kept = record([1, 2, 3].map((d) => event('REMINDER_SENT', reminder(`H+${d}`, fifty))));
  expect(kept.map((e) => (e.data?.sameAs as { recipients?: number } | undefined)?.recipients)).toEqual([undefined, 1, 1]);
});

test('other kinds and events without the list are kept as they are', () => {
  const events = [event('ESCALATED', { recipients: ['kpu-ntb'], silent: fifty }), event('ESCALATED', { recipients: ['kpu-ntb'], silent: fifty }), event('NOTIFICATION_FAILED', { failed: {} })];
  expect(record(events)).toEqual(events);
});

test('readable after a seq: later events only, their lists resolved through earlier ones', () => {
  const events = [1, 2, 3, 4].map((d) => event('REMINDER_SENT', reminder(`H+${d}`, fifty)));
  const kept = record(events);
  expect(readable(kept, 2)).toEqual(events.slice(2));
  expect(readable(kept, 4)).toEqual([]);
});
