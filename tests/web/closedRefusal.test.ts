/**
 * A page's form goes through the API's one action pipeline (src/api/actionPipeline.ts), so a form
 * posted to a request that closed meanwhile is refused early, as the API refuses it: the page
 * comes back with its error message and nothing reaches the workflow. A double submit of the
 * action that closed the request is still one action: its retry gets the first outcome.
 */
import type { Page } from 'playwright-core';
import { bearer, createBody } from '../support/apiHarness';
import { devSignIn, webStackPerFile, WEB_SECRET } from './support/webStack';

const web = webStackPerFile();
const API = '/v1/coordination-requests';

async function api(path: string, org: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${web.stack.baseUrl}${API}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: await bearer(org, { secret: WEB_SECRET }), 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The fields a form on the open page would post (its CSRF token and its idempotency key). */
async function formOf(page: Page, action: string): Promise<Record<string, string>> {
  const field = async (name: string) => (await page.getAttribute(`form[action$="${action}"] input[name=${name}]`, 'value'))!;
  return { _csrf: await field('_csrf'), _key: await field('_key') };
}

const post = (page: Page, path: string, form: Record<string, string>) =>
  page.context().request.post(path, { form, headers: { Origin: web.stack.baseUrl, 'Sec-Fetch-Site': 'same-origin' }, maxRedirects: 0 });

test('a stale answer form of a cancelled request gets the page’s refusal, early, and nothing is answered', async () => {
  const created = await api('', 'kpu-sumbawa', createBody({ title: 'Pinjam gudang, lalu dibatalkan' }));
  expect(created.status).toBe(201);
  const id = created.body.id as string;

  const { page } = await web.stack.newPage();
  await devSignIn(page, 'pemkab-sumbawa', { next: `/requests/${id}` });
  const stale = await formOf(page, '/respond');
  expect((await api(`/${id}/cancel`, 'kpu-sumbawa', { reason: 'Jadwal berubah' })).body.status).toBe('CANCELLED');

  const refused = await post(page, `/requests/${id}/respond`, { ...stale, decision: 'APPROVE' });
  expect(refused.status()).toBe(409);
  const html = await refused.text();
  expect(html).toContain('Tindakan ini tidak dapat dilakukan sekarang.');
  // The pipeline's own early refusal, not the workflow's answer to an update sent to a closed request.
  expect(html).toContain('request is closed (CANCELLED)');
  const timeline = await api(`/${id}/timeline`, 'kpu-sumbawa');
  expect((timeline.body.events as Array<{ kind: string }>).map((e) => e.kind)).not.toContain('APPROVED');
  await page.context().close();
});

test('the cancel form submitted twice: the second post, after the request closed, gets the first outcome', async () => {
  const created = await api('', 'kpu-sumbawa', createBody({ title: 'Dibatalkan dua kali klik' }));
  const id = created.body.id as string;
  const { page } = await web.stack.newPage();
  await devSignIn(page, 'kpu-sumbawa', { next: `/requests/${id}` });
  const form = { ...(await formOf(page, '/cancel')), reason: 'Jadwal berubah' };

  const first = await post(page, `/requests/${id}/cancel`, form);
  expect([first.status(), first.headers()['location']]).toEqual([303, `/requests/${id}`]);
  const again = await post(page, `/requests/${id}/cancel`, form);
  expect([again.status(), again.headers()['location']]).toEqual([303, `/requests/${id}`]);
  // A fresh form (another key) on the closed request is refused.
  const other = await post(page, `/requests/${id}/cancel`, { ...form, _key: 'another-form-key' });
  expect(other.status()).toBe(409);
  const timeline = await api(`/${id}/timeline`, 'kpu-sumbawa');
  expect((timeline.body.events as Array<{ kind: string }>).filter((e) => e.kind === 'CANCELLED')).toHaveLength(1);
  await page.context().close();
});
