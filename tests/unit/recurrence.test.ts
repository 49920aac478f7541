/** Recurrence plans of coordination schedules: cron and interval checks, holidays to skip, local dates. */
import { createWorkingCalendar } from '../../src/domain/calendar';
import { cronProblem, holidaysBetween, intervalProblem, planRecurrence } from '../../src/domain/recurrence';

const cal = createWorkingCalendar({ jointLeaveDays: ['2026-12-24'], workStart: '08:00', workEnd: '16:00' });
const NOW = Date.parse('2026-11-30T00:00:00Z');

test.each([
  ['0 9 1 * *', null],
  ['30 8 * * MON-FRI', null],
  ['0 9 1,15 */2 *', null],
  ['0 9 1 *', /five cron fields/],
  ['0 9 1 * * 2027', /five cron fields/],
  ['TZ=UTC 0 9 1 * *', /five cron fields/],
  ['@monthly', /five cron fields/],
  ['0 9 1 * ; rm', /five cron fields/],
])('cron %s', (cron, problem) => {
  const p = cronProblem(cron);
  if (problem) expect(p).toMatch(problem);
  else expect(p).toBeNull();
});

test.each([
  ['P7D', null],
  ['PT1H', null],
  ['PT59M', /at least one hour/],
  ['P1M', /./],
  ['weekly', /./],
])('interval %s', (every, problem) => {
  const p = intervalProblem(every);
  if (problem) expect(p).toMatch(problem);
  else expect(p).toBeNull();
});

test('holidays and joint-leave days are skipped, weekends are not listed', () => {
  expect(holidaysBetween(cal, '2026-12-20', '2027-01-03')).toEqual([
    { date: '2026-12-24', reason: 'cuti bersama' },
    { date: '2026-12-25', reason: expect.any(String) },
    { date: '2027-01-01', reason: expect.any(String) },
  ]);
});

describe('plans', () => {
  test('cron in the requester zone from its first local midnight to the end of its last day, holidays listed', () => {
    const plan = planRecurrence(cal, { recurrence: { cron: ' 0 9 1 * * ' }, timeZone: 'Asia/Makassar', startDate: '2026-12-01', endDate: '2027-01-31', skipHolidays: true, nowMs: NOW });
    expect(plan).toMatchObject({ timeZone: 'Asia/Makassar', cron: '0 9 1 * *', startAt: Date.parse('2026-11-30T16:00:00Z'), endAt: Date.parse('2027-01-31T15:59:59Z') });
    expect(plan.skip.map((d) => d.date)).toEqual(['2026-12-24', '2026-12-25', '2027-01-01', '2027-01-05']); // 5 Jan 2027: a holiday in the table
  });

  test('without skipHolidays nothing is skipped; without an end, holidays are listed three years ahead', () => {
    expect(planRecurrence(cal, { recurrence: { cron: '0 9 1 * *' }, timeZone: 'Asia/Jakarta', startDate: '2026-12-01', endDate: null, skipHolidays: false, nowMs: NOW }).skip).toEqual([]);
    const open = planRecurrence(cal, { recurrence: { cron: '0 9 1 * *' }, timeZone: 'Asia/Jakarta', startDate: '2026-12-01', endDate: null, skipHolidays: true, nowMs: NOW });
    expect(open.endAt).toBeNull();
    expect(open.skip.at(-1)!.date <= '2029-12-01').toBe(true);
    expect(open.skip.some((d) => d.date.startsWith('2029-'))).toBe(true);
  });

  test('an interval is phased on the first local midnight', () => {
    const plan = planRecurrence(cal, { recurrence: { every: 'P7D' }, timeZone: 'Asia/Jayapura', startDate: '2026-12-07', endDate: null, skipHolidays: false, nowMs: NOW });
    const start = Date.parse('2026-12-06T15:00:00Z'); // 00:00 WIT
    expect(plan.interval!.everyMs).toBe(7 * 86_400_000);
    expect((start - plan.interval!.offsetMs) % plan.interval!.everyMs).toBe(0);
  });
});
