/** HSTS only where the public address is https: over plain http it pins nothing and is not sent. */
import request from 'supertest';
import { offlineApp } from '../support/apiHarness';

test.each([
  ['https://koordinasi.kpu.example', true],
  ['http://127.0.0.1:3000', false],
])('PUBLIC_BASE_URL %s: Strict-Transport-Security sent: %s', async (base, sent) => {
  const { app, close } = offlineApp({ PUBLIC_BASE_URL: base });
  try {
    const res = await request(app).get('/healthz');
    expect(res.headers['strict-transport-security'] !== undefined).toBe(sent);
  } finally {
    await close();
  }
});
