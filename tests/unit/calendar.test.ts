/** Working calendar: weekends, public holidays, cuti bersama, per-zone working windows. */
import { createWorkingCalendar, fromLocal, toLocal } from '../../src/domain/calendar';

const cal = createWorkingCalendar({ jointLeaveDays: [], workStart: '08:00', workEnd: '16:00' });
const WITA = 'Asia/Makassar';
const WIB = 'Asia/Jakarta';
const WIT = 'Asia/Jayapura';
const iso = (ms: number) => new Date(ms).toISOString();

describe('days off', () => {
  test.each([
    ['2026-12-25', 'a public holiday (Natal)', false],
    ['2026-08-17', 'Independence Day', false],
    ['2026-12-26', 'a Saturday', false],
    ['2026-12-27', 'a Sunday', false],
    ['2026-12-24', 'an ordinary Thursday', true],
  ])('%s is %s', (date, _why, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  test('a configured joint-leave day is off, with its reason', () => {
    const withCuti = createWorkingCalendar({ jointLeaveDays: ['2026-12-24'], workStart: '08:00', workEnd: '16:00' });
    expect(withCuti.dayOff('2026-12-24')).toBe('cuti bersama');
    expect(cal.dayOff('2026-12-24')).toBeNull();
    expect(cal.dayOff('2026-12-26')).toBe('weekend');
  });
});

describe('working-day deadlines', () => {
  test('5 working days from Tuesday 22 Dec skip Christmas and the weekend: Wednesday 30 Dec, close of day WITA', () => {
    const from = Date.parse('2026-12-22T10:00:00+08:00');
    // 23, 24, (25 holiday, 26–27 weekend), 28, 29, 30
    expect(iso(cal.addWorkingDays(from, 5, WITA))).toBe('2026-12-30T08:00:00.000Z'); // 16:00 WITA
  });

  test('a joint-leave day pushes the same deadline one working day further', () => {
    const withCuti = createWorkingCalendar({ jointLeaveDays: ['2026-12-24'], workStart: '08:00', workEnd: '16:00' });
    const from = Date.parse('2026-12-22T10:00:00+08:00');
    expect(iso(withCuti.addWorkingDays(from, 5, WITA))).toBe('2026-12-31T08:00:00.000Z');
  });

  test('counting starts from the local date of the requester zone', () => {
    // Thursday 26 Nov 23:30 WIB is already Friday 01:30 WIT: one working day is Friday in WIB
    // but Monday in WIT.
    const from = Date.parse('2026-11-26T23:30:00+07:00');
    expect(toLocal(from, WIT).date).toBe('2026-11-27');
    expect(iso(cal.addWorkingDays(from, 1, WIB))).toBe(iso(fromLocal('2026-11-27', 16 * 60, WIB)));
    expect(iso(cal.addWorkingDays(from, 1, WIT))).toBe(iso(fromLocal('2026-11-30', 16 * 60, WIT)));
  });

  test('zero or fractional working days are refused', () => {
    expect(() => cal.addWorkingDays(0, 0, WIB)).toThrow(/whole number/);
    expect(() => cal.addWorkingDays(0, 1.5, WIB)).toThrow(/whole number/);
  });
});

describe('shifting notifications into working hours', () => {
  test('17:30 WITA on Thursday moves to 08:00 WITA on Friday', () => {
    const at = Date.parse('2026-11-26T17:30:00+08:00');
    expect(iso(cal.shiftToWorkingTime(at, WITA))).toBe('2026-11-27T00:00:00.000Z');
  });

  test('17:30 WITA on Thursday 24 Dec moves past Christmas and the weekend to Monday 08:00 WITA', () => {
    const at = Date.parse('2026-12-24T17:30:00+08:00');
    expect(iso(cal.shiftToWorkingTime(at, WITA))).toBe('2026-12-28T00:00:00.000Z');
  });

  test('inside working hours nothing moves; before opening it moves to 08:00 the same day', () => {
    const inside = Date.parse('2026-11-26T10:15:00+08:00');
    expect(cal.shiftToWorkingTime(inside, WITA)).toBe(inside);
    expect(iso(cal.shiftToWorkingTime(Date.parse('2026-11-26T06:59:00+08:00'), WITA))).toBe('2026-11-26T00:00:00.000Z');
  });

  test('one instant, three zones: each recipient gets its own window', () => {
    // 07:30 WIB = 08:30 WITA = 09:30 WIT on a working Thursday.
    const at = Date.parse('2026-11-26T07:30:00+07:00');
    expect(iso(cal.shiftToWorkingTime(at, WIB))).toBe('2026-11-26T01:00:00.000Z'); // 08:00 WIB
    expect(cal.shiftToWorkingTime(at, WITA)).toBe(at);
    expect(cal.shiftToWorkingTime(at, WIT)).toBe(at);
    // 15:30 WIB = 17:30 WIT: the WIT recipient waits for Friday 08:00 WIT.
    const late = Date.parse('2026-11-26T15:30:00+07:00');
    expect(cal.shiftToWorkingTime(late, WIB)).toBe(late);
    expect(iso(cal.shiftToWorkingTime(late, WIT))).toBe('2026-11-26T23:00:00.000Z'); // Fri 08:00 WIT
  });

  test('the end of the window is exclusive: 16:00 sharp goes to the next working morning', () => {
    expect(iso(cal.shiftToWorkingTime(Date.parse('2026-11-27T16:00:00+08:00'), WITA))).toBe('2026-11-30T00:00:00.000Z');
  });
});

test('local time conversions round-trip in every Indonesian zone', () => {
  for (const tz of [WIB, WITA, WIT]) {
    const ms = fromLocal('2026-03-19', 8 * 60 + 5, tz);
    expect(toLocal(ms, tz)).toMatchObject({ date: '2026-03-19', minutes: 485 });
  }
});
