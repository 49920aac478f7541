/**
 * Attachments through the API on a real stack (Temporal dev server, worker, PostgreSQL): upload
 * checked by content, limits that refuse before anything is stored, claiming by create and
 * revision, and downloads only for readers of the request.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import request from 'supertest';
import { CoordinationStateSchema } from '../../src/api/responses';
import { bearer, createBody, startApiEnv, type ApiEnv } from '../support/apiHarness';
import { elfExecutable, requestWithAttachment, tinyPdf, tinyPng, upload } from '../support/attachmentFixtures';

let api: ApiEnv;
beforeAll(async () => {
  api = await startApiEnv();
});
afterAll(async () => {
  await api?.stop();
});

const stored = async (): Promise<number> => (await sql<{ n: number }>`select count(*)::int as n from attachments`.execute(api.worker.records)).rows[0].n;
const create = async (org: string, body: object) => request(api.app).post('/v1/coordination-requests').set('Authorization', await bearer(org)).send(body);
const download = async (org: string, id: string, attachmentId: string) =>
  request(api.app).get(`/v1/coordination-requests/${id}/attachments/${attachmentId}`).set('Authorization', await bearer(org)).buffer(true).parse((res, cb) => {
    const parts: Buffer[] = [];
    res.on('data', (c: Buffer) => parts.push(c));
    res.on('end', () => cb(null, Buffer.concat(parts)));
  });

test('a real PDF and a PNG: stored with type by content and SHA-256; a request carries them; a reader downloads them as they were', async () => {
  const pdf = tinyPdf();
  const png = tinyPng();
  // The declared types are wrong on purpose: the content decides.
  const up = await upload(api.app, 'kpu-sumbawa', [
    { name: 'undangan rapat.pdf', content: pdf, type: 'application/octet-stream' },
    { name: 'denah-gudang.png', content: png, type: 'application/pdf' },
  ]);
  expect(up.status).toBe(201);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  expect(up.body.attachments).toEqual([
    { id: expect.stringMatching(/^att-[0-9a-f]{32}$/), name: 'undangan rapat.pdf', type: 'application/pdf', size: pdf.length, sha256: sha(pdf) },
    { id: expect.stringMatching(/^att-[0-9a-f]{32}$/), name: 'denah-gudang.png', type: 'image/png', size: png.length, sha256: sha(png) },
  ]);
  const ids = up.body.attachments.map((a: { id: string }) => a.id);
  const res = await create('kpu-sumbawa', createBody({ attachments: ids }));
  expect(res.status).toBe(201);
  // The workflow holds references only: ids, names, types, sizes, hashes, never the content.
  expect(CoordinationStateSchema.parse(res.body).attachments).toEqual(up.body.attachments.map((a: object) => ({ ...a, revision: 1 })));
  expect(JSON.stringify(res.body)).not.toContain(pdf.toString('base64').slice(0, 40));

  for (const org of ['kpu-sumbawa', 'pemkab-sumbawa', 'kpu-ntb', 'kpu-ri']) {
    const got = await download(org, res.body.id, ids[0]);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe('attachment; filename="undangan rapat.pdf"');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(pdf).digest('base64')}:`);
    expect(Buffer.compare(got.body as Buffer, pdf)).toBe(0);
  }
  const image = await download('pemkab-sumbawa', res.body.id, ids[1]);
  expect([image.status, image.headers['content-type'], Buffer.compare(image.body as Buffer, png)]).toEqual([200, 'image/png', 0]);
});

test('an outsider cannot download (404 like the request); an attachment of another request is 404 too', async () => {
  const { id, attachmentId } = await requestWithAttachment(api.app);
  const outsider = await download('kpu-sulbar', id, attachmentId);
  expect(outsider.status).toBe(404);
  expect(outsider.headers['content-type']).toMatch(/^application\/problem\+json/);
  const other = await requestWithAttachment(api.app);
  expect((await download('kpu-sumbawa', id, other.attachmentId)).status).toBe(404);
  expect((await download('kpu-sumbawa', id, 'att-00000000000000000000000000000000')).status).toBe(404);
});

test('a renamed executable is refused by its content (415) and nothing is stored, not even the good file beside it', async () => {
  const before = await stored();
  const res = await upload(api.app, 'kpu-sumbawa', [
    { name: 'surat.pdf', content: tinyPdf() },
    { name: 'laporan.pdf', content: elfExecutable(), type: 'application/pdf' },
  ]);
  expect(res.status).toBe(415);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.detail).toContain('laporan.pdf');
  const text = await upload(api.app, 'kpu-sumbawa', [{ name: 'catatan.pdf', content: Buffer.from('just text, not a PDF') }]);
  expect(text.status).toBe(415);
  expect(await stored()).toBe(before);
});

test('a file over the size limit is refused while it streams (413) and nothing is stored', async () => {
  const small = api.makeApp({ ATTACHMENT_MAX_BYTES: '4096' });
  const before = await stored();
  const big = Buffer.concat([tinyPdf(), Buffer.alloc(8192, 0x20)]);
  const res = await upload(small, 'kpu-sumbawa', [
    { name: 'kecil.pdf', content: tinyPdf() },
    { name: 'besar.pdf', content: big },
  ]);
  expect(res.status).toBe(413);
  expect(res.body).toMatchObject({ type: 'urn:koordinasi:problem:payloadTooLarge', status: 413 });
  expect(await stored()).toBe(before);
});

test('too many files: refused at upload (422), and a request cannot carry more than the limit through revisions', async () => {
  const before = await stored();
  const six = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.pdf`, content: tinyPdf(`halaman ${i}`) }));
  const res = await upload(api.app, 'kpu-sumbawa', six);
  expect(res.status).toBe(422);
  expect(await stored()).toBe(before);

  const two = await api.makeApp({ ATTACHMENT_MAX_COUNT: '2' });
  const up = await upload(two, 'kpu-sumbawa', [{ name: 'a.pdf', content: tinyPdf('a') }, { name: 'b.pdf', content: tinyPdf('b') }]);
  const created = await request(two).post('/v1/coordination-requests').set('Authorization', await bearer('kpu-sumbawa')).send(createBody({ attachments: up.body.attachments.map((a: { id: string }) => a.id) }));
  expect(created.status).toBe(201);
  const changes = await request(two).post(`/v1/coordination-requests/${created.body.id}/responses`).set('Authorization', await bearer('pemkab-sumbawa')).send({ decision: 'REQUEST_CHANGES', comment: 'Lampirkan denah' });
  expect(changes.status).toBe(200);
  const third = await upload(two, 'kpu-sumbawa', [{ name: 'c.pdf', content: tinyPdf('c') }]);
  const revise = await request(two).post(`/v1/coordination-requests/${created.body.id}/revisions`).set('Authorization', await bearer('kpu-sumbawa')).send({ attachments: [third.body.attachments[0].id] });
  expect(revise.status).toBe(422);
  expect(revise.body.detail).toMatch(/at most 2/);
});

test('a revision adds attachments (marked with its revision); ids that are not yours, already used, or malformed are refused and claim nothing', async () => {
  const { id, attachmentId } = await requestWithAttachment(api.app);
  // Already used by that request: another request may not take it.
  const reused = await create('kpu-sumbawa', createBody({ attachments: [attachmentId] }));
  expect(reused.status).toBe(422);
  expect(reused.body.detail).toContain('already attached to another request');
  // Another organization's upload is unknown to the caller.
  const theirs = await upload(api.app, 'kpu-ntb', [{ name: 'ntb.pdf', content: tinyPdf('ntb') }]);
  const foreign = await create('kpu-sumbawa', createBody({ attachments: [theirs.body.attachments[0].id] }));
  expect(foreign.status).toBe(422);
  expect(foreign.body.detail).toContain('no such attachment of your organization');
  const malformed = await create('kpu-sumbawa', createBody({ attachments: ['../../etc/passwd'] }));
  expect(malformed.status).toBe(400);
  expect(malformed.body.errors[0].field).toBe('attachments[0]');

  // A refused action leaves the upload free: a bad create that names a good file does not use it up.
  const mine = await upload(api.app, 'kpu-sumbawa', [{ name: 'denah.png', content: tinyPng() }]);
  const newId = mine.body.attachments[0].id;
  const notNow = await request(api.app).post(`/v1/coordination-requests/${id}/revisions`).set('Authorization', await bearer('kpu-sumbawa')).send({ attachments: [newId] });
  expect(notNow.status).toBe(409); // no changes were requested
  await request(api.app).post(`/v1/coordination-requests/${id}/responses`).set('Authorization', await bearer('pemkab-sumbawa')).send({ decision: 'REQUEST_CHANGES', comment: 'Denah?' });
  const participantTries = await request(api.app).post(`/v1/coordination-requests/${id}/revisions`).set('Authorization', await bearer('pemkab-sumbawa')).send({ attachments: [newId] });
  expect(participantTries.status).toBe(403);
  const revised = await request(api.app).post(`/v1/coordination-requests/${id}/revisions`).set('Authorization', await bearer('kpu-sumbawa')).send({ comment: 'Denah terlampir', attachments: [newId] });
  expect(revised.status).toBe(200);
  expect(revised.body.attachments.map((a: { id: string; revision: number }) => [a.id, a.revision])).toEqual([[attachmentId, 1], [newId, 2]]);
  const got = await download('bawaslu-sumbawa', id, newId);
  expect([got.status, got.headers['content-type']]).toEqual([200, 'image/png']);
});

test('upload needs multipart/form-data with at least one file; names with control or bidi characters are refused', async () => {
  const json = await request(api.app).post('/v1/attachments').set('Authorization', await bearer('kpu-sumbawa')).send({ file: 'x' });
  expect(json.status).toBe(415);
  const none = await request(api.app).post('/v1/attachments').set('Authorization', await bearer('kpu-sumbawa')).field('note', 'no file');
  expect(none.status).toBe(400);
  const bidi = await upload(api.app, 'kpu-sumbawa', [{ name: 'laporan\u202Efdp.exe', content: tinyPdf() }]);
  expect(bidi.status).toBe(400);
  expect(bidi.body.errors[0].message).toMatch(/bidirectional/);
  const empty = await upload(api.app, 'kpu-sumbawa', [{ name: 'kosong.pdf', content: Buffer.alloc(0) }]);
  expect(empty.status).toBe(422);
});
