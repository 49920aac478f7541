/**
 * Staff sign-in with OpenID Connect (code + PKCE) against a real provider run in this process
 * (oidc-provider); then the overview a province secretariat sees.
 */
import path from 'node:path';
import request from 'supertest';
import type { Page } from 'playwright-core';
import { bearer, createBody } from '../support/apiHarness';
import { eventually } from '../support/workflowHarness';
import { seriousViolations } from './support/axe';
import { startOidcProvider, type TestProvider } from './support/oidcProvider';
import { SCREENSHOT_DIR, startWebStack, WEB_SECRET, type WebStack } from './support/webStack';

let stack: WebStack;
let provider: TestProvider;

beforeAll(async () => {
  stack = await startWebStack(async (baseUrl) => {
    provider = await startOidcProvider({
      redirectUri: `${baseUrl}/sign-in/oidc/callback`,
      accounts: {
        budi: { org: 'kpu-ntb', roles: ['staff'], name: 'Budi Santoso' },
        stranger: { org: 'kpu-atlantis', roles: ['staff'], name: 'Nobody' },
      },
    });
    return { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret };
  });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await provider?.stop();
});

/** Through the provider's own login and consent pages back to the pages. */
async function signInAt(page: Page, login: string): Promise<void> {
  await page.goto('/sign-in');
  expect(await page.locator('form.dev').count()).toBe(0); // with an identity provider, no development sign-in
  expect(await seriousViolations(page)).toEqual([]);
  const [authorization] = await Promise.all([page.waitForRequest((r) => new URL(r.url()).origin === provider.issuer), page.click('a[href^="/sign-in/oidc"]')]);
  const params = new URL(authorization.url()).searchParams;
  expect(params.get('code_challenge_method')).toBe('S256');
  expect(params.get('code_challenge')).toBeTruthy();
  await page.waitForSelector('input[name=login]');
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'any');
  await page.click('button[type=submit]');
  // Consent (first time), then back to us.
  await page.waitForURL((u) => u.origin === stack.baseUrl || /consent|interaction/.test(u.pathname));
  if (new URL(page.url()).origin === provider.issuer) await page.click('button[type=submit]');
  await page.waitForURL((u) => u.origin === stack.baseUrl);
}

test('a staff member signs in with the identity provider and sees the overview of its subordinates', async () => {
  const res = await request(stack.app)
    .post('/v1/coordination-requests')
    .set('Authorization', await bearer('kpu-sumbawa', { secret: WEB_SECRET }))
    .send(createBody());
  expect(res.status).toBe(201);

  const { context, page } = await stack.newPage();
  await signInAt(page, 'budi');
  expect(new URL(page.url()).pathname).toBe('/inbox');
  expect(await page.textContent('.who')).toContain('Budi Santoso · kpu-ntb');
  // The session cookie is HttpOnly and SameSite=Lax (Secure only over https).
  const cookie = (await context.cookies()).find((c) => c.name === 'koordinasi')!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  await eventually(async () => {
    await page.goto('/overview');
    const row = page.locator('table.overview tr', { hasText: 'KPU Kabupaten Sumbawa' });
    expect((await row.locator('td').allTextContents())[0]).toBe('1'); // IN_PROGRESS
  }, 30_000);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'overview.png'), fullPage: true });

  // Sign-out ends the session.
  await Promise.all([page.waitForURL('**/sign-in'), page.click('.who button[type=submit]')]);
  expect((await page.goto('/inbox'))?.url()).toContain('/sign-in?next=%2Finbox');
  await context.close();
});

test('an account of an organization outside the directory is refused', async () => {
  const { context, page } = await stack.newPage();
  await signInAt(page, 'stranger');
  expect(await page.textContent('main')).toContain('tidak berwenang');
  expect((await page.goto('/inbox'))?.url()).toContain('/sign-in');
  await context.close();
});
