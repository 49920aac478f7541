/** Frequency floors as tables: reminder gaps of a step, a cron expression's shortest gap, schedule dates. */
import { cronShortestGapMs, CronSyntaxError } from '../../src/domain/cronGap';
import { reminderFloorProblems, spelledDuration } from '../../src/domain/floors';
import { createWorkingCalendar } from '../../src/domain/calendar';
import { dateRangeProblems, frequencyProblem, intervalProblem, planRecurrence } from '../../src/domain/recurrence';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

test.each([
  [HOUR, 'one hour'],
  [2 * HOUR, '2 hours'],
  [30 * MIN, '30 minutes'],
  [1000, 'one second'],
  [DAY, 'one day'],
  [1500, '1500 ms'],
])('%d ms reads as %s', (ms, text) => expect(spelledDuration(ms)).toBe(text));

describe('reminders of one step under a one-hour floor', () => {
  test.each([
    ['the defaults (H-3, H-1, H, daily)', undefined, []],
    ['repeat every second', { repeatEvery: 'PT1S' }, ['repeatEvery']],
    ['repeat every 59 minutes', { repeatEvery: 'PT59M' }, ['repeatEvery']],
    ['repeat every hour', { repeatEvery: 'PT1H' }, []],
    ['no repeat', { repeatEvery: null }, []],
    ['offsets 30 minutes apart', { before: ['PT2H', 'PT90M'], atDeadline: false }, ['before[1]']],
    ['offsets given out of order, closest pair named by its index', { before: ['PT2H', 'PT5H', 'PT90M'], atDeadline: false }, ['before[2]']],
    ['the same offset twice', { before: ['P1D', 'P1D'] }, ['before[1]']],
    ['last offset 30 minutes before a reminder at the deadline', { before: ['PT30M'] }, ['before[0]']],
    ['last offset 30 minutes before, nothing at the deadline', { before: ['PT30M'], atDeadline: false }, []],
    ['an override meeting a default: H-1 and a repeat each minute', { repeatEvery: 'PT1M', before: ['P1D', 'PT1S'] }, ['repeatEvery', 'before[1]']],
    ['unparseable durations are the schema’s business', { repeatEvery: '1 day', before: ['PX'] }, []],
  ])('%s', (_name, reminders, fields) => {
    expect(reminderFloorProblems(reminders, HOUR).map((p) => p.field)).toEqual(fields);
  });

  test('defaults that break a higher floor name the default field', () => {
    expect(reminderFloorProblems(undefined, 2 * DAY).map((p) => p.field)).toEqual(['repeatEvery', 'before']);
  });

  test('the message names the floor and its setting', () => {
    expect(reminderFloorProblems({ repeatEvery: 'PT1S' }, HOUR)[0].message).toBe('repeats at least one hour (MIN_REMINDER_INTERVAL) apart');
  });

  test('a low floor (tests, demos) lets second-scale reminders through', () => {
    expect(reminderFloorProblems({ before: ['PT2S', 'PT1S'], atDeadline: true, repeatEvery: 'PT1S' }, 1000)).toEqual([]);
  });
});

describe('shortest gap between consecutive firings of a cron expression', () => {
  test.each([
    ['* * * * *', MIN],
    ['*/5 * * * *', 5 * MIN],
    ['*/15 * * * *', 15 * MIN],
    ['5/20 * * * *', 20 * MIN],
    ['0,30 9 * * *', 30 * MIN],
    ['0 9,10 * * *', HOUR],
    ['0 0,23 * * *', HOUR],
    ['59 23 * * *', DAY],
    ['0 9 * * *', DAY],
    ['0 9 * * MON-FRI', DAY],
    ['30 8 * * 1,7', DAY],
    ['0 9 * * sun', 7 * DAY],
    ['0 9 * * 0,7', 7 * DAY],
    ['0 9 1 * *', 28 * DAY],
    ['0 9 1,15 */2 *', 14 * DAY],
    ['0 9 1 JAN *', 365 * DAY],
    // Day of month AND day of week (Temporal), not cron's OR: Mondays that are the 1st.
    ['0 9 1 * MON', 28 * DAY],
    ['0 9 29 2 *', 1461 * DAY],
    ['0 9 31 2 *', null],
  ])('%s', (cron, gap) => expect(cronShortestGapMs(cron)).toBe(gap));

  test.each(['0 9 L * *', '0 9 ? * *', '60 * * * *', '0 24 * * *', '0 9 0 * *', '0 9 * 13 *', '0 9 * * 8', '*/0 * * * *', '10-5 * * * *', '0 9 * * FOO', '0 9 * *'])('%s is refused, not guessed', (cron) => {
    expect(() => cronShortestGapMs(cron)).toThrow(CronSyntaxError);
  });
});

describe('how often a schedule may start requests', () => {
  test.each([
    [{ cron: '* * * * *' }, HOUR, 'recurrence.cron', /fires one minute apart at its closest; at least one hour \(MIN_SCHEDULE_INTERVAL\)/],
    [{ cron: '*/5 * * * *' }, HOUR, 'recurrence.cron', /5 minutes apart/],
    [{ cron: '0,30 9 * * *' }, HOUR, 'recurrence.cron', /30 minutes apart/],
    [{ cron: '0 9 1 * *' }, HOUR, null, null],
    [{ cron: '0 9 * * *' }, HOUR, null, null],
    [{ cron: '0 9 L * *' }, HOUR, 'recurrence', /day-of-month/],
    [{ every: 'PT30M' }, HOUR, 'recurrence.every', /at least one hour/],
    [{ every: 'PT1H' }, HOUR, null, null],
    [{ every: 'PT5S' }, 1000, null, null],
    [{ cron: '* * * * *' }, MIN, null, null],
  ])('%j under %d ms', (recurrence, floor, field, message) => {
    const p = frequencyProblem(recurrence, floor);
    if (field === null) expect(p).toBeNull();
    else {
      expect(p?.field).toBe(field);
      expect(p?.message).toMatch(message!);
    }
  });

  test('intervals follow the setting', () => {
    expect(intervalProblem('PT30M', 2 * HOUR)).toBe('at least 2 hours (MIN_SCHEDULE_INTERVAL)');
    expect(intervalProblem('PT30M', 10 * MIN)).toBeNull();
  });
});

describe('schedule dates', () => {
  const TODAY = '2026-12-04';
  test.each([
    ['today, no end', TODAY, null, []],
    ['five years exactly', TODAY, '2031-12-04', []],
    ['five years and a day', TODAY, '2031-12-05', ['endDate']],
    ['3,000 years', '2000-01-01', '4999-12-31', ['startDate', 'endDate']],
    ['an end in the year 9999', TODAY, '9999-12-31', ['endDate']],
    ['a start in the year 0', '0000-01-01', null, ['startDate']],
    ['a year back', '2025-12-04', '2026-12-31', []],
    ['more than a year back', '2025-12-03', null, ['startDate']],
    ['five years ahead', '2031-12-04', null, []],
    ['more than five years ahead', '2031-12-05', null, ['startDate']],
    ['29 February plus five years', '2028-02-29', '2033-02-28', []],
  ])('%s', (_name, start, end, fields) => {
    expect(dateRangeProblems(start, end, TODAY).map((p) => p.field)).toEqual(fields);
  });
});

test('a schedule made before the date limits, planned again at its resume, lists a bounded holiday list', () => {
  const cal = createWorkingCalendar({ jointLeaveDays: [], workStart: '08:00', workEnd: '16:00' });
  const plan = planRecurrence(cal, { recurrence: { cron: '0 9 1 * *' }, timeZone: 'Asia/Makassar', startDate: '2000-01-01', endDate: '4999-12-31', skipHolidays: true, nowMs: Date.parse('2026-12-04T00:00:00Z') });
  // A year back to five years ahead: about 6 × 20 days, not the 19,149 of three millennia.
  expect(plan.skip.length).toBeGreaterThan(50);
  expect(plan.skip.length).toBeLessThan(200);
  expect(plan.skip[0].date >= '2025-12-04').toBe(true);
  expect(plan.skip[plan.skip.length - 1].date <= '2031-12-04').toBe(true);
});
