/**
 * The pages in a real browser (Chromium via playwright-core) against the running system: forms,
 * the request page following changes without a reload, the outsider's 404 and CSRF refusals.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { devSignIn, webStackPerFile, linkIn, mailTo, SCREENSHOT_DIR } from './support/webStack';
import { eventually } from '../support/workflowHarness';
import { workflowIdFor } from '../../workflows/messages';
import { seriousViolations, shot } from './support/axe';

const web = webStackPerFile();

/** Fill the new-request form: one step per list of participants. */
async function createThroughForm(page: Page, title: string, steps: string[][], tembusan: string[] = []): Promise<string> {
  await page.goto('/requests/new');
  await page.fill('#title', title);
  await page.fill('#description', 'Permohonan pinjam pakai gudang untuk logistik pemilihan.');
  await page.selectOption('#category', 'FACILITIES');
  for (const org of tembusan) await page.check(`input[name="tembusan[]"][value="${org}"]`);
  for (let i = 0; i < steps.length; i++) {
    if (i > 0) await Promise.all([page.waitForLoadState('load'), page.click('button[name=_action][value=add]')]);
    await page.fill(`#s${i}-name`, `Tahap ${i + 1} uji`);
    for (const org of steps[i]) await page.check(`input[name="steps[${i}][participants][]"][value="${org}"]`);
    await page.fill(`#s${i}-days`, '3');
  }
  await Promise.all([page.waitForURL(/\/requests\/rq-[0-9a-f]{32}$/), page.click('button[name=_action][value=submit]')]);
  return new URL(page.url()).pathname.split('/').pop()!;
}

test('a requester creates a two-step request through the form and finds it in the list and on its page; the participant approves and the requester sees it without a reload', async () => {
  const requester = await web.stack.newPage();
  await requester.page.goto('/sign-in');
  await shot(requester.page, 'sign-in');
  await devSignIn(requester.page, 'kpu-sumbawa', { name: 'Ani' });
  await expectHeading(requester.page, 'Menunggu tanggapan');
  expect(await seriousViolations(requester.page)).toEqual([]);

  // A form error comes back next to its field, with what was typed kept.
  await requester.page.goto('/requests/new');
  await requester.page.fill('#description', 'tanpa judul');
  await requester.page.click('button[name=_action][value=submit]');
  await requester.page.waitForSelector('#title-errors');
  expect(await requester.page.getAttribute('#title', 'aria-invalid')).toBe('true');
  expect(await requester.page.inputValue('#description')).toBe('tanpa judul');
  await shot(requester.page, 'new-request-errors');

  const id = await createThroughForm(requester.page, 'Fasilitasi gudang logistik', [['pemkab-sumbawa'], ['bawaslu-sumbawa']], ['kpu-ntb']);
  await expect(requester.page.locator('h1').textContent()).resolves.toBe('Fasilitasi gudang logistik');
  await expect(requester.page.locator('#step-1').textContent()).resolves.toContain('Tahap 2 uji');
  await shot(requester.page, 'request-page');
  await requester.page.goto('/requests/new');
  await shot(requester.page, 'new-request');

  // The list (from the records store) catches up shortly.
  await eventually(async () => {
    await requester.page.goto('/requests');
    expect(await requester.page.locator(`a[href="/requests/${id}"]`).count()).toBe(1);
  }, 30_000);
  expect(await requester.page.locator('table.requests').textContent()).toContain('0 dari 1 setuju');
  // Words of the title or description find it, through the search field; other words do not.
  await requester.page.fill('#f-q', 'gudang LOGISTIK');
  await Promise.all([requester.page.waitForURL(/q=gudang/), requester.page.click('form.filters button[type=submit]')]);
  expect(await requester.page.locator(`a[href="/requests/${id}"]`).count()).toBe(1);
  expect(await requester.page.inputValue('#f-q')).toBe('gudang LOGISTIK');
  await requester.page.goto('/requests?q=kampanye');
  expect(await requester.page.locator(`a[href="/requests/${id}"]`).count()).toBe(0);
  await shot(requester.page, 'requests-list');

  // The requester keeps the page open; the participant (no account) answers through the link in its mail.
  await requester.page.goto(`/requests/${id}`);
  const mail = await mailTo(web.stack.smtp, 'kesbangpol@pemkab-sumbawa.example', /Permohonan koordinasi baru/);
  const participant = await web.stack.newPage();
  await participant.page.goto(linkIn(mail, web.stack.baseUrl));
  await shot(participant.page, 'email-link-confirm');
  await Promise.all([participant.page.waitForURL(`**/requests/${id}`), participant.page.click('form.link-confirm button[type=submit]')]);
  expect(new URL(participant.page.url()).pathname).toBe(`/requests/${id}`); // the token left the address bar
  await shot(participant.page, 'request-page-email-link');
  await participant.page.check('input[name=decision][value=APPROVE]');
  await participant.page.fill('#respond-comment', 'Gudang tersedia mulai Senin.');
  await Promise.all([participant.page.waitForURL(`**/requests/${id}`), participant.page.click('form[action$="/respond"] button[type=submit]')]);
  await participant.page.waitForSelector('text=Gudang tersedia mulai Senin.');

  // Without a reload the requester's page shows the approval and the second step's start.
  const navigations: string[] = [];
  requester.page.on('framenavigated', (f) => navigations.push(f.url()));
  await requester.page.waitForSelector('#live >> text=Gudang tersedia mulai Senin.', { timeout: 30_000 });
  await requester.page.waitForSelector('#step-1 >> text=Aktif');
  expect(navigations).toEqual([]);

  // The next step's participant is invited by mail.
  const invite = await mailTo(web.stack.smtp, 'sekretariat@bawaslu-sumbawa.example', /Permohonan koordinasi baru/);
  expect(invite.text).toMatch(/Tahap:\s+2 dari 2/);
  // The timeline says the answer came through the link sent to that address.
  expect(await requester.page.textContent('.timeline')).toContain('lewat tautan email yang dikirim ke kesbangpol@pemkab-sumbawa.example');

  await requester.context.close();
  await participant.context.close();
});

test('request changes → revise → approve, through the pages; the answer works without JavaScript', async () => {
  const requester = await web.stack.newPage();
  await devSignIn(requester.page, 'kpu-sumbawa');
  const id = await createThroughForm(requester.page, 'Pengamanan gudang', [['pemkab-sumbawa']]);

  const noJs = await web.stack.browser.newContext({ baseURL: web.stack.baseUrl, javaScriptEnabled: false });
  const participant = await noJs.newPage();
  await devSignIn(participant, 'pemkab-sumbawa');
  // The inbox lists what waits on the organization (the records store catches up shortly).
  await eventually(async () => {
    await participant.goto('/inbox');
    expect(await participant.locator(`a[href="/requests/${id}"]`).count()).toBe(1);
  }, 30_000);
  await participant.screenshot({ path: path.join(SCREENSHOT_DIR, 'inbox.png'), fullPage: true }); // axe needs JavaScript: checked below
  await participant.goto(`/requests/${id}`);
  // Asking for changes without saying which is refused next to the comment.
  await participant.check('input[name=decision][value=REQUEST_CHANGES]');
  await participant.click('form[action$="/respond"] button[type=submit]');
  await participant.waitForSelector('#respond-comment-errors');
  await participant.check('input[name=decision][value=REQUEST_CHANGES]');
  await participant.fill('#respond-comment', 'Lampirkan denah gudang.');
  await Promise.all([participant.waitForURL(`**/requests/${id}`), participant.click('form[action$="/respond"] button[type=submit]')]);
  await participant.waitForSelector('text=Perlu perubahan');

  await requester.page.goto(`/requests/${id}`);
  await requester.page.fill('#revise-comment', 'Denah terlampir.');
  await Promise.all([requester.page.waitForURL(`**/requests/${id}`), requester.page.click('form[action$="/revise"] button[type=submit]')]);
  await requester.page.waitForSelector('text=Permohonan direvisi');

  await participant.goto(`/requests/${id}`);
  await participant.check('input[name=decision][value=APPROVE]');
  await Promise.all([participant.waitForURL(`**/requests/${id}`), participant.click('form[action$="/respond"] button[type=submit]')]);
  await participant.waitForSelector('.status-line >> text=Disetujui');
  await requester.context.close();
  await noJs.close();
});

test("an outsider's session gets 404 for the page; a form post without a CSRF token is refused; English by the switch", async () => {
  const requester = await web.stack.newPage();
  await devSignIn(requester.page, 'kpu-sumbawa');
  const id = await createThroughForm(requester.page, 'Rahasia', [['pemkab-sumbawa']]);

  const outsider = await web.stack.newPage();
  await devSignIn(outsider.page, 'kpu-sulbar');
  const res = await outsider.page.goto(`/requests/${id}`);
  expect(res?.status()).toBe(404);
  expect(await outsider.page.textContent('main')).not.toContain('Rahasia');
  await shot(outsider.page, 'not-found');

  // Same session, same page, but no token: refused, and nothing changed.
  const post = await requester.context.request.post(`/requests/${id}/cancel`, { form: { reason: 'x' }, maxRedirects: 0 });
  expect(post.status()).toBe(403);
  const foreign = await requester.context.request.post(`/requests/${id}/cancel`, {
    form: { reason: 'x', _csrf: 'forged' },
    headers: { Origin: 'https://evil.example' },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(403);
  await requester.page.goto(`/requests/${id}`);
  expect(await requester.page.textContent('.status-line')).toContain('Berjalan');

  await requester.page.click('a.lang');
  await expectHeading(requester.page, 'Rahasia');
  expect(await requester.page.textContent('.status-line')).toContain('In progress');
  expect(await requester.page.getAttribute('html', 'lang')).toBe('en');
  await shot(requester.page, 'request-page-en');
  await requester.context.close();
  await outsider.context.close();
});

test('a closed request Temporal no longer holds: its page still shows it, from the record; a visitor without a session is sent to sign in', async () => {
  const requester = await web.stack.newPage();
  await devSignIn(requester.page, 'kpu-sumbawa');
  const id = await createThroughForm(requester.page, 'Arsip gudang', [['pemkab-sumbawa']]);
  await requester.page.fill('#cancel-reason', 'Tidak jadi');
  await Promise.all([requester.page.waitForURL(new RegExp(`/requests/${id}$`)), requester.page.click(`form[action$="/cancel"] button`)]);
  // The run ends only once its record is complete; then Temporal forgets it.
  await web.stack.env.client.workflow.getHandle(workflowIdFor(id)).result();
  await web.stack.env.client.workflowService.deleteWorkflowExecution({ namespace: web.stack.env.namespace ?? 'default', workflowExecution: { workflowId: workflowIdFor(id) } });
  await eventually(async () => {
    await expect(web.stack.env.client.workflow.getHandle(workflowIdFor(id)).describe()).rejects.toThrow();
  }, 120_000); // deletion is asynchronous in the server, slow on a loaded machine

  const res = await requester.page.goto(`/requests/${id}`);
  expect(res?.status()).toBe(200);
  await expectHeading(requester.page, 'Arsip gudang');
  expect(await requester.page.textContent('.status-line')).toContain('Dibatalkan');
  expect(await requester.page.textContent('main')).toContain('Tidak jadi');

  const visitor = await web.stack.newPage();
  await visitor.page.goto(`/requests/${id}`);
  expect(new URL(visitor.page.url()).pathname).toBe('/sign-in');
  expect(await visitor.page.textContent('main')).not.toContain('Arsip gudang');
  await requester.context.close();
  await visitor.context.close();
}, 240_000);

async function expectHeading(page: Page, text: string): Promise<void> {
  expect((await page.textContent('h1'))?.trim()).toBe(text);
}

test('phone width: the request page and the form fit a 375 px screen', async () => {
  const requester = await web.stack.newPage({ phone: true });
  await devSignIn(requester.page, 'kpu-sumbawa');
  const id = await createThroughForm(requester.page, 'Koordinasi pengamanan TPS', [['pemkab-sumbawa', 'bawaslu-sumbawa']]);
  for (const url of [`/requests/${id}`, '/requests/new', '/requests']) {
    await requester.page.goto(url);
    const overflow = await requester.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
  await requester.page.goto(`/requests/${id}`);
  await shot(requester.page, 'request-page-phone');
  await requester.context.close();
});
