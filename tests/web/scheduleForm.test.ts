/**
 * The new-schedule form in a real browser: a requester creates a monthly schedule and finds it on
 * /schedules with its next run, the API shows the same template, and a second submit of the same
 * form finds it (other values: a conflict); bad input (a cron that is not one, a fixed-date
 * deadline, an end before the start) comes back as form errors with everything typed kept and no
 * schedule made; a visitor through an email link does not get the form.
 */
import type { Page } from 'playwright-core';
import request from 'supertest';
import { scheduleIdFor } from '../../src/api/schedules/createSchedule';
import { bearer, createBody } from '../support/apiHarness';
import { seriousViolations, shot } from './support/axe';
import { devSignIn, linkIn, mailTo, openLink, webStackPerFile, WEB_SECRET } from './support/webStack';

const web = webStackPerFile();
const api = async (path: string) => request(web.stack.app).get(path).set('Authorization', await bearer('kpu-sumbawa', { secret: WEB_SECRET }));

/** The template part every test fills the same way: one step, Pemkab Sumbawa, 5 working days. */
async function fillTemplate(page: Page, title: string): Promise<void> {
  await page.fill('#title', title);
  await page.fill('#description', 'Rapat koordinasi rutin dengan pemerintah kabupaten.');
  await page.selectOption('#category', 'ALIGNMENT');
  await page.check('input[name="steps[0][participants][]"][value="pemkab-sumbawa"]');
}

/** Submit and wait for the answer (status of the POST itself, not of a redirect's target). */
async function submit(page: Page): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/schedules') && r.request().method() === 'POST'), page.click('button[name=_action][value=submit]')]);
  await page.waitForLoadState();
  return response.status();
}

test('a requester creates a monthly schedule from the form; it shows on /schedules and in the API; a second submit finds it', async () => {
  const { page, context } = await web.stack.newPage();
  await devSignIn(page, 'kpu-sumbawa');
  await page.goto('/schedules');
  await Promise.all([page.waitForURL(/\/schedules\/new$/), page.click('a[href="/schedules/new"]')]);
  expect(await page.textContent('.recurrence-form')).toContain('Asia/Makassar');
  await shot(page, 'schedule-form');
  await page.goto('/schedules/new?lang=en');
  expect(await page.textContent('.recurrence-form')).toContain("Times are read in your organization's time zone: Asia/Makassar (WITA).");
  expect(await page.textContent('h1')).toBe('New recurring schedule');
  await page.goto('/schedules/new?lang=id');
  const phone = await web.stack.newPage({ phone: true });
  await devSignIn(phone.page, 'kpu-sumbawa', { next: '/schedules/new' });
  await shot(phone.page, 'schedule-form-phone');
  await phone.context.close();

  await fillTemplate(page, 'Rapat koordinasi bulanan Pemda');
  await page.check('input[name=repeat][value=monthly]');
  await page.selectOption('#dayOfMonth', '3');
  await page.fill('#time', '10:30');
  await page.fill('#note', 'rakor bulanan');
  await shot(page, 'new-schedule');
  const key = await page.inputValue('input[name=_key]');
  // What the browser sends, to send it again below.
  const sent = await page.evaluate(() => new URLSearchParams(new FormData(document.querySelector('form.create') as HTMLFormElement) as unknown as Record<string, string>).toString());
  expect(await submit(page)).toBe(303);

  const id = scheduleIdFor('kpu-sumbawa', key);
  expect(new URL(page.url()).pathname).toBe('/schedules');
  const row = `tr[id="${id}"]`;
  expect(await page.textContent(row)).toContain('Rapat koordinasi bulanan Pemda');
  expect(await page.textContent(row)).toContain('setiap bulan tanggal 3 pukul 10.30 · cron "30 10 3 * *", zona Asia/Makassar');
  expect(await page.textContent(row)).toContain('melewati hari libur');
  expect(await page.getAttribute(`${row} td time`, 'datetime')).toMatch(/^\d{4}-\d{2}-03T02:30:00/);
  expect(await page.textContent('.notice-info')).toContain('Jadwal dibuat');
  await shot(page, 'schedules');

  const got = await api(`/v1/coordination-schedules/${id}`);
  expect(got.status).toBe(200);
  expect(got.body).toMatchObject({
    requester: 'kpu-sumbawa',
    title: 'Rapat koordinasi bulanan Pemda',
    recurrence: { cron: '30 10 3 * *' },
    timeZone: 'Asia/Makassar',
    skipHolidays: true,
    paused: false,
    note: 'rakor bulanan',
    template: {
      title: 'Rapat koordinasi bulanan Pemda',
      description: 'Rapat koordinasi rutin dengan pemerintah kabupaten.',
      category: 'ALIGNMENT',
      tembusan: [],
      steps: [{ participants: ['pemkab-sumbawa'], policy: { type: 'ALL' }, deadline: { kind: 'WORKING_DAYS', days: 5 } }],
    },
  });
  expect(got.body.nextRuns.length).toBeGreaterThan(0);
  expect(got.body.nextRuns[0]).toMatch(/-03T02:30:00/);

  // The same form again (a double submit): the same schedule; with other values: a conflict and a new key.
  const post = (body: string) => context.request.post('/schedules', { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: web.stack.baseUrl }, data: body, maxRedirects: 0 });
  const again = await post(sent);
  expect(again.status()).toBe(303);
  expect(again.headers().location).toBe(`/schedules?created=${id}#${id}`);
  const changed = await post(sent.replace('rakor+bulanan', 'rakor+lain'));
  expect(changed.status()).toBe(409);
  const html = await changed.text();
  expect(html).toContain('Tindakan ini tidak dapat dilakukan sekarang.');
  expect(html).not.toContain(`value="${key}"`);
  expect(html).toContain('value="rakor lain"');
  await context.close();
}, 120_000);

test('a bad cron, a fixed-date deadline and an end before the start come back as form errors, nothing typed lost, no schedule made', async () => {
  const { page, context } = await web.stack.newPage();
  await devSignIn(page, 'kpu-sumbawa', { next: '/schedules/new' });
  await fillTemplate(page, 'Rekonsiliasi data mingguan');
  const key = await page.inputValue('input[name=_key]');

  await page.check('input[name=repeat][value=cron]');
  await page.fill('#cron', 'setiap senin');
  expect(await submit(page)).toBe(400);
  expect(await page.textContent('#recurrence-errors')).toContain('five cron fields');
  expect(await page.inputValue('#cron')).toBe('setiap senin');
  expect(await page.inputValue('#title')).toBe('Rekonsiliasi data mingguan');
  expect(await page.isChecked('input[name="steps[0][participants][]"][value="pemkab-sumbawa"]')).toBe(true);
  expect(await page.inputValue('input[name=_key]')).toBe(key);
  expect(await seriousViolations(page)).toEqual([]);

  // Weekly on Monday instead, but with a fixed date as the deadline: the API's refusal.
  await page.check('input[name=repeat][value=weekly]');
  await page.selectOption('#weekday', '1');
  await page.check('input[name="steps[0][deadlineKind]"][value=AT]');
  const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.fill('#s0-at', `${inAMonth}T10:00`);
  expect(await submit(page)).toBe(400);
  expect(await page.textContent('#steps-0-deadline-errors')).toContain('relative deadline');
  expect(await page.isChecked('input[name=repeat][value=weekly]')).toBe(true);
  expect(await page.inputValue('#s0-at')).toBe(`${inAMonth}T10:00`);
  expect(await page.$('#recurrence-errors')).toBeNull();

  // A relative deadline (hours), but an end date before the start (dates of next year: always ahead).
  const year = new Date().getUTCFullYear() + 1;
  await page.check('input[name="steps[0][deadlineKind]"][value=DURATION]');
  await page.fill('#s0-hours', '72');
  await page.fill('#startDate', `${year}-03-10`);
  await page.fill('#endDate', `${year}-03-01`);
  expect(await submit(page)).toBe(400);
  expect(await page.textContent('#endDate-errors')).toContain('before startDate');
  expect(await page.getAttribute('#endDate', 'aria-invalid')).toBe('true');
  expect(await page.inputValue('#startDate')).toBe(`${year}-03-10`);
  expect(await page.inputValue('#endDate')).toBe(`${year}-03-01`);
  expect(await page.isChecked('input[name="steps[0][deadlineKind]"][value=DURATION]')).toBe(true);
  expect(await page.inputValue('#s0-hours')).toBe('72');
  expect(await page.$('#steps-0-deadline-errors')).toBeNull();

  expect((await api(`/v1/coordination-schedules/${scheduleIdFor('kpu-sumbawa', key)}`)).status).toBe(404);

  // Fixed, and a second step due five working days before the voter list is fixed: created.
  await page.fill('#endDate', `${year}-12-31`);
  await Promise.all([page.waitForSelector('#s1-name'), page.click('button[name=_action][value=add]')]);
  expect(await page.inputValue('#endDate')).toBe(`${year}-12-31`);
  await page.check('input[name="steps[1][participants][]"][value="bawaslu-sumbawa"]');
  await page.check('input[name="steps[1][deadlineKind]"][value=STAGE]');
  await page.selectOption('#s1-stage', 'penetapan-dpt');
  await page.fill('#s1-offset', '-5');
  expect(await submit(page)).toBe(303);
  const got = await api(`/v1/coordination-schedules/${scheduleIdFor('kpu-sumbawa', key)}`);
  expect(got.body).toMatchObject({
    recurrence: { cron: '0 9 * * 1' },
    startDate: `${year}-03-10`,
    endDate: `${year}-12-31`,
    template: {
      steps: [
        { participants: ['pemkab-sumbawa'], deadline: { kind: 'DURATION', duration: 'PT72H' } },
        { participants: ['bawaslu-sumbawa'], deadline: { kind: 'STAGE', stage: 'penetapan-dpt', offsetWorkingDays: -5 } },
      ],
    },
  });
  await context.close();
}, 120_000);

test('a visitor through an email link, or nobody signed in, does not get the form', async () => {
  const created = await request(web.stack.app)
    .post('/v1/coordination-requests')
    .set('Authorization', await bearer('kpu-sumbawa', { secret: WEB_SECRET }))
    .send(createBody({ title: 'Permohonan untuk tautan', steps: [{ participants: ['pemkab-sumbawa'], deadline: { kind: 'WORKING_DAYS', days: 5 } }] }));
  expect(created.status).toBe(201);
  const mail = await mailTo(web.stack.smtp, 'kesbangpol@pemkab-sumbawa.example', new RegExp(created.body.id as string));

  const { page, context } = await web.stack.newPage();
  await openLink(page, linkIn(mail, web.stack.baseUrl));
  expect(new URL(page.url()).pathname).toBe(`/requests/${created.body.id as string}`);
  await page.goto('/schedules/new');
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  expect(await page.$('form[action="/schedules"]')).toBeNull();
  const posted = await context.request.post('/schedules', { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: web.stack.baseUrl }, data: 'title=x', maxRedirects: 0 });
  expect(posted.status()).toBe(303);
  expect(posted.headers().location).toMatch(/^\/sign-in/);
  await context.close();
}, 120_000);
