/**
 * Attachments against abuse, on a real stack (Temporal dev server, worker, PostgreSQL): a file's
 * name cannot claim another type than its content (a PDF/HTML polyglot named `.html` is listed and
 * downloaded as `.pdf`), and an organization's unclaimed uploads are bounded — count and bytes,
 * checked and stored in one step so concurrent uploads cannot pass the quota together — while
 * other organizations still upload; uploads per caller are paced.
 */
import { sql } from 'kysely';
import request from 'supertest';
import { bearer, createBody, startApiEnv, type ApiEnv } from '../support/apiHarness';
import { tinyPdf, tinyPng, upload } from '../support/attachmentFixtures';

let api: ApiEnv;
beforeAll(async () => {
  api = await startApiEnv();
});
afterAll(async () => {
  await api?.stop();
});

/** Unclaimed uploads an organization holds in the store. */
const unclaimed = async (org: string): Promise<number> =>
  (await sql<{ n: number }>`select count(*)::int as n from attachments where owner_org = ${org} and request_id is null`.execute(api.worker.records)).rows[0].n;

/** Starts with `%PDF-1.4` (so it is a PDF by its first bytes), then an HTML page with a script. */
const polyglot = (): Buffer => Buffer.from('%PDF-1.4\n<html><body><script>document.title = "ran"</script></body></html>\n', 'latin1');

test('a PDF/HTML polyglot named .html, .hta or .pdf.bat is listed and downloaded as .pdf; a name that fits its type stays', async () => {
  const up = await upload(api.app, 'kpu-sumbawa', [
    { name: 'surat.html', content: polyglot(), type: 'text/html' },
    { name: 'laporan.hta', content: polyglot() },
    { name: 'undangan.pdf.bat', content: polyglot() },
    { name: 'foto.jpg', content: tinyPng(), type: 'image/jpeg' },
  ]);
  expect(up.status).toBe(201);
  const names = ['surat.html.pdf', 'laporan.hta.pdf', 'undangan.pdf.bat.pdf', 'foto.jpg.png'];
  expect(up.body.attachments.map((a: { name: string; type: string }) => [a.name, a.type])).toEqual([
    [names[0], 'application/pdf'],
    [names[1], 'application/pdf'],
    [names[2], 'application/pdf'],
    [names[3], 'image/png'],
  ]);
  const kept = await upload(api.app, 'kpu-sumbawa', [{ name: 'SCAN.PDF', content: tinyPdf() }]);
  expect(kept.body.attachments[0].name).toBe('SCAN.PDF');

  const ids: string[] = up.body.attachments.map((a: { id: string }) => a.id);
  const created = await request(api.app).post('/v1/coordination-requests').set('Authorization', await bearer('kpu-sumbawa')).send(createBody({ attachments: ids }));
  expect(created.status).toBe(201);
  // The request lists them under the same names ...
  const read = await request(api.app).get(`/v1/coordination-requests/${created.body.id}`).set('Authorization', await bearer('pemkab-sumbawa'));
  expect(read.body.attachments.map((a: { name: string }) => a.name)).toEqual(names);
  // ... and a reader's browser saves them under those names.
  for (const [i, id] of ids.entries()) {
    const got = await request(api.app).get(`/v1/coordination-requests/${created.body.id}/attachments/${id}`).set('Authorization', await bearer('pemkab-sumbawa'));
    expect(got.status).toBe(200);
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename=/);
    expect(/filename="?([^";]+)"?/.exec(got.headers['content-disposition'])?.[1]).toBe(names[i]);
  }
});

test('unclaimed uploads are bounded per organization by count: past it 429 problem+json and nothing stored; another organization still uploads', async () => {
  const app = api.makeApp({ ATTACHMENT_UNCLAIMED_MAX_COUNT: '3' });
  const before = await unclaimed('bawaslu-sumbawa');
  expect((await upload(app, 'bawaslu-sumbawa', [{ name: 'a.pdf', content: tinyPdf('a') }, { name: 'b.pdf', content: tinyPdf('b') }])).status).toBe(201);
  const over = await upload(app, 'bawaslu-sumbawa', [{ name: 'c.pdf', content: tinyPdf('c') }, { name: 'd.pdf', content: tinyPdf('d') }]);
  expect(over.status).toBe(429);
  expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(over.body).toMatchObject({ type: 'urn:koordinasi:problem:uploadQuota', status: 429 });
  expect(over.body.detail).toContain('ATTACHMENT_UNCLAIMED_MAX_COUNT');
  expect(await unclaimed('bawaslu-sumbawa')).toBe(before + 2);
  // One more still fits; then none.
  const third = await upload(app, 'bawaslu-sumbawa', [{ name: 'c.pdf', content: tinyPdf('c') }]);
  expect(third.status).toBe(201);
  expect((await upload(app, 'bawaslu-sumbawa', [{ name: 'd.pdf', content: tinyPdf('d') }])).status).toBe(429);
  expect(await unclaimed('bawaslu-sumbawa')).toBe(3);

  // The quota is the organization's own: another one uploads as before.
  expect((await upload(app, 'kpu-ntb', [{ name: 'e.pdf', content: tinyPdf('e') }])).status).toBe(201);
  // Another user of the same organization shares its quota.
  const colleague = await request(app).post('/v1/attachments').set('Authorization', await bearer('bawaslu-sumbawa', { sub: 'rina' })).attach('file', tinyPdf('f'), { filename: 'f.pdf', contentType: 'application/pdf' });
  expect(colleague.status).toBe(429);
});

test('unclaimed uploads are bounded by bytes too', async () => {
  const size = tinyPdf('x').length;
  const app = api.makeApp({ ATTACHMENT_UNCLAIMED_MAX_BYTES: String(Math.floor(size * 2.5)) });
  expect((await upload(app, 'kpu-sulbar', [{ name: '1.pdf', content: tinyPdf('1') }, { name: '2.pdf', content: tinyPdf('2') }])).status).toBe(201);
  const over = await upload(app, 'kpu-sulbar', [{ name: '3.pdf', content: tinyPdf('3') }]);
  expect(over.status).toBe(429);
  expect(over.body.detail).toContain('ATTACHMENT_UNCLAIMED_MAX_BYTES');
  expect(await unclaimed('kpu-sulbar')).toBe(2);
});

test('concurrent uploads cannot pass the quota together: exactly as many as fit are stored', async () => {
  const app = api.makeApp({ ATTACHMENT_UNCLAIMED_MAX_COUNT: '4' });
  const org = 'kpu-ri';
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => upload(app, org, [{ name: `p${i}.pdf`, content: tinyPdf(`p${i}`) }])));
  expect(results.map((r) => r.status).sort()).toEqual([...Array(4).fill(201), ...Array(6).fill(429)]);
  expect(await unclaimed(org)).toBe(4);
});

test('uploads per caller are paced (ATTACHMENT_UPLOAD_RATE_PER_MINUTE): 429 rateLimited with Retry-After, before the body is stored', async () => {
  const app = api.makeApp({ ATTACHMENT_UPLOAD_RATE_PER_MINUTE: '2' });
  const org = 'pemkab-sumbawa';
  const before = await unclaimed(org);
  for (const n of ['1', '2']) expect((await upload(app, org, [{ name: `${n}.pdf`, content: tinyPdf(n) }])).status).toBe(201);
  const third = await upload(app, org, [{ name: '3.pdf', content: tinyPdf('3') }]);
  expect(third.status).toBe(429);
  expect(third.body).toMatchObject({ type: 'urn:koordinasi:problem:rateLimited' });
  expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
  expect(await unclaimed(org)).toBe(before + 2);
});
