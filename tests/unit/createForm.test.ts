/** The new-request form as data: what the browser sends → the API create body → errors per field. */
import { errorsBySlot, parseCreateBody, readCreateForm, slotOf, toCreateBody } from '../../src/web/forms/createForm';
import { fromLocalInput } from '../../src/web/i18n/dates';

const posted = {
  title: 'Gudang',
  category: 'FACILITIES',
  tembusan: ['kpu-ntb'],
  steps: [
    { participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'], policy: 'QUORUM', min: '1', deadlineKind: 'WORKING_DAYS', days: '5', before: '3, 1', atDeadline: '1', escalate: '' },
    { participants: 'dkpp', policy: 'ALL', deadlineKind: 'AT', at: '2099-12-10T16:00', before: '', daily: '1', escalate: '2' },
  ],
  _key: 'k-1',
  _action: 'submit',
};

test('a posted form becomes the API body the schema accepts', () => {
  const { values, action } = readCreateForm(posted);
  expect(action).toBe('submit');
  const parsed = parseCreateBody(toCreateBody(values, 'Asia/Makassar'));
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  expect(parsed.body.steps[0]).toMatchObject({ participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'], policy: { type: 'QUORUM', min: 1 }, deadline: { kind: 'WORKING_DAYS', days: 5 } });
  expect(parsed.body.steps[0].reminders).toEqual({ before: ['P3D', 'P1D'], atDeadline: true, repeatEvery: null, escalateAfter: null });
  expect(parsed.body.steps[1]).toMatchObject({ participants: ['dkpp'], deadline: { kind: 'AT', at: '2099-12-10T16:00:00+08:00' } });
  expect(parsed.body.steps[1].reminders).toEqual({ before: [], atDeadline: false, repeatEvery: 'P1D', escalateAfter: 'P2D' });
});

test('bad values are reported by the API schema at their form slots', () => {
  const { values } = readCreateForm({ ...posted, title: ' ', steps: [{ ...posted.steps[0], days: 'lima', policy: 'QUORUM', min: '' }] });
  const parsed = parseCreateBody(toCreateBody(values, 'Asia/Jakarta'));
  expect(parsed.ok).toBe(false);
  if (parsed.ok) return;
  expect(Object.keys(errorsBySlot(parsed.errors)).sort()).toEqual(['steps[0].deadline', 'steps[0].policy', 'title']);
});

test('the letter: absent when its fields are blank, carried when filled, its errors at their own slots', () => {
  const blank = parseCreateBody(toCreateBody(readCreateForm({ ...posted, letter: { number: ' ', classification: 'SEGERA' } }).values, 'Asia/Jakarta'));
  expect(blank.ok && blank.body.letter).toBeUndefined();
  const letter = { number: '123/PP.01.2-SD/5204/2026', date: '2026-11-30', subject: 'Pinjam pakai gudang', classification: 'SANGAT_SEGERA', srikandiUrl: 'https://srikandi.example/n/1' };
  const filled = parseCreateBody(toCreateBody(readCreateForm({ ...posted, letter }).values, 'Asia/Jakarta'));
  expect(filled.ok && filled.body.letter).toEqual(letter);
  const bad = parseCreateBody(toCreateBody(readCreateForm({ ...posted, letter: { ...letter, date: '30/11/2026', srikandiUrl: 'http://srikandi.example/n/1', subject: '' } }).values, 'Asia/Jakarta'));
  expect(bad.ok).toBe(false);
  if (bad.ok) return;
  expect(Object.keys(errorsBySlot(bad.errors)).sort()).toEqual(['letter.date', 'letter.srikandiUrl', 'letter.subject']);
});

test('whatever is posted, reading the form never throws and keeps one step at least', () => {
  for (const junk of [undefined, null, 'x', [], { letter: 'x' }, { letter: { number: ['a'] } }, { steps: 'x' }, { steps: { 0: 'x', 5: { participants: { a: 'kpu-ri', b: 7 } } } }, { title: ['a', 'b'] }]) {
    const { values } = readCreateForm(junk);
    expect(values.steps.length).toBeGreaterThanOrEqual(1);
    expect(() => toCreateBody(values, 'Asia/Jayapura')).not.toThrow();
  }
});

test.each([
  ['steps[1].deadline.days', 'steps[1].deadline'],
  ['steps[0].participants[2]', 'steps[0].participants'],
  ['tembusan[3]', 'tembusan'],
  ['title', 'title'],
  ['letter.number', 'letter.number'],
  ['(root)', '(root)'],
])('slot of %s is %s', (field, slot) => expect(slotOf(field)).toBe(slot));

test.each([
  ['2026-12-10T16:00', 'Asia/Jakarta', '2026-12-10T16:00:00+07:00'],
  ['2026-12-10T16:00', 'Asia/Makassar', '2026-12-10T16:00:00+08:00'],
  ['2026-12-10T16:00', 'Asia/Jayapura', '2026-12-10T16:00:00+09:00'],
  ['kemarin', 'Asia/Jakarta', 'kemarin'],
])('%s in %s is %s', (local, zone, iso) => expect(fromLocalInput(local, zone)).toBe(iso));

test('relative deadlines: hours become a DURATION, a stage and its offset a STAGE', () => {
  const { values } = readCreateForm({
    ...posted,
    steps: [
      { participants: ['dkpp'], deadlineKind: 'DURATION', hours: '72' },
      { participants: ['dkpp'], deadlineKind: 'STAGE', stage: 'penetapan-dpt', offset: '-5' },
    ],
  });
  const parsed = parseCreateBody(toCreateBody(values, 'Asia/Jakarta'));
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  expect(parsed.body.steps.map((s) => s.deadline)).toEqual([
    { kind: 'DURATION', duration: 'PT72H' },
    { kind: 'STAGE', stage: 'penetapan-dpt', offsetWorkingDays: -5 },
  ]);
  const bad = parseCreateBody(toCreateBody(readCreateForm({ ...posted, steps: [{ participants: ['dkpp'], deadlineKind: 'STAGE', stage: '', offset: 'x' }] }).values, 'Asia/Jakarta'));
  expect(bad.ok || Object.keys(errorsBySlot(bad.errors))).toEqual(['steps[0].deadline']);
});
