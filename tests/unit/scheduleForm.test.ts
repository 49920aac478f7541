/** The new-schedule form as data: the recurrence as a secretariat says it → the API body → errors per field. */
import { parseScheduleForm, plainRecurrence, readScheduleForm, scheduleErrorsBySlot, scheduleSlotOf } from '../../src/web/forms/scheduleForm';

const posted = {
  title: 'Rapat koordinasi bulanan',
  category: 'ALIGNMENT',
  steps: [{ participants: ['pemkab-sumbawa'], deadlineKind: 'WORKING_DAYS', days: '5', before: '3, 1', atDeadline: '1', daily: '1', escalate: '1' }],
  repeat: 'monthly',
  dayOfMonth: '1',
  weekday: '1',
  time: '09:00',
  cron: '',
  every: 'P7D',
  startDate: '2027-01-01',
  endDate: '',
  skipHolidays: '1',
  note: '',
  _key: 'k-1',
  _action: 'submit',
};

const parse = (extra: Record<string, unknown>) => parseScheduleForm(readScheduleForm({ ...posted, ...extra }).values, 'Asia/Makassar');

test.each([
  [{ repeat: 'monthly', dayOfMonth: '15', time: '10:30' }, { cron: '30 10 15 * *' }],
  [{ repeat: 'weekly', weekday: '5', time: '08:05' }, { cron: '5 8 * * 5' }],
  [{ repeat: 'cron', cron: ' 0 9 * * 1-5 ' }, { cron: '0 9 * * 1-5' }],
  [{ repeat: 'interval', every: 'P14D' }, { every: 'P14D' }],
  [{ repeat: 'nonsense' }, { cron: '0 9 1 * *' }],
])('%j recurs as %j', (extra, recurrence) => {
  const parsed = parse(extra);
  expect(parsed.ok && parsed.body.recurrence).toEqual(recurrence);
});

test('the rest of the body: dates, switches, the template without attachments', () => {
  const parsed = parse({ endDate: '2027-12-31', paused: '1', note: ' rakor ', attachments: ['at-0123456789abcdef0123456789abcdef'] });
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  expect(parsed.body).toMatchObject({ startDate: '2027-01-01', endDate: '2027-12-31', skipHolidays: true, paused: true, note: 'rakor' });
  expect(parsed.body.template.attachments).toBeUndefined();
  expect(parseScheduleForm(readScheduleForm({ ...posted, skipHolidays: undefined, startDate: '' }).values, 'Asia/Jakarta')).toMatchObject({ ok: true, body: { skipHolidays: false, paused: false } });
});

test.each([
  [{ repeat: 'monthly', dayOfMonth: '31' }, ['recurrence']],
  [{ repeat: 'weekly', weekday: '7' }, ['recurrence']],
  [{ repeat: 'weekly', time: '25:00' }, ['recurrence']],
  [{ repeat: 'cron', cron: 'setiap senin' }, ['recurrence']],
  // Not a positive duration (the floor, MIN_SCHEDULE_INTERVAL, is a setting: prepareSchedule's, tests/api/floors.test.ts).
  [{ repeat: 'interval', every: 'PT0S' }, ['recurrence']],
  [{ endDate: '2026-12-31' }, ['endDate']],
  [{ startDate: '2027-02-30' }, ['startDate']],
  [{ title: ' ', repeat: 'cron', cron: 'x' }, ['recurrence', 'title']],
])('%j is refused at %j', (extra, slots) => {
  const parsed = parse(extra);
  expect(parsed.ok).toBe(false);
  if (parsed.ok) return;
  expect(Object.keys(scheduleErrorsBySlot(parsed.errors)).sort()).toEqual(slots);
});

test.each([
  ['template.steps[0].deadline.kind', 'steps[0].deadline'],
  ['template.title', 'title'],
  ['template.letter.date', 'letter.date'],
  ['recurrence.cron', 'recurrence'],
  ['recurrence', 'recurrence'],
  ['endDate', 'endDate'],
  ['(root)', '(root)'],
])('slot of %s is %s', (field, slot) => expect(scheduleSlotOf(field)).toBe(slot));

test('whatever is posted, reading the form never throws', () => {
  for (const junk of [undefined, null, 'x', [], { repeat: ['a'] }, { time: { a: 1 } }, { steps: 'x', cron: 5 }]) {
    const { values } = readScheduleForm(junk);
    expect(() => parseScheduleForm(values, 'Asia/Jayapura')).not.toThrow();
  }
});

test.each([
  ['30 10 15 * *', { repeat: 'monthly', day: 15, time: '10:30' }],
  ['5 8 * * 5', { repeat: 'weekly', weekday: 5, time: '08:05' }],
  ['0 9 * * 1-5', null],
  ['0 9 1 1 *', null],
  ['0 24 1 * *', null],
  ['0 9 0 * *', null],
])('%s in plain words: %j', (cron, plain) => expect(plainRecurrence(cron)).toEqual(plain));

test('the monthly and weekly crons of the form read back as what was chosen', () => {
  for (const [extra, plain] of [
    [{ repeat: 'monthly', dayOfMonth: '28', time: '23:59' }, { repeat: 'monthly', day: 28, time: '23:59' }],
    [{ repeat: 'weekly', weekday: '0', time: '00:00' }, { repeat: 'weekly', weekday: 0, time: '00:00' }],
  ] as const) {
    const parsed = parse(extra);
    expect(parsed.ok && 'cron' in parsed.body.recurrence && plainRecurrence(parsed.body.recurrence.cron)).toEqual(plain);
  }
});
