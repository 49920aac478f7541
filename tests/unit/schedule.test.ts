/** The nominal reminder schedule of a step, independent of Temporal. */
import { cursorAfter, cursorAt, nextNominalEvent, type NominalEvent, type SchedulePlan } from '../../src/domain/schedule';

const H = 3600_000;
const D = 24 * H;
const deadline = Date.UTC(2026, 11, 10, 8, 0, 0);

function take(plan: SchedulePlan, fromMs: number, max: number): NominalEvent[] {
  const out: NominalEvent[] = [];
  let cursor = cursorAfter(fromMs);
  for (let i = 0; i < max; i++) {
    const ev = nextNominalEvent(plan, cursor);
    if (!ev) break;
    out.push(ev);
    cursor = cursorAt(ev);
  }
  return out;
}

const brief = (evs: NominalEvent[]) => evs.map((e) => [e.kind, (e.atMs - deadline) / H, e.label]);

test('H-3, H-1, deadline, overdue repeats and escalation in time order', () => {
  const plan: SchedulePlan = { deadlineMs: deadline, expireAfter: null, reminders: { before: ['P1D', 'P3D'], atDeadline: true, repeatEvery: 'P1D', escalateAfter: 'PT36H' } };
  expect(brief(take(plan, deadline - 5 * D, 7))).toEqual([
    ['REMINDER_BEFORE', -72, 'H-3'],
    ['REMINDER_BEFORE', -24, 'H-1'],
    ['OVERDUE', 0, 'H'],
    ['REMINDER_DUE', 0, 'H'],
    ['REMINDER_OVERDUE', 24, 'H+1'],
    ['ESCALATION', 36, expect.any(String)],
    ['REMINDER_OVERDUE', 48, 'H+2'],
  ]);
});

test('offsets already past at activation are skipped', () => {
  const plan: SchedulePlan = { deadlineMs: deadline, expireAfter: null, reminders: { before: ['P3D', 'P1D'], atDeadline: false, repeatEvery: null, escalateAfter: null } };
  expect(brief(take(plan, deadline - 2 * D, 5))).toEqual([
    ['REMINDER_BEFORE', -24, 'H-1'],
    ['OVERDUE', 0, 'H'],
  ]);
});

test('expiry ends the plan; without repeats the plan is finite', () => {
  const plan: SchedulePlan = { deadlineMs: deadline, expireAfter: 'P2D', reminders: { before: [], atDeadline: true, repeatEvery: null, escalateAfter: 'P1D' } };
  expect(brief(take(plan, deadline - D, 10)).map((e) => e[0])).toEqual(['OVERDUE', 'REMINDER_DUE', 'ESCALATION', 'EXPIRY']);
});

test('a cursor far in the overdue period finds the next repeat directly', () => {
  const plan: SchedulePlan = { deadlineMs: deadline, expireAfter: null, reminders: { before: [], atDeadline: true, repeatEvery: 'PT10S', escalateAfter: null } };
  const ev = nextNominalEvent(plan, cursorAfter(deadline + 365 * D + 5000));
  expect(ev).toMatchObject({ kind: 'REMINDER_OVERDUE', atMs: deadline + 365 * D + 10_000 });
});
