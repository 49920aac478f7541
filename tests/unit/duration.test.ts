/** ISO 8601 durations and Indonesian reminder labels. */
import { formatDuration, parseDuration, parsePositiveDuration, reminderLabel } from '../../src/domain/duration';

test.each([
  ['P3D', 3 * 86400_000],
  ['PT10S', 10_000],
  ['PT1H30M', 90 * 60_000],
  ['P1W', 7 * 86400_000],
  ['P1DT12H', 36 * 3600_000],
  ['PT0.5S', 500],
])('%s is %d ms', (iso, ms) => {
  expect(parseDuration(iso)).toBe(ms);
  expect(parseDuration(formatDuration(ms))).toBe(ms);
});

test.each([['P1M', /years and months/], ['P1Y', /years and months/], ['3 days', /not an ISO 8601/], ['P', /not an ISO 8601/], ['PT', /not an ISO 8601/], ['', /non-empty/]])(
  '%s is refused',
  (iso, why) => {
    expect(() => parseDuration(iso)).toThrow(why);
  },
);

test('zero is a duration but not a positive one', () => {
  expect(parseDuration('PT0S')).toBe(0);
  expect(() => parsePositiveDuration('PT0S')).toThrow(/longer than zero/);
});

test('reminder labels: H-3, H, H+2, and sub-day offsets keep their duration', () => {
  expect(reminderLabel(-3 * 86400_000)).toBe('H-3');
  expect(reminderLabel(0)).toBe('H');
  expect(reminderLabel(2 * 86400_000)).toBe('H+2');
  expect(reminderLabel(-2 * 3600_000)).toBe('H-PT2H');
  expect(reminderLabel(30_000)).toBe('H+PT30S');
});
