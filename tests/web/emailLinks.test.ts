/**
 * Email-link access in a real browser: what a link may and may not do. The links come from the
 * mails the real notification activity sent to the loopback SMTP server.
 */
import type { Page } from 'playwright-core';
import { timelineQuery, workflowIdFor } from '../../workflows/messages';
import { EmailLinks } from '../../src/links/emailLinks';
import { memoryLogger } from '../notifications/support/harness';
import { eventually } from '../support/workflowHarness';
import request from 'supertest';
import { bearer, createBody } from '../support/apiHarness';
import { devSignIn, linkIn, mailTo, startWebStack, WEB_SECRET, type WebStack } from './support/webStack';

let stack: WebStack;
const logs = memoryLogger();

beforeAll(async () => {
  stack = await startWebStack({}, { logger: logs.logger });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const PEMKAB = 'kesbangpol@pemkab-sumbawa.example';

async function newRequest(): Promise<{ id: string; link: string }> {
  const res = await request(stack.app)
    .post('/v1/coordination-requests')
    .set('Authorization', await bearer('kpu-sumbawa', { secret: WEB_SECRET }))
    .send(createBody({ steps: [{ participants: ['pemkab-sumbawa'], deadline: { kind: 'DURATION', duration: 'P3D' } }] }));
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  const mail = await mailTo(stack.smtp, PEMKAB, new RegExp(id));
  return { id, link: linkIn(mail, stack.baseUrl) };
}

/** Events other than delivery receipts (those settle whenever the mail server answers). */
const timelineLength = async (id: string) =>
  (await stack.env.client.workflow.getHandle(workflowIdFor(id)).query(timelineQuery)).filter((e) => !e.kind.startsWith('NOTIFICATION_')).length;
const respondForm = (page: Page) => page.locator('form[action$="/respond"]');

test('a GET of the link changes nothing, sends no Referer, is not cached and never reaches the log', async () => {
  const { id, link } = await newRequest();
  const before = await timelineLength(id);
  // A mail scanner: fetches the link, follows nothing, posts nothing.
  const scanner = await stack.browser.newContext();
  const res = await scanner.request.get(link, { maxRedirects: 0 });
  expect(res.status()).toBe(303);
  expect(res.headers()['location']).toBe(`/requests/${id}`);
  expect(res.headers()['referrer-policy']).toBe('no-referrer');
  expect(res.headers()['cache-control']).toBe('no-store');
  await scanner.close();
  expect(await timelineLength(id)).toBe(before);
  const token = new URL(link).searchParams.get('t')!;
  expect(JSON.stringify(logs.lines)).not.toContain(token);
  await eventually(() => expect(logs.lines.some((l) => JSON.stringify(l).includes('"/link"'))).toBe(true)); // the path is logged, the token is not
  expect(JSON.stringify(logs.lines)).not.toContain(token);
});

test('a link for another request, an expired or a tampered link is refused', async () => {
  const a = await newRequest();
  const b = await newRequest();
  const { context, page } = await stack.newPage();
  await page.goto(a.link);
  expect(await respondForm(page).count()).toBe(1);
  // The grant of request A opens nothing of request B: no answer form, no answer.
  await page.goto(`/requests/${b.id}`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  const csrf = await page.getAttribute('input[name=_csrf]', 'value');
  const post = await context.request.post(`/requests/${b.id}/respond`, { form: { _csrf: csrf!, decision: 'APPROVE' }, maxRedirects: 0 });
  expect(post.status()).toBe(303);
  expect(post.headers()['location']).toMatch(/^\/sign-in/);
  expect((await stack.env.client.workflow.getHandle(workflowIdFor(b.id)).query(timelineQuery)).some((e) => e.kind === 'APPROVED')).toBe(false);

  const token = new URL(a.link).searchParams.get('t')!;
  const tampered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
  expect((await page.goto(`/link?t=${tampered}`))?.status()).toBe(403);
  const expired = await new EmailLinks(WEB_SECRET, 60).mint({ requestId: a.id, org: 'pemkab-sumbawa', address: PEMKAB, mode: 'answer', revision: 1 }, Date.now() - 3_600_000);
  expect((await page.goto(`/link?t=${expired}`))?.status()).toBe(403);
  const otherKey = await new EmailLinks('another-secret-0123456789abcdef0123', 3600).mint({ requestId: a.id, org: 'pemkab-sumbawa', address: PEMKAB, mode: 'answer', revision: 1 });
  expect((await page.goto(`/link?t=${otherKey}`))?.status()).toBe(403);
  expect(await page.textContent('main')).toContain('tidak valid');
  await context.close();
});

test('tembusan gets a view-only link; a delegated seat’s old link can no longer answer; the answer is recorded with its address', async () => {
  const { id, link } = await newRequest();
  const cc = await mailTo(stack.smtp, 'sekretariat@kpu-ntb.example', new RegExp(`Tembusan.*${id}`));
  const viewer = await stack.newPage();
  await viewer.page.goto(linkIn(cc, stack.baseUrl));
  expect(await viewer.page.textContent('.actions')).toContain('Tautan ini hanya untuk melihat');
  expect(await respondForm(viewer.page).count()).toBe(0);

  // The participant opens its link; meanwhile the requester delegates the seat to the province.
  const participant = await stack.newPage();
  await participant.page.goto(link);
  expect(await respondForm(participant.page).count()).toBe(1);
  // What the participant's open form would post (the page's live update removes the form once the
  // seat moves, so the stale post is sent as the browser would have sent it).
  const staleForm = {
    _csrf: (await participant.page.getAttribute('form[action$="/respond"] input[name=_csrf]', 'value'))!,
    _key: (await participant.page.getAttribute('form[action$="/respond"] input[name=_key]', 'value'))!,
    decision: 'APPROVE',
  };
  const requester = await stack.newPage();
  await devSignIn(requester.page, 'kpu-sumbawa', { next: `/requests/${id}` });
  await requester.page.selectOption('#delegate-from', 'pemkab-sumbawa');
  await requester.page.selectOption('#delegate-to', 'pemprov-ntb');
  await requester.page.fill('#delegate-comment', 'Kewenangan provinsi');
  await Promise.all([requester.page.waitForURL(`**/requests/${id}`), requester.page.click('form[action$="/delegate"] button[type=submit]')]);
  // The old page's form is stale: its POST is refused and nothing is recorded.
  const refused = await participant.context.request.post(`/requests/${id}/respond`, {
    form: staleForm,
    headers: { Origin: stack.baseUrl, 'Sec-Fetch-Site': 'same-origin' },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(403);
  expect((await stack.env.client.workflow.getHandle(workflowIdFor(id)).query(timelineQuery)).some((e) => e.kind === 'APPROVED')).toBe(false);
  await participant.page.goto(link);
  expect(await respondForm(participant.page).count()).toBe(0);

  // The new seat holder answers through its own link.
  const delegated = await mailTo(stack.smtp, 'kesbangpol@pemprov-ntb.example', new RegExp(id));
  const province = await stack.newPage();
  await province.page.goto(linkIn(delegated, stack.baseUrl));
  await province.page.check('input[name=decision][value=APPROVE]');
  await Promise.all([province.page.waitForURL(`**/requests/${id}`), province.page.click('form[action$="/respond"] button[type=submit]')]);
  // That answer closed the request, and with it every link: the page says so.
  expect(await province.page.textContent('main')).toContain('sudah ditutup');
  expect((await participant.page.goto(link))?.status()).toBe(410);
  await requester.page.goto(`/requests/${id}`);
  expect(await requester.page.textContent('.status-line')).toContain('Disetujui');
  expect(await requester.page.textContent('.timeline')).toContain('lewat tautan email yang dikirim ke kesbangpol@pemprov-ntb.example');
  for (const p of [viewer, participant, requester, province]) await p.context.close();
});
