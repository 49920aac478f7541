/**
 * The schedules page in a real browser: a requester sees its coordination schedule with the next
 * run, pauses and resumes it; an ancestor sees it without the buttons; a request the schedule
 * started links back to it on its page.
 */
import request from 'supertest';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { scheduleIdFor } from '../../src/domain/occurrence';
import { bearer, createBody } from '../support/apiHarness';
import { eventually } from '../support/workflowHarness';
import { seriousViolations } from './support/axe';
import { devSignIn, webStackPerFile, WEB_SECRET } from './support/webStack';

const web = webStackPerFile();

test('the schedules page lists, pauses and resumes; a started request links back to its schedule', async () => {
  const created = await request(web.stack.app)
    .post('/v1/coordination-schedules')
    .set('Authorization', await bearer('kpu-sumbawa', { secret: WEB_SECRET }))
    .send({ template: createBody({ title: 'Rapat koordinasi bulanan', steps: [{ participants: ['pemkab-sumbawa'], deadline: { kind: 'WORKING_DAYS', days: 5 } }] }), recurrence: { cron: '0 9 1 * *' }, startDate: '2026-01-01', skipHolidays: true });
  expect(created.status).toBe(201);
  const id = created.body.id as string;

  const requester = await web.stack.newPage();
  await devSignIn(requester.page, 'kpu-sumbawa');
  await eventually(async () => {
    await requester.page.goto('/schedules');
    expect(await requester.page.textContent(`tr[id="${id}"]`)).toContain('Rapat koordinasi bulanan');
  }, 30_000);
  const row = `tr[id="${id}"]`;
  expect(await requester.page.textContent(row)).toContain('cron "0 9 1 * *"');
  expect(await requester.page.textContent(row)).toContain('melewati hari libur');
  expect(await seriousViolations(requester.page)).toEqual([]);

  await Promise.all([requester.page.waitForURL(/\/schedules$/), requester.page.click(`${row} form[action$="/pause"] button`)]);
  await eventually(async () => {
    await requester.page.goto('/schedules');
    expect(await requester.page.textContent(row)).toContain('Dijeda');
  }, 30_000);
  await Promise.all([requester.page.waitForURL(/\/schedules$/), requester.page.click(`${row} form[action$="/resume"] button`)]);
  await eventually(async () => {
    await requester.page.goto('/schedules');
    expect(await requester.page.textContent(row)).toContain('Berjalan');
  }, 30_000);

  // The national secretariat above sees it, without the buttons.
  const ancestor = await web.stack.newPage();
  await devSignIn(ancestor.page, 'kpu-ri');
  await ancestor.page.goto('/schedules');
  expect(await ancestor.page.textContent(row)).toContain('Rapat koordinasi bulanan');
  expect(await ancestor.page.$(`${row} form`)).toBeNull();

  // One occurrence now: its request shows where it came from.
  // One occurrence, on a day known to be a working day (a trigger now would be skipped on a holiday).
  await web.stack.env.client.schedule.getHandle(scheduleIdFor(id)).backfill({ start: new Date('2026-09-01T00:00:00+08:00'), end: new Date('2026-09-01T23:59:59+08:00'), overlap: ScheduleOverlapPolicy.ALLOW_ALL });
  const requestId = await eventually(async () => {
    const list = await request(web.stack.app).get('/v1/coordination-requests?q=koordinasi%20bulanan').set('Authorization', await bearer('kpu-sumbawa', { secret: WEB_SECRET }));
    expect(list.body.items.length).toBe(1);
    return list.body.items[0].id as string;
  }, 60_000);
  await requester.page.goto(`/requests/${requestId}`);
  expect(await requester.page.textContent('.schedule-link')).toContain('Dimulai oleh jadwal rutin');
  expect(await requester.page.getAttribute('.schedule-link a', 'href')).toBe(`/schedules#${id}`);
  await requester.context.close();
  await ancestor.context.close();
});
