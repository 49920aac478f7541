/**
 * The oracle can fail: hand-checked cases of the model (docs/ARCHITECTURE.md#the-coordination-request policies) and proof that the
 * end-of-run checks notice a wrong timeline or a wrong delivery record. No Temporal needed.
 */
import { timelineDiff } from './support/driver';
import { channelsFor, generateScripts, RequestModel, type RequestSpec } from './support/model';
import { rng } from './support/prng';

const channels = channelsFor(new Set(['pemkab-sumbawa']));
const spec = (policy: RequestSpec['steps'][0]['policy'], participants = ['pemkab-sumbawa', 'bawaslu-sumbawa', 'dkpp'], steps = 1): RequestSpec => ({
  key: 'k',
  requester: 'kpu-sumbawa',
  title: 't',
  tembusan: ['kpu-ri'],
  steps: Array.from({ length: steps }, (_, i) => ({ participants: i === 0 ? participants : ['pemprov-ntb'], policy })),
});

test('ALL: one rejection rejects; ANY: first approval approves; QUORUM: rejected once min is out of reach', () => {
  const all = new RequestModel(spec({ type: 'ALL' }), channels);
  all.apply({ type: 'respond', org: 'pemkab-sumbawa', decision: 'APPROVE' });
  all.apply({ type: 'respond', org: 'dkpp', decision: 'REJECT' });
  expect(all.projection().status).toBe('REJECTED');
  expect(all.projection().steps[0].status).toBe('REJECTED');

  const any = new RequestModel(spec({ type: 'ANY' }), channels);
  any.apply({ type: 'respond', org: 'dkpp', decision: 'REJECT' });
  expect(any.projection().status).toBe('IN_PROGRESS');
  any.apply({ type: 'respond', org: 'bawaslu-sumbawa', decision: 'APPROVE' });
  expect(any.projection().status).toBe('APPROVED');

  const quorum = new RequestModel(spec({ type: 'QUORUM', min: 2 }), channels);
  quorum.apply({ type: 'respond', org: 'dkpp', decision: 'REJECT' });
  expect(quorum.projection().status).toBe('IN_PROGRESS');
  quorum.apply({ type: 'respond', org: 'bawaslu-sumbawa', decision: 'REJECT' });
  expect(quorum.projection().status).toBe('REJECTED');
});

test('changes requested pause the request until a revision; two steps run in order', () => {
  const m = new RequestModel(spec({ type: 'ALL' }, ['pemkab-sumbawa', 'dkpp'], 2), channels);
  m.apply({ type: 'respond', org: 'dkpp', decision: 'REQUEST_CHANGES', comment: 'x' });
  expect(m.projection().status).toBe('CHANGES_REQUESTED');
  expect(m.allowed({ type: 'respond', org: 'pemkab-sumbawa', decision: 'APPROVE' })).toBe(false);
  m.apply({ type: 'revise', reanswer: 'CHANGE_REQUESTERS', comment: 'ok' });
  expect(m.projection()).toMatchObject({ status: 'IN_PROGRESS', revision: 2 });
  m.apply({ type: 'respond', org: 'dkpp', decision: 'APPROVE' });
  m.apply({ type: 'respond', org: 'pemkab-sumbawa', decision: 'APPROVE' });
  expect(m.projection()).toMatchObject({ status: 'IN_PROGRESS', currentStep: 1 });
  expect(m.allowed({ type: 'respond', org: 'dkpp', decision: 'APPROVE' })).toBe(false);
  m.apply({ type: 'respond', org: 'pemprov-ntb', decision: 'APPROVE' });
  expect(m.projection().status).toBe('APPROVED');
  expect(m.notifications.map((n) => n.kind)).toEqual(['REQUEST_CREATED', 'CHANGES_REQUESTED', 'REVISED', 'REQUEST_CREATED', 'OUTCOME_APPROVED']);
  expect(m.notifications[0].delivered).toEqual({ 'pemkab-sumbawa': ['email', 'webhook'], dkpp: ['email'], 'kpu-ri': ['email'] });
});

test('seat rules: nothing to the requester; the requester moves with a reason and not below itself; holders move freely', () => {
  const m = new RequestModel({ ...spec({ type: 'ALL' }, ['pemprov-ntb', 'bawaslu-ntb']), requester: 'kpu-ntb', tembusan: [] }, channels);
  expect(m.refusedInput({ type: 'delegate', by: 'kpu-ntb', from: 'pemprov-ntb', to: 'kpu-ntb', comment: 'x' })).toBe(true);
  expect(m.refusedInput({ type: 'delegate', by: 'pemprov-ntb', from: 'pemprov-ntb', to: 'kpu-ntb' })).toBe(true);
  expect(m.refusedInput({ type: 'delegate', by: 'kpu-ntb', from: 'pemprov-ntb', to: 'kpu-sumbawa', comment: 'x' })).toBe(true);
  expect(m.refusedInput({ type: 'delegate', by: 'kpu-ntb', from: 'pemprov-ntb', to: 'pemkab-sumbawa' })).toBe(true);
  expect(m.refusedInput({ type: 'delegate', by: 'pemprov-ntb', from: 'pemprov-ntb', to: 'kpu-sumbawa' })).toBe(false);
  const move = { type: 'delegate', by: 'kpu-ntb', from: 'bawaslu-ntb', to: 'pemkab-sumbawa', comment: 'x' } as const;
  expect(m.refusedInput(move)).toBe(false);
  expect(m.allowed(move)).toBe(true);
  m.apply(move);
  expect(m.projection().steps[0].participants.map((p) => p.org)).toEqual(['pemprov-ntb', 'pemkab-sumbawa']);
  expect(m.notifications.at(-1)).toMatchObject({ kind: 'DELEGATED', delivered: { 'pemkab-sumbawa': ['email', 'webhook'], 'bawaslu-ntb': ['email'], 'bawaslu-ri': ['email'] } });
  // The new holder holds the seat: another move onto it is refused by the engine (409).
  expect(m.allowed({ type: 'delegate', by: 'pemprov-ntb', from: 'pemprov-ntb', to: 'pemkab-sumbawa' })).toBe(false);
});

test('the timeline check notices a missing, swapped or unexpected event and a wrong delivery record', () => {
  const [s] = generateScripts(rng(7), 1, 'oracle', channels);
  const events = [
    ...s.timeline.map((sig) => {
      const [kind, step, revision, org, actorOrg] = sig.split('|');
      return { kind, step: Number(step), revision: Number(revision), ...(org ? { org } : {}), actor: { org: actorOrg } };
    }),
    ...s.notifications.map((n) => ({ kind: 'NOTIFICATION_DELIVERED', step: n.step, revision: 1, actor: { org: 'system' }, data: { notification: n.kind, sequence: n.sequence, delivered: n.delivered } })),
  ].map((e, i) => ({ ...e, seq: i + 1 }));
  expect(timelineDiff(s, events)).toBeNull();

  const renumber = (es: typeof events) => es.map((e, i) => ({ ...e, seq: i + 1 }));
  expect(timelineDiff(s, renumber(events.slice(1)))).not.toBeNull(); // missing
  expect(timelineDiff(s, renumber([events[1], events[0], ...events.slice(2)]))).not.toBeNull(); // swapped
  expect(timelineDiff(s, renumber([...events, { ...events[0], kind: 'APPROVED' }]))).not.toBeNull(); // extra
  const lastDelivery = events.map((e) => e.kind).lastIndexOf('NOTIFICATION_DELIVERED');
  const tampered = events.map((e, i) => (i === lastDelivery ? { ...e, kind: 'NOTIFICATION_FAILED' } : e));
  expect(timelineDiff(s, tampered)).not.toBeNull(); // a failed delivery
  expect(timelineDiff(s, events.map((e) => ({ ...e, seq: e.seq + 1 })))).not.toBeNull(); // seq not 1..n
});

test('scripts reproduce from their seed and cover every kind of action and outcome', () => {
  const a = generateScripts(rng(42), 200, 'x', channels);
  expect(generateScripts(rng(42), 200, 'x', channels)).toEqual(a);
  const actions = a.flatMap((s) => s.actions);
  const kinds = new Set(actions.map((x) => (x.action.type === 'respond' ? x.action.decision : x.action.type)));
  expect([...kinds].sort()).toEqual(['ACKNOWLEDGE', 'APPROVE', 'REJECT', 'REQUEST_CHANGES', 'cancel', 'delegate', 'revise']);
  expect(actions.filter((x) => x.action.type === 'delegate' && x.expectStatus === 200).length).toBeGreaterThan(10);
  expect(actions.filter((x) => x.expectStatus === 400).length).toBeGreaterThan(10);
  expect(new Set(a.map((s) => s.final.status))).toEqual(new Set(['APPROVED', 'REJECTED', 'CANCELLED', 'IN_PROGRESS', 'CHANGES_REQUESTED']));
  expect(actions.filter((x) => x.expectStatus === 409).length).toBeGreaterThan(50);
});
