/**
 * The official letter through the whole stack: created with the request, returned by GET (from
 * the workflow), recorded in the records store and found by the list's `q` by its number.
 */
import request from 'supertest';
import { CoordinationStateSchema, RequestPageSchema } from '../../src/api/responses';
import { bearer, createBody, createRequest, eventually, startApiEnv, type ApiEnv } from '../support/apiHarness';

let api: ApiEnv;
beforeAll(async () => {
  api = await startApiEnv();
});
afterAll(async () => {
  await api?.stop();
});

const LETTER = {
  number: '077/PL.02.1-Und/5204/2026',
  date: '2026-11-30',
  subject: 'Undangan rapat koordinasi distribusi logistik',
  classification: 'SANGAT_SEGERA',
  srikandiUrl: 'https://srikandi.arsip.go.id/naskah/077',
};

test('a request carries its letter: in the created state, on GET, and the list finds it by the letter number', async () => {
  const id = await createRequest(api.app, 'kpu-sumbawa', createBody({ letter: LETTER }));
  const got = await request(api.app).get(`/v1/coordination-requests/${id}`).set('Authorization', await bearer('pemkab-sumbawa'));
  expect(got.status).toBe(200);
  expect(CoordinationStateSchema.parse(got.body).letter).toEqual(LETTER);

  // Another request without a letter: absent, not an empty letter.
  const plain = await createRequest(api.app);
  const plainState = await request(api.app).get(`/v1/coordination-requests/${plain}`).set('Authorization', await bearer('kpu-sumbawa'));
  expect(plainState.body.letter).toBeUndefined();

  const auth = await bearer('kpu-ntb');
  for (const q of [LETTER.number, '5204 PL.02.1', 'distribusi logistik']) {
    const page = await eventually(async () => {
      const res = await request(api.app).get('/v1/coordination-requests').query({ q }).set('Authorization', auth);
      expect(res.status).toBe(200);
      const parsed = RequestPageSchema.parse(res.body);
      expect(parsed.items.map((i) => i.id)).toEqual([id]);
      return parsed;
    });
    expect(page.items[0].letterNumber).toBe(LETTER.number);
  }
});

test('the classification defaults to biasa', async () => {
  const { classification: _c, srikandiUrl: _u, ...letter } = LETTER;
  const res = await request(api.app).post('/v1/coordination-requests').set('Authorization', await bearer('kpu-sumbawa')).send(createBody({ letter }));
  expect(res.status).toBe(201);
  expect(res.body.letter).toEqual({ ...letter, classification: 'BIASA' });
});
