/**
 * Bad input never reaches Temporal and never becomes a 500: 400 problem+json naming the field
 * (or 413 / 415). The app here has no reachable Temporal at all, which proves validation happens
 * first: any call to Temporal would answer 503.
 */
import request from 'supertest';
import { bearer, createBody, offlineApp } from '../support/apiHarness';

const offline = offlineApp();
afterAll(() => offline.close());
const app = offline.app;

const R = '/v1/coordination-requests';
const ID = 'rq-0123456789abcdef0123456789abcdef';
const step = (extra: object = {}) => ({ participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'], deadline: { kind: 'DURATION', duration: 'P3D' }, ...extra });

async function post(url: string, body: unknown) {
  return request(app).post(url).set('Authorization', await bearer('kpu-sumbawa')).send(body as object);
}

function expectProblem(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: expect.stringMatching(/^urn:koordinasi:problem:/), title: expect.any(String), status, detail: expect.any(String) });
}

const LETTER = { number: '123/PP.01.2-SD/5204/2026', date: '2026-11-30', subject: 'Pinjam pakai gudang', classification: 'SEGERA', srikandiUrl: 'https://srikandi.arsip.go.id/n/1' };

const CREATE_CASES: Array<[string, object, string]> = [
  ['wrong type: title a number', createBody({ title: 5 }), 'title'],
  ['wrong type: steps a string', createBody({ steps: 'all of them' }), 'steps'],
  ['wrong type: workingHours a string', createBody({ workingHours: 'yes' }), 'workingHours'],
  ['wrong type: participants not a list', createBody({ steps: [step({ participants: 'pemkab-sumbawa' })] }), 'steps[0].participants'],
  ['missing title', (({ title: _t, ...rest }) => rest)(createBody()), 'title'],
  ['blank title', createBody({ title: '   ' }), 'title'],
  ['missing steps', (({ steps: _s, ...rest }) => rest)(createBody()), 'steps'],
  ['no steps', createBody({ steps: [] }), 'steps'],
  ['unknown category', createBody({ category: 'PARTY' }), 'category'],
  ['unknown field at the top', createBody({ colour: 'blue' }), 'colour'],
  ['unknown field in a step', createBody({ steps: [step({ deadlne: 'P3D' })] }), 'steps[0].deadlne'],
  ['unknown field in a deadline', createBody({ steps: [step({ deadline: { kind: 'DURATION', duration: 'P3D', at: 'x' } })] }), 'steps[0].deadline.at'],
  ['requester in the body', createBody({ requester: 'kpu-ri' }), 'requester'],
  ['invalid ISO duration', createBody({ steps: [step({ deadline: { kind: 'DURATION', duration: 'three days' } })] }), 'steps[0].deadline.duration'],
  ['months are not a fixed duration', createBody({ steps: [step({ deadline: { kind: 'DURATION', duration: 'P1M' } })] }), 'steps[0].deadline.duration'],
  ['zero deadline duration', createBody({ steps: [step({ deadline: { kind: 'DURATION', duration: 'PT0S' } })] }), 'steps[0].deadline.duration'],
  ['invalid reminder offset', createBody({ steps: [step({ reminders: { before: ['P1D', 'PX'] } })] }), 'steps[0].reminders.before[1]'],
  ['invalid repeat interval', createBody({ steps: [step({ reminders: { repeatEvery: '1 day' } })] }), 'steps[0].reminders.repeatEvery'],
  ['invalid expiry', createBody({ expireAfter: 'P1Y' }), 'expireAfter'],
  ['deadline in the past', createBody({ steps: [step({ deadline: { kind: 'AT', at: '2020-01-01T00:00:00Z' } })] }), 'steps[0].deadline.at'],
  ['deadline not an instant', createBody({ steps: [step({ deadline: { kind: 'AT', at: 'next Monday' } })] }), 'steps[0].deadline.at'],
  ['deadline of an unknown kind', createBody({ steps: [step({ deadline: { kind: 'SOON' } })] }), 'steps[0].deadline.kind'],
  ['zero working days', createBody({ steps: [step({ deadline: { kind: 'WORKING_DAYS', days: 0 } })] }), 'steps[0].deadline.days'],
  ['a step without participants', createBody({ steps: [step({ participants: [] })] }), 'steps[0].participants'],
  ['quorum larger than the participants', createBody({ steps: [step({ policy: { type: 'QUORUM', min: 3 } })] }), 'steps[0].policy.min'],
  ['quorum of zero', createBody({ steps: [step({ policy: { type: 'QUORUM', min: 0 } })] }), 'steps[0].policy.min'],
  ['unknown policy', createBody({ steps: [step({ policy: { type: 'MAJORITY' } })] }), 'steps[0].policy.type'],
  ['unknown participant organization', createBody({ steps: [step({ participants: ['pemkab-sumbawa', 'pemkab-atlantis'] })] }), 'steps[0].participants[1]'],
  ['participant listed twice', createBody({ steps: [step({ participants: ['pemkab-sumbawa', 'pemkab-sumbawa'] })] }), 'steps[0].participants[1]'],
  ['malformed organization id', createBody({ steps: [step({ participants: ['Pemkab Sumbawa'] })] }), 'steps[0].participants[0]'],
  ['unknown tembusan organization', createBody({ tembusan: ['kpu-atlantis'] }), 'tembusan[0]'],
  ['unknown organization in a later step', createBody({ steps: [step(), step({ participants: ['nowhere'] })] }), 'steps[1].participants[0]'],
  ['bad client id', createBody({ id: 'has spaces in it' }), 'id'],
  ['the requester as a participant of its own request', createBody({ steps: [step({ participants: ['pemkab-sumbawa', 'kpu-sumbawa'] })] }), 'steps[0].participants[1]'],
  ['the requester as a participant of a later step', createBody({ steps: [step(), step({ participants: ['kpu-sumbawa'] })] }), 'steps[1].participants[0]'],
  ['a bidi override in the title', createBody({ title: 'Laporan \u202Egnp.exe' }), 'title'],
  ['a NUL in the title', createBody({ title: 'Laporan\u0000gudang' }), 'title'],
  ['a line break in the title', createBody({ title: 'Laporan\nBcc: x@y' }), 'title'],
  ['a bidi isolate in the description', createBody({ description: 'isi \u2067 teks' }), 'description'],
  ['a control character in the description', createBody({ description: 'isi\u0007' }), 'description'],
  ['a bidi override in a step name', createBody({ steps: [step({ name: 'Tahap \u202D1' })] }), 'steps[0].name'],
  ['a letter without a number', createBody({ letter: { ...LETTER, number: undefined } }), 'letter.number'],
  ['a blank letter number', createBody({ letter: { ...LETTER, number: '   ' } }), 'letter.number'],
  ['a letter number with a line break', createBody({ letter: { ...LETTER, number: '123/PP\nBcc: x' } }), 'letter.number'],
  ['a bidi override in the letter subject', createBody({ letter: { ...LETTER, subject: 'Perihal \u202Efdp.exe' } }), 'letter.subject'],
  ['a letter subject too long', createBody({ letter: { ...LETTER, subject: 'x'.repeat(501) } }), 'letter.subject'],
  ['a letter date that is not a date', createBody({ letter: { ...LETTER, date: '30/11/2026' } }), 'letter.date'],
  ['a letter date that does not exist', createBody({ letter: { ...LETTER, date: '2026-02-30' } }), 'letter.date'],
  ['an unknown letter classification', createBody({ letter: { ...LETTER, classification: 'RAHASIA' } }), 'letter.classification'],
  ['a SRIKANDI link over http', createBody({ letter: { ...LETTER, srikandiUrl: 'http://srikandi.arsip.go.id/n/1' } }), 'letter.srikandiUrl'],
  ['a SRIKANDI link that is script', createBody({ letter: { ...LETTER, srikandiUrl: 'javascript:alert(1)' } }), 'letter.srikandiUrl'],
  ['a SRIKANDI link that is no URL', createBody({ letter: { ...LETTER, srikandiUrl: 'srikandi' } }), 'letter.srikandiUrl'],
  ['an unknown field in the letter', createBody({ letter: { ...LETTER, sender: 'kpu-ri' } }), 'letter.sender'],
];

describe('create: 400 problem+json naming the field', () => {
  test.each(CREATE_CASES)('%s', async (_name, body, field) => {
    const res = await post(R, body);
    expectProblem(res, 400);
    expect(res.body.type).toBe('urn:koordinasi:problem:validation');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ in: 'body', field }));
  });

  test('refused characters are named in the message; tabs and line breaks in multi-line text are fine', async () => {
    const res = await post(R, createBody({ title: 'a\u202Eb' }));
    expect(res.body.errors).toContainEqual({ in: 'body', field: 'title', message: expect.stringMatching(/bidirectional control characters/) });
    const nul = await post(R, createBody({ description: 'a\u0000b' }));
    expect(nul.body.errors).toContainEqual({ in: 'body', field: 'description', message: expect.stringMatching(/control characters/) });
    // Passes validation: the offline app then fails on Temporal (503), not on input (400).
    const fine = await post(R, createBody({ description: 'baris 1\n\tbaris 2\r\nbaris 3' }));
    expect(fine.status).toBe(503);
  });

  test('every failing field is reported at once', async () => {
    const res = await post(R, createBody({ title: '', category: 'X', tembusan: ['nowhere'], steps: [step({ participants: [] })] }));
    expectProblem(res, 400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'category', 'steps[0].participants']));
  });

  test('malformed JSON → 400', async () => {
    const res = await request(app).post(R).set('Authorization', await bearer('kpu-sumbawa')).set('Content-Type', 'application/json').send('{"title": "x",');
    expectProblem(res, 400);
    expect(res.body.type).toBe('urn:koordinasi:problem:malformedJson');
  });

  test('a JSON array or scalar instead of an object → 400', async () => {
    for (const raw of ['[1,2]', '"text"', '42', 'null']) {
      const res = await request(app).post(R).set('Authorization', await bearer('kpu-sumbawa')).set('Content-Type', 'application/json').send(raw);
      expectProblem(res, 400);
    }
  });

  test('oversize body → 413', async () => {
    const res = await post(R, createBody({ description: 'x'.repeat(200 * 1024) }));
    expectProblem(res, 413);
  });

  test('a body that is not JSON → 415', async () => {
    const res = await request(app).post(R).set('Authorization', await bearer('kpu-sumbawa')).set('Content-Type', 'text/plain').send('title=x');
    expectProblem(res, 415);
  });

  test('no body → 400', async () => {
    const res = await request(app).post(R).set('Authorization', await bearer('kpu-sumbawa'));
    expectProblem(res, 400);
  });

  test('a bad Idempotency-Key header → 400 naming the header', async () => {
    const res = await request(app).post(R).set('Authorization', await bearer('kpu-sumbawa')).set('Idempotency-Key', 'x'.repeat(300)).send(createBody());
    expectProblem(res, 400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ in: 'header', field: 'idempotency-key' }));
  });
});

describe('actions: 400 before any call to Temporal', () => {
  const cases: Array<[string, string, unknown, string]> = [
    ['response: unknown decision', `${R}/${ID}/responses`, { decision: 'MAYBE' }, 'decision'],
    ['response: unknown field', `${R}/${ID}/responses`, { decision: 'APPROVE', note: 'x' }, 'note'],
    ['response: comment too long', `${R}/${ID}/responses`, { decision: 'APPROVE', comment: 'x'.repeat(2001) }, 'comment'],
    ['revision: wrong type', `${R}/${ID}/revisions`, { title: 7 }, 'title'],
    ['revision: unknown reanswer', `${R}/${ID}/revisions`, { reanswer: 'SOME' }, 'reanswer'],
    ['deadline: invalid duration', `${R}/${ID}/deadline`, { deadline: { kind: 'DURATION', duration: 'P2M' } }, 'deadline.duration'],
    ['deadline: missing', `${R}/${ID}/deadline`, {}, 'deadline'],
    ['delegation: malformed organization', `${R}/${ID}/delegations`, { to: 'Not An Org' }, 'to'],
    ['cancel: unknown field', `${R}/${ID}/cancel`, { why: 'x' }, 'why'],
    ['response: a bidi override in the comment', `${R}/${ID}/responses`, { decision: 'APPROVE', comment: 'ok \u202E' }, 'comment'],
    ['response: a NUL in the comment', `${R}/${ID}/responses`, { decision: 'APPROVE', comment: 'ok\u0000' }, 'comment'],
    ['revision: a bidi override in the title', `${R}/${ID}/revisions`, { title: '\u202Eabc' }, 'title'],
    ['revision: a control character in the description', `${R}/${ID}/revisions`, { description: 'a\u001bb' }, 'description'],
    ['deadline: a bidi mark in the comment', `${R}/${ID}/deadline`, { deadline: { kind: 'DURATION', duration: 'P2D' }, comment: 'x\u200Fy' }, 'comment'],
    ['delegation: a bidi override in the comment', `${R}/${ID}/delegations`, { to: 'pemprov-ntb', comment: '\u202Ex' }, 'comment'],
    ['cancel: a NUL in the reason', `${R}/${ID}/cancel`, { reason: 'batal\u0000' }, 'reason'],
  ];
  test.each(cases)('%s', async (_name, url, body, field) => {
    const res = await post(url, body);
    expectProblem(res, 400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ in: 'body', field }));
  });

  test('a malformed request id in the path → 400', async () => {
    const res = await request(app).get(`${R}/not-an-id`).set('Authorization', await bearer('kpu-sumbawa'));
    expectProblem(res, 400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ in: 'path', field: 'id' }));
  });

  test('a malformed percent-encoding in the path → 400, not 500', async () => {
    for (const [method, path] of [['get', `${R}/%`], ['get', `${R}/%/timeline`], ['post', `${R}/%E0%A4%A/cancel`]] as const) {
      const res = await request(app)[method](path).set('Authorization', await bearer('kpu-sumbawa'));
      expectProblem(res, 400);
      expect(res.body.detail).toMatch(/percent-encoding/);
    }
  });

  test('a bad timeline cursor → 400', async () => {
    const res = await request(app).get(`${R}/${ID}/timeline`).query({ afterSeq: '-1' }).set('Authorization', await bearer('kpu-sumbawa'));
    expectProblem(res, 400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ in: 'query', field: 'afterSeq' }));
  });
});
