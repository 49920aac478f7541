/**
 * The frequency floors on the pages, in a real browser: the new-request form shows a reminder
 * floor the API refuses (two reminders on the same day) as a form error beside the reminders, and
 * the new-schedule form a cron firing every 15 minutes and a range of 3,000 years beside their
 * fields, with what was typed kept and nothing created.
 */
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { devSignIn, webStackPerFile } from './support/webStack';

const web = webStackPerFile();

async function submit(page: Page, path: string): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(path) && r.request().method() === 'POST'), page.click('button[name=_action][value=submit]')]);
  await page.waitForLoadState();
  return response.status();
}

async function fillTemplate(page: Page, title: string): Promise<void> {
  await page.fill('#title', title);
  await page.fill('#description', 'Rapat koordinasi rutin dengan pemerintah kabupaten.');
  await page.selectOption('#category', 'ALIGNMENT');
  await page.check('input[name="steps[0][participants][]"][value="pemkab-sumbawa"]');
}

test('reminders closer than MIN_REMINDER_INTERVAL come back as a form error on the new-request form', async () => {
  const { page, context } = await web.stack.newPage();
  await devSignIn(page, 'kpu-sumbawa', { next: '/requests/new' });
  await fillTemplate(page, 'Pinjam pakai gudang');
  await page.fill('#s0-days', '5');
  await page.click('details.reminders summary');
  await page.fill('#s0-before', '1, 1');
  expect(await submit(page, '/requests')).toBe(400);
  expect(await page.textContent('#steps-0-reminders-errors')).toContain('MIN_REMINDER_INTERVAL');
  expect(await page.isVisible('#steps-0-reminders-errors')).toBe(true);
  expect(await page.inputValue('#s0-before')).toBe('1, 1');
  expect(await page.inputValue('#title')).toBe('Pinjam pakai gudang');
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
}, 120_000);

test('a cron every 15 minutes and a 3,000-year range come back as form errors on the new-schedule form', async () => {
  const { page, context } = await web.stack.newPage();
  await devSignIn(page, 'kpu-sumbawa', { next: '/schedules/new' });
  await fillTemplate(page, 'Rekonsiliasi data');
  await page.check('input[name=repeat][value=cron]');
  await page.fill('#cron', '*/15 * * * *');
  expect(await submit(page, '/schedules')).toBe(400);
  expect(await page.textContent('#recurrence-errors')).toContain('15 minutes apart');
  expect(await page.textContent('#recurrence-errors')).toContain('MIN_SCHEDULE_INTERVAL');
  expect(await page.inputValue('#cron')).toBe('*/15 * * * *');

  await page.fill('#cron', '0 9 1 * *');
  const start = await page.inputValue('#startDate');
  await page.fill('#endDate', `${Number(start.slice(0, 4)) + 3000}${start.slice(4)}`);
  expect(await submit(page, '/schedules')).toBe(400);
  expect(await page.textContent('#endDate-errors')).toContain('at most 5 years after the first day');
  expect(await page.$('#recurrence-errors')).toBeNull();
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
}, 120_000);
