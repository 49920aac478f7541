/**
 * The letter and its attachments through the pages in a real browser, without JavaScript tricks:
 * the new-request form (multipart) refuses a renamed program beside its field and keeps what was
 * typed, then creates the request with its letter and a real PDF; the request page shows both and
 * the download is the file as uploaded; the list finds the request by its letter number. A name
 * that claims another type than the content gets the content's extension; an organization past
 * its quota of unclaimed uploads is told so beside the file field, and nothing more is stored.
 */
import { sql } from 'kysely';
import request from 'supertest';
import { bearer } from '../support/apiHarness';
import { elfExecutable, tinyPdf, tinyPng } from '../support/attachmentFixtures';
import { eventually } from '../support/workflowHarness';
import { devSignIn, WEB_SECRET, webStackPerFile } from './support/webStack';
import { seriousViolations } from './support/axe';

const web = webStackPerFile();

const LETTER_NUMBER = '088/PL.01.2-SD/5204/2026';

test('a request with a letter and a PDF through the form: refused program first, then shown on its page, downloadable, found by the letter number', async () => {
  const { page } = await web.stack.newPage();
  await devSignIn(page, 'kpu-sumbawa', { name: 'Ani' });
  await page.goto('/requests/new');
  await page.fill('#title', 'Rapat koordinasi distribusi logistik');
  await page.selectOption('#category', 'OUTREACH');
  await page.fill('#letter-number', LETTER_NUMBER);
  await page.fill('#letter-date', '2026-11-30');
  await page.fill('#letter-subject', 'Undangan rapat koordinasi');
  await page.selectOption('#letter-classification', 'SANGAT_SEGERA');
  await page.fill('#letter-srikandiUrl', 'https://srikandi.arsip.go.id/naskah/088');
  await page.check('input[name="steps[0][participants][]"][value="pemkab-sumbawa"]');
  await page.fill('#s0-days', '3');

  // A program named .pdf: refused by its content, the message beside the file field, the form kept.
  await page.setInputFiles('#files', { name: 'undangan.pdf', mimeType: 'application/pdf', buffer: elfExecutable() });
  await Promise.all([page.waitForLoadState('load'), page.click('button[name=_action][value=submit]')]);
  await page.waitForSelector('#files-errors');
  expect(await page.textContent('#files-errors')).toContain('undangan.pdf');
  expect(await page.inputValue('#letter-number')).toBe(LETTER_NUMBER);
  expect(await page.inputValue('#title')).toBe('Rapat koordinasi distribusi logistik');

  // The real PDF: created, and the request page shows the letter and the attachment.
  const pdf = tinyPdf();
  await page.setInputFiles('#files', { name: 'undangan rapat.pdf', mimeType: 'application/pdf', buffer: pdf });
  await Promise.all([page.waitForURL(/\/requests\/rq-[0-9a-f]{32}$/), page.click('button[name=_action][value=submit]')]);
  const id = new URL(page.url()).pathname.split('/').pop()!;
  expect(await page.textContent('.letter-number')).toBe(LETTER_NUMBER);
  expect(await page.textContent('section.letter')).toContain('Sangat segera');
  expect(await page.getAttribute('section.letter a', 'href')).toBe('https://srikandi.arsip.go.id/naskah/088');
  const link = page.locator('section.attachments a');
  expect(await link.textContent()).toBe('undangan rapat.pdf');
  expect(await seriousViolations(page)).toEqual([]);

  const href = (await link.getAttribute('href'))!;
  const res = await page.request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="undangan rapat.pdf"/);
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect(Buffer.compare(await res.body(), pdf)).toBe(0);

  // Another organization's session gets nothing.
  const outsider = await web.stack.newPage();
  await devSignIn(outsider.page, 'kpu-sulbar');
  expect((await outsider.page.request.get(href)).status()).toBe(404);

  // The list finds it by the letter number (the records store catches up shortly).
  await eventually(async () => {
    await page.goto(`/requests?q=${encodeURIComponent(LETTER_NUMBER)}`);
    expect(await page.locator(`a[href="/requests/${id}"]`).count()).toBe(1);
  }, 30_000);
  expect(await page.locator('table.requests').textContent()).toContain(`No. ${LETTER_NUMBER}`);

  // The participant asks for changes; the requester's revision form takes a file too.
  const participant = await web.stack.newPage();
  await devSignIn(participant.page, 'pemkab-sumbawa');
  await participant.page.goto(`/requests/${id}`);
  await participant.page.check('input[name=decision][value=REQUEST_CHANGES]');
  await participant.page.fill('#respond-comment', 'Mohon lampirkan denah lokasi.');
  await Promise.all([participant.page.waitForURL(`**/requests/${id}`), participant.page.click('form[action$="/respond"] button[type=submit]')]);
  await eventually(async () => {
    await page.goto(`/requests/${id}`);
    expect(await page.locator('#revise-files').count()).toBe(1);
  }, 30_000);
  await page.fill('#revise-comment', 'Denah terlampir.');
  await page.setInputFiles('#revise-files', { name: 'denah.png', mimeType: 'image/png', buffer: tinyPng() });
  await Promise.all([page.waitForURL(`**/requests/${id}`), page.click('form[action$="/revise"] button[type=submit]')]);
  await eventually(async () => {
    await page.goto(`/requests/${id}`);
    expect(await page.locator('section.attachments a').allTextContents()).toEqual(['undangan rapat.pdf', 'denah.png']);
  }, 30_000);
  expect(await page.textContent('section.attachments')).toContain('revisi 2');
});

test('a PDF/HTML polyglot uploaded through the form as surat.html is listed and downloaded as surat.html.pdf', async () => {
  const { page } = await web.stack.newPage();
  await devSignIn(page, 'kpu-sumbawa');
  await page.goto('/requests/new');
  await page.fill('#title', 'Surat dengan lampiran berganda');
  await page.selectOption('#category', 'OUTREACH');
  await page.check('input[name="steps[0][participants][]"][value="pemkab-sumbawa"]');
  await page.fill('#s0-days', '3');
  const polyglot = Buffer.from('%PDF-1.4\n<html><body><script>document.title = "ran"</script></body></html>\n', 'latin1');
  await page.setInputFiles('#files', { name: 'surat.html', mimeType: 'text/html', buffer: polyglot });
  await Promise.all([page.waitForURL(/\/requests\/rq-[0-9a-f]{32}$/), page.click('button[name=_action][value=submit]')]);
  const link = page.locator('section.attachments a');
  expect(await link.textContent()).toBe('surat.html.pdf');
  expect(await link.getAttribute('download')).toBe('surat.html.pdf');
  const res = await page.request.get((await link.getAttribute('href'))!);
  expect([res.status(), res.headers()['content-type']]).toEqual([200, 'application/pdf']);
  expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="?surat\.html\.pdf"?$/);
});

test('past the organization’s quota of unclaimed uploads the form says so beside the file field, keeps what was typed, and stores nothing', async () => {
  const { stack } = web;
  const org = 'kpu-ntb';
  const unclaimed = async (): Promise<number> =>
    (await sql<{ n: number }>`select count(*)::int as n from attachments where owner_org = ${org} and request_id is null`.execute(stack.records)).rows[0].n;
  // Fill the quota (ATTACHMENT_UNCLAIMED_MAX_COUNT, 50 by default) through the API, 5 files at a time.
  for (let i = 0; i < stack.config.ATTACHMENT_UNCLAIMED_MAX_COUNT / 5; i++) {
    let req = request(stack.app).post('/v1/attachments').set('Authorization', await bearer(org, { secret: WEB_SECRET }));
    for (let j = 0; j < 5; j++) req = req.attach('file', tinyPdf(`isi ${i}-${j}`), { filename: `f${i}-${j}.pdf`, contentType: 'application/pdf' });
    expect((await req).status).toBe(201);
  }
  const full = await unclaimed();
  const { page } = await stack.newPage();
  await devSignIn(page, org);
  await page.goto('/requests/new');
  await page.fill('#title', 'Satu berkas lagi');
  await page.selectOption('#category', 'OUTREACH');
  await page.check('input[name="steps[0][participants][]"][value="pemprov-ntb"]');
  await page.fill('#s0-days', '3');
  await page.setInputFiles('#files', { name: 'lagi.pdf', mimeType: 'application/pdf', buffer: tinyPdf('lagi') });
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/requests') && r.request().method() === 'POST'), page.click('button[name=_action][value=submit]')]);
  expect(res.status()).toBe(429);
  await page.waitForSelector('#files-errors');
  expect(await page.textContent('#files-errors')).toContain('ATTACHMENT_UNCLAIMED_MAX_COUNT');
  expect(await page.inputValue('#title')).toBe('Satu berkas lagi');
  expect(await unclaimed()).toBe(full);
});
