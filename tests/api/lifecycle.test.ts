/**
 * The life of coordination requests through the HTTP API on a real Temporal dev server and a real
 * worker: create → responses → step advance → approval; revision loop; cancel; extension;
 * delegation; timeline. Every state-changing call is checked on its own response (read-your-writes).
 */
import request from 'supertest';
import { CoordinationStateSchema, TimelineSchema } from '../../src/api/responses';
import { bearer, createBody, createRequest, startApiEnv, type ApiEnv } from '../support/apiHarness';

let api: ApiEnv;
beforeAll(async () => {
  api = await startApiEnv();
});
afterAll(async () => {
  await api?.stop();
});

const path = (id: string, suffix = '') => `/v1/coordination-requests/${id}${suffix}`;

async function post(org: string, url: string, body: object, roles?: string[]) {
  return request(api.app).post(url).set('Authorization', await bearer(org, { roles })).send(body);
}

describe('the full life of a request', () => {
  test('create → responses → step advance → approval', async () => {
    const body = createBody({
      steps: [
        { name: 'Persetujuan Pemkab dan Bawaslu', participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'], deadline: { kind: 'DURATION', duration: 'P3D' } },
        { participants: ['pemprov-ntb', 'kpu-ntb'], policy: { type: 'ANY' }, deadline: { kind: 'WORKING_DAYS', days: 5 } },
      ],
    });
    const created = await request(api.app).post('/v1/coordination-requests').set('Authorization', await bearer('kpu-sumbawa', { sub: 'alice' })).send(body);
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(path(created.body.id));
    const state = CoordinationStateSchema.parse(created.body);
    expect(state).toMatchObject({ requester: 'kpu-sumbawa', status: 'IN_PROGRESS', createdBy: { sub: 'alice', org: 'kpu-sumbawa' }, currentStep: 0 });
    expect(state.steps[0].participants.map((p) => p.org)).toEqual(['pemkab-sumbawa', 'bawaslu-sumbawa']);
    expect(state.steps[1].policy).toEqual({ type: 'ANY' });
    // The answer shows the request as set up (one round trip: start and the ready update together).
    expect(state.steps[0].status).toBe('ACTIVE');
    expect(Date.parse(state.steps[0].deadline ?? '')).toBeGreaterThan(Date.parse(state.createdAt));
    const id = state.id;

    const ack = await post('pemkab-sumbawa', path(id, '/responses'), { decision: 'ACKNOWLEDGE', comment: 'Sedang diproses' });
    expect(ack.status).toBe(200);
    expect(ack.body.steps[0].participants[0]).toMatchObject({ org: 'pemkab-sumbawa', status: 'ACKNOWLEDGED', respondedBy: 'user-pemkab-sumbawa' });

    const a1 = await post('pemkab-sumbawa', path(id, '/responses'), { decision: 'APPROVE' });
    expect(a1.status).toBe(200);
    expect(a1.body.steps[0].progress).toMatchObject({ approved: 1, pending: 1, required: 2 });
    expect(a1.body.currentStep).toBe(0);

    // Answering twice is refused by the workflow's validator, with its reason.
    const again = await post('pemkab-sumbawa', path(id, '/responses'), { decision: 'REJECT' });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.detail).toMatch(/already decided/);

    // A seat of step 2 cannot answer while step 1 is active.
    const early = await post('pemprov-ntb', path(id, '/responses'), { decision: 'APPROVE' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/step 2/);

    const a2 = await post('bawaslu-sumbawa', path(id, '/responses'), { decision: 'APPROVE' });
    expect(a2.status).toBe(200);
    expect(a2.body.currentStep).toBe(1);
    expect(a2.body.steps[0].status).toBe('APPROVED');
    expect(a2.body.steps[1].status).toBe('ACTIVE');
    expect(a2.body.steps[1].deadline).toEqual(expect.any(String));

    const a3 = await post('kpu-ntb', path(id, '/responses'), { decision: 'APPROVE', comment: 'Setuju' });
    expect(a3.status).toBe(200);
    expect(a3.body.status).toBe('APPROVED');
    expect(a3.body.closedAt).toEqual(expect.any(String));

    const got = await request(api.app).get(path(id)).set('Authorization', await bearer('kpu-sumbawa'));
    expect(got.status).toBe(200);
    expect(got.body.status).toBe('APPROVED');

    const closed = await post('pemprov-ntb', path(id, '/responses'), { decision: 'APPROVE' });
    expect(closed.status).toBe(409);

    const tl = await request(api.app).get(path(id, '/timeline')).set('Authorization', await bearer('kpu-sumbawa'));
    expect(tl.status).toBe(200);
    const timeline = TimelineSchema.parse(tl.body);
    const kinds = timeline.events.map((e) => e.kind);
    for (const k of ['CREATED', 'STEP_ACTIVATED', 'ACKNOWLEDGED', 'APPROVED', 'STEP_APPROVED', 'COMPLETED'] as const) expect(kinds).toContain(k);
    expect(timeline.events.find((e) => e.kind === 'CREATED')?.actor).toEqual({ sub: 'alice', org: 'kpu-sumbawa' });
    const after = await request(api.app).get(path(id, '/timeline')).query({ afterSeq: 3 }).set('Authorization', await bearer('kpu-sumbawa'));
    expect(after.body.events.every((e: { seq: number }) => e.seq > 3)).toBe(true);
  });

  test('revision loop: changes requested → revision → answered again → approved', async () => {
    const id = await createRequest(api.app);
    const changes = await post('pemkab-sumbawa', path(id, '/responses'), { decision: 'REQUEST_CHANGES', comment: 'Lampirkan denah gudang' });
    expect(changes.status).toBe(200);
    expect(changes.body.status).toBe('CHANGES_REQUESTED');

    // While the requester revises, participants cannot answer.
    const blocked = await post('bawaslu-sumbawa', path(id, '/responses'), { decision: 'APPROVE' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toMatch(/revision/);

    const revised = await post('kpu-sumbawa', path(id, '/revisions'), { comment: 'Denah terlampir', description: 'Dengan denah gudang.' });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ status: 'IN_PROGRESS', revision: 2, description: 'Dengan denah gudang.' });
    expect(revised.body.steps[0].participants[0]).toMatchObject({ org: 'pemkab-sumbawa', status: 'PENDING' });

    // Nothing to revise any more.
    const twice = await post('kpu-sumbawa', path(id, '/revisions'), {});
    expect(twice.status).toBe(409);

    await post('pemkab-sumbawa', path(id, '/responses'), { decision: 'APPROVE' });
    const done = await post('bawaslu-sumbawa', path(id, '/responses'), { decision: 'APPROVE' });
    expect(done.body.status).toBe('APPROVED');
    expect(done.body.revision).toBe(2);
  });

  test('cancel by the requester closes the request; later actions conflict', async () => {
    const id = await createRequest(api.app);
    const cancelled = await post('kpu-sumbawa', path(id, '/cancel'), { reason: 'Jadwal berubah' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    const again = await post('kpu-sumbawa', path(id, '/cancel'), {});
    expect(again.status).toBe(409);
    const answer = await post('pemkab-sumbawa', path(id, '/responses'), { decision: 'APPROVE' });
    expect(answer.status).toBe(409);
  });

  test('cancel accepts an empty body', async () => {
    const id = await createRequest(api.app);
    const res = await request(api.app).post(path(id, '/cancel')).set('Authorization', await bearer('kpu-sumbawa'));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('CANCELLED');
  });

  test('extension moves the deadline later; an earlier one is refused', async () => {
    const id = await createRequest(api.app);
    const before = await request(api.app).get(path(id)).set('Authorization', await bearer('kpu-sumbawa'));
    const oldDeadline = Date.parse(before.body.steps[0].deadline);

    const later = new Date(oldDeadline + 2 * 86_400_000).toISOString();
    const extended = await post('kpu-sumbawa', path(id, '/deadline'), { deadline: { kind: 'AT', at: later }, comment: 'Menunggu rapat' });
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.steps[0].deadline)).toBe(Date.parse(later));
    expect(extended.body.steps[0].deadlineSpec).toEqual({ kind: 'AT', at: later });

    const shorter = await post('kpu-sumbawa', path(id, '/deadline'), { deadline: { kind: 'DURATION', duration: 'PT1H' } });
    expect(shorter.status).toBe(409);
    expect(shorter.body.detail).toMatch(/after the current one/);

    const tl = await request(api.app).get(path(id, '/timeline')).set('Authorization', await bearer('kpu-sumbawa'));
    expect(tl.body.events.some((e: { kind: string }) => e.kind === 'DEADLINE_EXTENDED')).toBe(true);
  });

  test('delegation by the seat holder and by the requester; history keeps who delegated', async () => {
    const id = await createRequest(api.app);
    // The participant hands its own seat to its parent.
    const own = await post('bawaslu-sumbawa', path(id, '/delegations'), { to: 'bawaslu-ntb', comment: 'Ditangani provinsi' });
    expect(own.status).toBe(200);
    expect(own.body.steps[0].participants[1]).toMatchObject({ org: 'bawaslu-ntb', status: 'PENDING', delegatedFrom: ['bawaslu-sumbawa'] });

    // The previous holder has no seat any more; the new one answers.
    const old = await post('bawaslu-sumbawa', path(id, '/responses'), { decision: 'APPROVE' });
    expect(old.status).toBe(403);
    const delegateAnswers = await post('bawaslu-ntb', path(id, '/responses'), { decision: 'APPROVE' });
    expect(delegateAnswers.status).toBe(200);

    // The requester moves another seat on the participant's behalf.
    const byRequester = await post('kpu-sumbawa', path(id, '/delegations'), { from: 'pemkab-sumbawa', to: 'pemprov-ntb', comment: 'Kewenangan provinsi' });
    expect(byRequester.status).toBe(200);
    expect(byRequester.body.steps[0].participants[0]).toMatchObject({ org: 'pemprov-ntb', delegatedFrom: ['pemkab-sumbawa'] });

    // A decided seat cannot move: the workflow says why.
    const decided = await post('kpu-sumbawa', path(id, '/delegations'), { from: 'bawaslu-ntb', to: 'bawaslu-ri', comment: 'Eskalasi' });
    expect(decided.status).toBe(409);
    expect(decided.body.detail).toMatch(/already decided/);

    const tl = await request(api.app).get(path(id, '/timeline')).set('Authorization', await bearer('bawaslu-sumbawa'));
    const delegated = tl.body.events.filter((e: { kind: string }) => e.kind === 'DELEGATED');
    expect(delegated.map((e: { actor: { org: string } }) => e.actor.org)).toEqual(['bawaslu-sumbawa', 'kpu-sumbawa']);
  });
});

describe('input checks that need the request', () => {
  test('a request for changes needs a comment; delegation to an unknown organization; a past deadline → 400', async () => {
    const id = await createRequest(api.app);
    const noComment = await post('pemkab-sumbawa', path(id, '/responses'), { decision: 'REQUEST_CHANGES' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.errors).toContainEqual(expect.objectContaining({ field: 'comment' }));

    const unknown = await post('pemkab-sumbawa', path(id, '/delegations'), { to: 'pemkab-atlantis' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual(expect.objectContaining({ field: 'to' }));

    const past = await post('kpu-sumbawa', path(id, '/deadline'), { deadline: { kind: 'AT', at: '2020-01-01T00:00:00Z' } });
    expect(past.status).toBe(400);
    expect(past.body.errors).toContainEqual(expect.objectContaining({ field: 'deadline.at' }));

    // None of it changed the request.
    const state = await request(api.app).get(path(id)).set('Authorization', await bearer('kpu-sumbawa'));
    expect(state.body.steps[0].participants.map((p: { status: string }) => p.status)).toEqual(['PENDING', 'PENDING']);
  });
});
