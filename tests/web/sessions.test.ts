/**
 * Page sessions on the server and out of the logs, in a real browser on the whole stack: a sign-in,
 * an email link opened and confirmed, an answer and the sign-outs leave no cookie value and no link
 * token in any log line; after signing out, the old cookie (a copy from anywhere) opens nothing,
 * for staff and for an email link alike. Malformed form bodies are a 400 without an error line,
 * and the pages have a rate limit.
 */
import request from 'supertest';
import type { BrowserContext } from 'playwright-core';
import { createHttpApp } from '../../src/server';
import { memoryLogger } from '../notifications/support/harness';
import { bearer } from '../support/apiHarness';
import { directory } from '../support/workflowHarness';
import { devSignIn, openLink, startWebStack, WEB_SECRET, type WebStack, requestWithLink } from './support/webStack';

let stack: WebStack;
const logs = memoryLogger();
logs.logger.level = 'trace';

beforeAll(async () => {
  stack = await startWebStack({}, { logger: logs.logger });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const newRequest = () => requestWithLink(stack);

/** Every cookie value the browser holds now (the session cookies it was given along the way). */
const cookieValues = async (context: BrowserContext, into: Set<string>) => {
  for (const c of await context.cookies()) if (c.name !== 'lang') into.add(c.value);
};

const signOut = (context: BrowserContext, page: import('playwright-core').Page) =>
  Promise.all([page.waitForURL('**/sign-in'), page.click('form[action="/sign-out"] button[type=submit]')]).then(() => context);

test('a whole sign-in, link, answer and sign-out flow: no cookie value and no link token in the logs', async () => {
  const seen = new Set<string>();
  const { id, link } = await newRequest();
  const staff = await stack.newPage();
  await devSignIn(staff.page, 'kpu-sumbawa', { admin: true, next: `/requests/${id}` });
  await cookieValues(staff.context, seen);
  const participant = await stack.newPage();
  await participant.page.goto(link);
  await cookieValues(participant.context, seen);
  await openLink(participant.page, link);
  await cookieValues(participant.context, seen);
  await participant.page.check('input[name=decision][value=ACKNOWLEDGE]');
  await Promise.all([participant.page.waitForURL(`**/requests/${id}`), participant.page.click('form[action$="/respond"] button[type=submit]')]);
  await cookieValues(participant.context, seen);
  await signOut(participant.context, participant.page);
  await signOut(staff.context, staff.page);
  for (const p of [staff, participant]) await cookieValues(p.context, seen);

  const logged = JSON.stringify(logs.lines);
  expect(logs.lines.some((l) => (l.req as { path?: string } | undefined)?.path === '/sign-out')).toBe(true); // the flow was logged
  expect(seen.size).toBeGreaterThanOrEqual(4);
  for (const value of seen) expect(logged).not.toContain(value);
  expect(logged).not.toContain(new URL(link).searchParams.get('t')!);
  for (const p of [staff, participant]) await p.context.close();
});

test('after sign-out the old cookie opens nothing: an admin’s, and an email link’s', async () => {
  const { id, link } = await newRequest();
  // An admin signs in, the cookie is copied (a log, a shared machine), then the admin signs out.
  const admin = await stack.newPage();
  await devSignIn(admin.page, 'kpu-ri', { admin: true });
  await admin.page.goto('/stages');
  expect(await admin.page.$$('form[action$="/re-resolve"]')).not.toHaveLength(0);
  const adminCookies = await admin.context.cookies();
  await signOut(admin.context, admin.page);

  const replay = await stack.browser.newContext({ baseURL: stack.baseUrl });
  await replay.addCookies(adminCookies);
  const stages = await replay.request.get('/stages', { maxRedirects: 0 });
  expect([stages.status(), stages.headers()['location']]).toEqual([303, '/sign-in?next=%2Fstages']);
  await replay.close();

  // The same for a session opened through an email link.
  const participant = await stack.newPage();
  await openLink(participant.page, link);
  const csrf = (await participant.page.getAttribute('form[action$="/respond"] input[name=_csrf]', 'value'))!;
  const key = (await participant.page.getAttribute('form[action$="/respond"] input[name=_key]', 'value'))!;
  const linkCookies = await participant.context.cookies();
  await signOut(participant.context, participant.page);

  const replayLink = await stack.browser.newContext({ baseURL: stack.baseUrl });
  await replayLink.addCookies(linkCookies);
  const page = await replayLink.request.get(`/requests/${id}`, { maxRedirects: 0 });
  expect(page.status()).toBe(303);
  expect(page.headers()['location']).toMatch(/^\/sign-in/);
  const answer = await replayLink.request.post(`/requests/${id}/respond`, {
    form: { _csrf: csrf, _key: key, decision: 'APPROVE' },
    headers: { Origin: stack.baseUrl, 'Sec-Fetch-Site': 'same-origin' },
    maxRedirects: 0,
  });
  // Refused (the old session's CSRF token is bound to a session that no longer counts), not answered.
  expect(answer.status()).toBe(403);
  const state = await request(stack.app).get(`/v1/coordination-requests/${id}`).set('Authorization', await bearer('kpu-sumbawa', { secret: WEB_SECRET }));
  expect(state.body.steps[0].participants[0].status).toBe('PENDING');
  await replayLink.close();
  for (const p of [admin, participant]) await p.context.close();
});

test('malformed form bodies (5,000-deep nesting, 5,000 parameters) answer 400, with no error log line', async () => {
  const before = logs.lines.length;
  const deep = `org=kpu-sumbawa&a${'[x]'.repeat(5000)}=1`;
  const many = Array.from({ length: 5000 }, (_, i) => `p${i}=1`).join('&');
  for (const body of [deep, many]) {
    const res = await request(stack.app).post('/sign-in/dev').type('form').send(body);
    expect(res.status).toBe(400);
    expect(res.type).toBe('text/html');
  }
  const errors = logs.lines.slice(before).filter((l) => Number(l.level) >= 50);
  expect(errors).toEqual([]);
});

test('the pages have a rate limit per client address (and per person once signed in): 429 past it', async () => {
  const app = createHttpApp({ config: { ...stack.config, WEB_RATE_LIMIT_PER_MINUTE: 3 }, directory, client: stack.env.client, logger: logs.logger, records: stack.records });
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await request(app).post('/sign-in/dev').type('form').send('org=kpu-sumbawa')).status);
  expect(statuses).toEqual([403, 403, 403, 429, 429]);
});
