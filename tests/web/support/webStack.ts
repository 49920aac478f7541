/**
 * The whole system for page tests: a Temporal dev server, a worker with the REAL notification
 * activities sending to a loopback SMTP catcher, the HTTP app (API + pages) listening on a free
 * loopback port, and Debian's Chromium driven by playwright-core (CHROMIUM_PATH, default
 * /usr/bin/chromium). Links in the mails point at this server (PUBLIC_BASE_URL).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Express } from 'express';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Config } from '../../../src/config';
import type { RecordsDb } from '../../../src/records/database';
import { createHttpApp } from '../../../src/server';
import { closeMailTransports } from '../../../activities/notifications/deliver';
import { startRealWorker } from '../../notifications/support/harness';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from '../../notifications/support/mail';
import { devServerEnv } from '../../support/temporalEnv';
import request from 'supertest';
import { bearer, createBody } from '../../support/apiHarness';
import { directory, eventually, testConfig } from '../../support/workflowHarness';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', '..', 'test-results', 'screenshots');
export const WEB_SECRET = 'web-test-secret-0123456789abcdef0123456789';

export interface WebStack {
  baseUrl: string;
  /** The HTTP app itself (API + pages), for supertest calls beside the browser. */
  app: Express;
  env: TestWorkflowEnvironment;
  /** The records store the worker writes and the app reads. */
  records: RecordsDb;
  smtp: SmtpCatcher;
  config: Config;
  browser: Browser;
  /** A fresh browser profile (own cookies), phone-sized when asked. */
  newPage(opts?: { phone?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
  stop(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** `overrides` may depend on the address the pages will have (e.g. an OpenID client's redirect URI). */
export async function startWebStack(
  overrides: Record<string, string> | ((baseUrl: string) => Promise<Record<string, string>>) = {},
  opts: { logger?: Logger } = {},
): Promise<WebStack> {
  const env = await devServerEnv();
  const smtp = await startSmtpCatcher();
  const server = createServer();
  const port = await listen(server);
  const baseUrl = `http://127.0.0.1:${port}`;
  const extra = typeof overrides === 'function' ? await overrides(baseUrl) : overrides;
  const base = testConfig({ WEB_SECRET, JWT_SECRET: WEB_SECRET, SMTP_URL: smtp.url, PUBLIC_BASE_URL: baseUrl, TEMPORAL_NAMESPACE: env.namespace ?? 'default', ...extra });
  const worker = await startRealWorker(env, { config: base, directory });
  const config = { ...base, TEMPORAL_TASK_QUEUE: worker.taskQueue };
  const app = createHttpApp({ config, directory, client: env.client, logger: opts.logger ?? pino({ level: 'silent' }), records: worker.records });
  server.on('request', app);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    baseUrl,
    app,
    env,
    records: worker.records,
    smtp,
    config,
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({ baseURL: baseUrl, ...(opts.phone ? { viewport: { width: 375, height: 740 }, isMobile: true } : { viewport: { width: 1280, height: 900 } }) });
      context.setDefaultTimeout(20_000);
      return { context, page: await context.newPage() };
    },
    async stop() {
      await browser.close().catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      closeMailTransports();
      await smtp.stop();
      await env.teardown();
    },
  };
}

/** Development sign-in as an organization (and back to `next`). */
export async function devSignIn(page: Page, org: string, opts: { name?: string; admin?: boolean; next?: string } = {}): Promise<void> {
  await page.goto(`/sign-in${opts.next ? `?next=${encodeURIComponent(opts.next)}` : ''}`);
  await page.selectOption('#dev-org', org);
  if (opts.admin) await page.check('input[name=role][value=admin]');
  if (opts.name) await page.fill('#dev-name', opts.name);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/sign-in')), page.click('form.dev button[type=submit]')]);
}

/** Opens an email link as its recipient does: the link's page, then its button (only that adds the link to the session). */
export async function openLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/requests/')), page.click('form.link-confirm button[type=submit]')]);
}

/** A request from KPU Kabupaten Sumbawa to Pemkab Sumbawa (due in three days), and the personal link its mail carries. */
export async function requestWithLink(stack: WebStack): Promise<{ id: string; link: string }> {
  const res = await request(stack.app)
    .post('/v1/coordination-requests')
    .set('Authorization', await bearer('kpu-sumbawa', { secret: WEB_SECRET }))
    .send(createBody({ steps: [{ participants: ['pemkab-sumbawa'], deadline: { kind: 'DURATION', duration: 'P3D' } }] }));
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.id as string;
  return { id, link: linkIn(await mailTo(stack.smtp, 'kesbangpol@pemkab-sumbawa.example', new RegExp(id)), stack.baseUrl) };
}

/** The first mail to `address` whose subject matches, once it has arrived. */
export function mailTo(smtp: SmtpCatcher, address: string, subject: RegExp, timeoutMs = 30_000): Promise<CaughtMail> {
  return eventually(() => {
    const m = smtp.mails.find((x) => x.envelope.to.includes(address) && subject.test(x.subject));
    if (!m) throw new Error(`no mail to ${address} matching ${subject} yet (${smtp.mails.length} mails)`);
    return m;
  }, timeoutMs);
}

/** The link in a mail's text part that leads to the web app. */
export function linkIn(mail: CaughtMail, baseUrl: string): string {
  const found = (mail.text ?? '').match(new RegExp(`${baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\S+`));
  if (!found) throw new Error(`no link to ${baseUrl} in mail "${mail.subject}"`);
  return found[0];
}

/** One stack for a test file: started before its tests, stopped after them. */
export function webStackPerFile(overrides: Record<string, string> = {}): { readonly stack: WebStack } {
  let stack: WebStack | undefined;
  beforeAll(async () => {
    stack = await startWebStack(overrides);
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });
  return {
    get stack(): WebStack {
      if (!stack) throw new Error('the web stack has not started (used outside a test?)');
      return stack;
    },
  };
}
