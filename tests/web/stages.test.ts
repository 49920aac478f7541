/**
 * The election schedule page in a real browser: everyone signed in sees the stages as the file
 * says now; an admin, after the file moved a stage, applies the new date to the open requests and
 * reads what happened to each (the request's deadline moved); staff get no button, and a forged
 * post is refused.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createWorkingCalendar, toLocal } from '../../src/domain/calendar';
import { openRequestsUsingStage } from '../../src/records/stageUsers';
import { bearer, createBody } from '../support/apiHarness';
import { eventually } from '../support/workflowHarness';
import { seriousViolations, shot } from './support/axe';
import { devSignIn, webStackPerFile, WEB_SECRET } from './support/webStack';

const DAY = 24 * 3600_000;
const WITA = 'Asia/Makassar';
const calendar = createWorkingCalendar({ jointLeaveDays: [], workStart: '08:00', workEnd: '16:00' });
const file = path.join(mkdtempSync(path.join(tmpdir(), 'stages-web-')), 'stages.json');
const writeStages = (dpt: string) =>
  writeFileSync(file, JSON.stringify({ stages: [{ id: 'penetapan-dpt', name: 'Penetapan DPT', date: dpt }, { id: 'pemungutan-suara', name: 'Pemungutan suara', date: '2027-08-25' }] }));
const firstDate = toLocal(Date.now() + 30 * DAY, WITA).date;
writeStages(firstDate);

const web = webStackPerFile({ STAGES_PATH: file });

test('an admin applies a moved stage date to the open requests; staff only read the schedule', async () => {
  const auth = await bearer('kpu-sumbawa', { secret: WEB_SECRET });
  const created = await request(web.stack.app)
    .post('/v1/coordination-requests')
    .set('Authorization', auth)
    .send(createBody({ title: 'Verifikasi lokasi TPS', steps: [{ participants: ['pemkab-sumbawa'], deadline: { kind: 'STAGE', stage: 'penetapan-dpt', offsetWorkingDays: -5 } }] }));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await eventually(async () => expect(await openRequestsUsingStage(web.stack.records, 'penetapan-dpt')).toContain(id), 30_000);

  // Staff: the schedule, no action.
  const staff = await web.stack.newPage();
  await devSignIn(staff.page, 'kpu-sumbawa');
  await staff.page.goto('/stages');
  expect(await staff.page.textContent('#stage-penetapan-dpt')).toContain(firstDate);
  expect(await staff.page.$('#stage-penetapan-dpt form')).toBeNull();
  expect(await seriousViolations(staff.page)).toEqual([]);
  // A post made by hand (with the page's own CSRF token) is refused all the same.
  const forged = await staff.page.evaluate(async () => {
    const token = (document.querySelector('input[name=_csrf]') as HTMLInputElement).value;
    const res = await fetch('/stages/penetapan-dpt/re-resolve', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(token)}` });
    return res.status;
  });
  expect(forged).toBe(403);

  // KPU moves the voter-list determination two weeks later; the page shows the file as it is now.
  const moved = toLocal(Date.now() + 44 * DAY, WITA).date;
  writeStages(moved);
  const admin = await web.stack.newPage();
  await devSignIn(admin.page, 'kpu-ri', { admin: true });
  await admin.page.goto('/stages');
  expect(await admin.page.textContent('#stage-penetapan-dpt')).toContain(moved);
  expect(await seriousViolations(admin.page)).toEqual([]);
  await Promise.all([admin.page.waitForLoadState('load'), admin.page.click('#stage-penetapan-dpt form button')]);
  await admin.page.waitForSelector('.stage-report');
  expect(await admin.page.textContent('.stage-report')).toContain('1 permohonan berjalan memakai tahapan ini: 1 tenggat berubah, 0 tetap, 0 gagal');
  expect(await admin.page.textContent(`#outcome-${id}`)).toContain('tenggat berubah');
  expect(await admin.page.getAttribute(`#outcome-${id} a`, 'href')).toBe(`/requests/${id}`);
  await shot(admin.page, 'stages-report');

  const state = await request(web.stack.app).get(`/v1/coordination-requests/${id}`).set('Authorization', auth);
  expect(state.body.steps[0].deadline).toBe(new Date(calendar.closeOfWorkingDayFrom(moved, -5, WITA)).toISOString());
  await staff.context.close();
  await admin.context.close();
});
