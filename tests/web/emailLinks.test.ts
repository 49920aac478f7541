/**
 * Email-link access in a real browser: what a link may and may not do. The links come from the
 * mails the real notification activity sent to the loopback SMTP server. Opening one shows a page
 * with a button; only its same-origin POST adds the link to the browser's session.
 */
import type { Response } from 'express';
import { jwtDecrypt } from 'jose';
import type { BrowserContext, Page } from 'playwright-core';
import { deriveKey } from '../../src/links/keys';
import { WebSessionStore } from '../../src/records/webSessions';
import { Sessions, type Session } from '../../src/web/session';
import { timelineQuery, workflowIdFor } from '../../workflows/messages';
import { EmailLinks } from '../../src/links/emailLinks';
import { memoryLogger } from '../notifications/support/harness';
import { eventually } from '../support/workflowHarness';
import { devSignIn, linkIn, mailTo, openLink, startWebStack, WEB_SECRET, type WebStack, requestWithLink } from './support/webStack';

let stack: WebStack;
const logs = memoryLogger();

beforeAll(async () => {
  stack = await startWebStack({}, { logger: logs.logger });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const PEMKAB = 'kesbangpol@pemkab-sumbawa.example';

const newRequest = () => requestWithLink(stack);

/** Events other than delivery receipts (those settle whenever the mail server answers). */
const timelineLength = async (id: string) =>
  (await stack.env.client.workflow.getHandle(workflowIdFor(id)).query(timelineQuery)).filter((e) => !e.kind.startsWith('NOTIFICATION_')).length;
const respondForm = (page: Page) => page.locator('form[action$="/respond"]');

test('a GET of the link changes nothing and adds no grant, sends no token in a Referer, is not cached and never reaches the log', async () => {
  const { id, link } = await newRequest();
  const before = await timelineLength(id);
  // A mail scanner: fetches the link, follows nothing, posts nothing.
  const scanner = await stack.browser.newContext({ baseURL: stack.baseUrl });
  const res = await scanner.request.get(link, { maxRedirects: 0 });
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('form method="post" action="/link"');
  expect(res.headers()['referrer-policy']).toBe('strict-origin'); // a Referer holds the origin at most, never the token
  expect(res.headers()['cache-control']).toBe('no-store');
  // The GET put nothing into the scanner's session: the request page sends it to sign in.
  const page = await scanner.request.get(`/requests/${id}`, { maxRedirects: 0 });
  expect([page.status(), page.headers()['location']]).toEqual([303, `/sign-in?next=${encodeURIComponent(`/requests/${id}`)}`]);
  await scanner.close();
  expect(await timelineLength(id)).toBe(before);
  const token = new URL(link).searchParams.get('t')!;
  expect(JSON.stringify(logs.lines)).not.toContain(token);
  await eventually(() => expect(logs.lines.some((l) => JSON.stringify(l).includes('"/link"'))).toBe(true)); // the path is logged, the token is not
  expect(JSON.stringify(logs.lines)).not.toContain(token);
});

test('another site cannot add a link to a visitor’s session: its top-level GET only shows the page, its POST is refused', async () => {
  const { id, link } = await newRequest();
  const token = new URL(link).searchParams.get('t')!;
  const { context, page } = await stack.newPage();
  await page.goto(link); // sent here by another site: the page with the button, nothing more
  const csrf = (await page.getAttribute('form.link-confirm input[name=_csrf]', 'value'))!;
  // A cross-site form post (even knowing the CSRF token), and one without the token: both 403.
  for (const [form, headers] of [
    [{ _csrf: csrf, t: token }, { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }],
    [{ t: token }, { Origin: stack.baseUrl, 'Sec-Fetch-Site': 'same-origin' }],
  ] as const) {
    const res = await context.request.post('/link', { form, headers, maxRedirects: 0 });
    expect(res.status()).toBe(403);
  }
  await page.goto(`/requests/${id}`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  // The page's own button does add it.
  await openLink(page, link);
  expect(await respondForm(page).count()).toBe(1);
  await context.close();
});

test('opening a link keeps a signed-in session’s expiry: repeated links never prolong a sign-in', async () => {
  const { id, link } = await newRequest();
  const { context, page } = await stack.newPage();
  // A staff sign-in that ends in ten minutes (SESSION_TTL would give 8 hours to a new one).
  const exp = Math.floor(Date.now() / 1000) + 600;
  await context.addCookies([{ name: 'koordinasi', value: await signedInCookie(exp), url: stack.baseUrl }]);
  await page.goto('/inbox');
  expect(new URL(page.url()).pathname).toBe('/inbox');
  for (let i = 0; i < 2; i++) {
    await openLink(page, link);
    expect(new URL(page.url()).pathname).toBe(`/requests/${id}`);
    const session = await sessionIn(context);
    expect(session.user?.org).toBe('kpu-ntb'); // still signed in, with the link beside
    expect(session.link?.requestId).toBe(id);
    expect(session.exp).toBeLessThanOrEqual(exp);
  }
  await context.close();
});

/** A session cookie for kpu-ntb staff that expires at `exp`, with its server-side row, as a sign-in makes it. */
async function signedInCookie(exp: number): Promise<string> {
  const sessions = new Sessions(WEB_SECRET, new WebSessionStore(stack.records), { ttlSeconds: 28_800, secure: false });
  let value = '';
  const res = { cookie: (_name: string, v: string) => void (value = v) } as unknown as Response;
  const session = sessions.fresh({ user: { sub: 'dev:ntb', org: 'kpu-ntb', roles: ['staff'], name: 'ntb', via: 'dev' } }, exp);
  await sessions.replace(res, sessions.fresh(), session);
  return value;
}

/** The session the browser's cookie holds now. */
async function sessionIn(context: BrowserContext): Promise<Session> {
  const raw = (await context.cookies()).find((c) => c.name === 'koordinasi')!.value;
  const { payload } = await jwtDecrypt(raw, deriveKey(WEB_SECRET, 'session'));
  return { ...(payload.s as Session), exp: Number(payload.exp) };
}

test('a link for another request, an expired or a tampered link is refused', async () => {
  const a = await newRequest();
  const b = await newRequest();
  const { context, page } = await stack.newPage();
  await openLink(page, a.link);
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
  await openLink(viewer.page, linkIn(cc, stack.baseUrl));
  expect(await viewer.page.textContent('.actions')).toContain('Tautan ini hanya untuk melihat');
  expect(await respondForm(viewer.page).count()).toBe(0);

  // The participant opens its link; meanwhile the requester delegates the seat to the province.
  const participant = await stack.newPage();
  await openLink(participant.page, link);
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
  await openLink(participant.page, link);
  expect(await respondForm(participant.page).count()).toBe(0);

  // The new seat holder answers through its own link.
  const delegated = await mailTo(stack.smtp, 'kesbangpol@pemprov-ntb.example', new RegExp(id));
  const province = await stack.newPage();
  await openLink(province.page, linkIn(delegated, stack.baseUrl));
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
