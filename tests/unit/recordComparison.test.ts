import { compareRecord, type Comparison } from '../reliability/support/recordComparison';

type Recorded = Parameters<typeof compareRecord>[0];
const event = (seq: number, at: string, data: object = {}) => ({ seq, at, kind: 'RESPONDED', data });
const workflow = {
  state: { status: 'APPROVED', updatedAt: '2026-11-29T21:27:37.579Z', steps: [{ deadline: '2026-12-01T00:00:00.000Z' }] },
  timeline: [event(1, '2026-11-29T21:27:37.000Z'), event(2, '2026-11-29T21:27:37.579Z')],
};
/** The workflow's record with one change applied. */
const recordWith = (change: (r: typeof workflow) => void): Recorded => {
  const r = JSON.parse(JSON.stringify(workflow)) as typeof workflow;
  change(r);
  return r;
};

const cases: Array<{ name: string; recorded: Recorded; expected: Comparison['kind'] }> = [
  { name: 'the same record', recorded: recordWith(() => undefined), expected: 'equal' },
  { name: 'no record at all', recorded: null, expected: 'different' },
  {
    name: 'instants a replay saw 167 ms apart',
    recorded: recordWith((r) => {
      r.state.updatedAt = '2026-11-29T21:27:37.412Z';
      r.timeline[1].at = '2026-11-29T21:27:37.412Z';
    }),
    expected: 'clock-only',
  },
  { name: 'an instant a minute apart', recorded: recordWith((r) => (r.state.updatedAt = '2026-11-29T21:28:37.579Z')), expected: 'different' },
  { name: 'a missing event', recorded: recordWith((r) => r.timeline.pop()), expected: 'different' },
  { name: 'another status', recorded: recordWith((r) => (r.state.status = 'REJECTED')), expected: 'different' },
  {
    name: 'a clock difference beside another value',
    recorded: recordWith((r) => {
      r.state.updatedAt = '2026-11-29T21:27:37.412Z';
      r.timeline[0].data = { comment: 'lain' };
    }),
    expected: 'different',
  },
];

test.each(cases)('$name → $expected', ({ recorded, expected }) => {
  expect(compareRecord(recorded, workflow).kind).toBe(expected);
});
