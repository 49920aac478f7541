/**
 * Recurring coordination on Temporal Schedules, against the real dev server (the time-skipping
 * test server implements no Schedules) with a real worker and records store.
 *
 * "Four simulated months": the schedule (monthly, 1st at 09:00 in the requester's zone WITA,
 * holidays skipped, its first day eleven months before today) is backfilled over its first four
 * months, a range already past: Temporal's scheduler takes the actions of that range at once, as
 * if the time had passed, each occurrence workflow carrying its nominal time
 * (TemporalScheduledStartTime). A 1st that is a holiday (Tahun Baru, Hari Buruh, Hari Lahir
 * Pancasila) is skipped by the schedule's holiday list; every other 1st starts a request. No date
 * is written here: the suite runs on any day (npm run test:dates).
 */
import request from 'supertest';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { sql } from 'kysely';
import { createWorkingCalendar, fromLocal, nextDate, toLocal } from '../../src/domain/calendar';
import { scheduleIdFor } from '../../src/domain/occurrence';
import { bearer, createBody, eventually, startApiEnv, type ApiEnv } from '../support/apiHarness';

let api: ApiEnv;
beforeAll(async () => {
  api = await startApiEnv();
});
afterAll(async () => {
  await api?.stop();
});

const BASE = '/v1/coordination-schedules';
/**
 * The 1st of the month eleven months before today (WITA): always in the past and within the year
 * back that a schedule's first day may lie, whatever day the suite runs on.
 */
const FIRST_DAY = (() => {
  const [y, m] = toLocal(Date.now(), 'Asia/Makassar').date.split('-').map(Number);
  const back = new Date(Date.UTC(y, m - 1 - 11, 1));
  return back.toISOString().slice(0, 10);
})();
const monthly = (overrides: Record<string, unknown> = {}) => ({
  template: createBody({ steps: [{ participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'], deadline: { kind: 'WORKING_DAYS', days: 5 } }] }),
  recurrence: { cron: '0 9 1 * *' },
  startDate: FIRST_DAY,
  skipHolidays: true,
  ...overrides,
});
const as = (org: string, roles?: string[]) => bearer(org, roles ? { roles } : {});

/**
 * The first "1st of the month, 09:00 WITA" after an instant that is not a holiday or cuti bersama
 * day: the rule of `monthly()`, computed from the clock that judges it (the Temporal server's).
 */
function nextMonthlyRun(afterMs: number): string {
  const calendar = createWorkingCalendar({ jointLeaveDays: api.config.CUTI_BERSAMA, workStart: api.config.WORKING_HOURS_START, workEnd: api.config.WORKING_HOURS_END });
  const zone = 'Asia/Makassar';
  for (let day = toLocal(afterMs, zone).date; ; day = nextDate(day)) {
    const at = fromLocal(day, 9 * 60, zone);
    const dayOff = calendar.dayOff(day);
    if (day.endsWith('-01') && at > afterMs && (dayOff === null || dayOff === 'weekend')) return new Date(at).toISOString();
  }
}

async function create(body: object = monthly(), org = 'kpu-sumbawa'): Promise<string> {
  const res = await request(api.app).post(BASE).set('Authorization', await as(org)).send(body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

test('a monthly schedule backfilled over four past months starts a request on each 1st that is no holiday, each linked back', async () => {
  const res = await request(api.app).post(BASE).set('Authorization', await as('kpu-sumbawa')).send(monthly());
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  expect(id).toMatch(/^sc-[0-9a-f]{32}$/);
  expect(res.headers.location).toBe(`${BASE}/${id}`);
  expect(res.body).toMatchObject({ requester: 'kpu-sumbawa', timeZone: 'Asia/Makassar', recurrence: { cron: '0 9 1 * *' }, skipHolidays: true, paused: false });
  expect(res.body.skippedDays).toBeGreaterThan(10);
  // The next run: the coming 1st of a month, 09:00 WITA, that is no holiday, from the server's own
  // clock (the instant it created the schedule), not from a date written here.
  const { info } = await api.env.client.schedule.getHandle(scheduleIdFor(id)).describe();
  expect(res.body.nextRuns[0]).toBe(nextMonthlyRun(info.createdAt.getTime()));

  // Four months from the first day, all past: each 1st that is no holiday starts a request.
  const backfillFrom = fromLocal(FIRST_DAY, 0, 'Asia/Makassar');
  const [fy, fm] = FIRST_DAY.split('-').map(Number);
  const backfillTo = fromLocal(new Date(Date.UTC(fy, fm - 1 + 4, 1)).toISOString().slice(0, 10), 0, 'Asia/Makassar') - 1000;
  const expected: string[] = [];
  for (let at = nextMonthlyRun(backfillFrom - 1); Date.parse(at) <= backfillTo; at = nextMonthlyRun(Date.parse(at))) expected.push(at);
  expect(expected.length).toBeGreaterThanOrEqual(2);
  await api.env.client.schedule.getHandle(scheduleIdFor(id)).backfill({
    start: new Date(backfillFrom),
    end: new Date(backfillTo),
    overlap: ScheduleOverlapPolicy.ALLOW_ALL,
  });
  const rows = await eventually(async () => {
    const found = await api.worker.records
      .selectFrom('requests')
      .select(['id', sql<string>`state -> 'schedule' ->> 'scheduledAt'`.as('scheduledAt')])
      .where(sql<boolean>`state -> 'schedule' ->> 'id' = ${id}`)
      .orderBy('scheduledAt')
      .execute();
    expect(found).toHaveLength(expected.length);
    return found;
  }, 60_000);
  expect(rows.map((r) => r.scheduledAt)).toEqual(expected);
  expect(new Set(rows.map((r) => r.id)).size).toBe(expected.length);
  for (const row of rows) {
    expect(row.id).toMatch(/^rq-[0-9a-f]{32}$/);
    const got = await request(api.app).get(`/v1/coordination-requests/${row.id}`).set('Authorization', await as('pemkab-sumbawa'));
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ requester: 'kpu-sumbawa', status: 'IN_PROGRESS', schedule: { id, scheduledAt: row.scheduledAt }, createdBy: { org: 'kpu-sumbawa' } });
  }
  const described = await request(api.app).get(`${BASE}/${id}`).set('Authorization', await as('kpu-sumbawa'));
  expect(described.body.recentRuns.map((r: { scheduledAt: string }) => r.scheduledAt)).toEqual(rows.map((r) => r.scheduledAt));
  expect(described.body.template).toMatchObject({ title: 'Fasilitasi gudang logistik Pilkada', requester: 'kpu-sumbawa' });
  // Each occurrence also checks its own day (a cuti bersama day added later: tests/workflow/scheduledRequest.test.ts).
  const action = (await api.env.client.schedule.getHandle(scheduleIdFor(id)).describe()).action;
  expect(action.type === 'startWorkflow' && action.args?.[0]).toMatchObject({ scheduleId: id, skipHolidaysIn: 'Asia/Makassar' });
});

test('the next runs follow the rule from the first day on, whatever today is', async () => {
  // A first day some weeks after this process's today: under `npm run test:dates` (a faked Date,
  // years after the machine's) a next run written into the test as a date would fail at once.
  const firstDay = toLocal(Date.now() + 45 * 86_400_000, 'Asia/Makassar').date;
  const id = await create(monthly({ startDate: firstDay }));
  const described = await request(api.app).get(`${BASE}/${id}`).set('Authorization', await as('kpu-sumbawa'));
  const { info } = await api.env.client.schedule.getHandle(scheduleIdFor(id)).describe();
  const from = Math.max(info.createdAt.getTime(), fromLocal(firstDay, 0, 'Asia/Makassar') - 1);
  expect(described.body.startDate).toBe(firstDay);
  expect(described.body.nextRuns[0]).toBe(nextMonthlyRun(from));
  expect(described.body.nextRuns[1]).toBe(nextMonthlyRun(Date.parse(described.body.nextRuns[0])));
});

test('pause and resume; the list is scoped like requests; only the requester or an admin manages it', async () => {
  const id = await create(monthly({ recurrence: { every: 'P7D' }, skipHolidays: false, note: 'Rekonsiliasi data mingguan' }));
  const paused = await request(api.app).post(`${BASE}/${id}/pause`).set('Authorization', await as('kpu-sumbawa')).send({ note: 'Libur panjang' });
  expect(paused.status).toBe(200);
  expect(paused.body).toMatchObject({ paused: true, note: 'Libur panjang' });
  const resumed = await request(api.app).post(`${BASE}/${id}/resume`).set('Authorization', await as('dkpp', ['staff', 'admin']));
  expect([resumed.status, resumed.body.paused]).toEqual([200, false]);

  const listed = async (org: string, roles?: string[]) => {
    const res = await request(api.app).get(BASE).set('Authorization', await as(org, roles));
    expect(res.status).toBe(200);
    return res.body.items.map((s: { id: string }) => s.id) as string[];
  };
  await eventually(async () => expect(await listed('kpu-sumbawa')).toContain(id), 30_000);
  expect(await listed('kpu-ri')).toContain(id); // an ancestor sees what is under it
  expect(await listed('dkpp', ['staff', 'admin'])).toContain(id);
  expect(await listed('kpu-sulbar')).not.toContain(id);
  expect(await listed('pemkab-sumbawa')).not.toContain(id);

  expect((await request(api.app).post(`${BASE}/${id}/pause`).set('Authorization', await as('kpu-ri'))).status).toBe(403);
  expect((await request(api.app).delete(`${BASE}/${id}`).set('Authorization', await as('kpu-sulbar'))).status).toBe(404);
  expect((await request(api.app).delete(`${BASE}/${id}`).set('Authorization', await as('kpu-sumbawa'))).status).toBe(204);
  expect((await request(api.app).get(`${BASE}/${id}`).set('Authorization', await as('kpu-sumbawa'))).status).toBe(404);
});

test('Idempotency-Key: the same body is the same schedule (200), another body a 409', async () => {
  const auth = await as('kpu-sumbawa');
  const key = `sched-${Date.now()}`;
  const first = await request(api.app).post(BASE).set('Authorization', auth).set('Idempotency-Key', key).send(monthly());
  const again = await request(api.app).post(BASE).set('Authorization', auth).set('Idempotency-Key', key).send(monthly());
  const other = await request(api.app).post(BASE).set('Authorization', auth).set('Idempotency-Key', key).send(monthly({ recurrence: { cron: '0 9 15 * *' } }));
  expect([first.status, again.status, other.status]).toEqual([201, 200, 409]);
  expect(again.body.id).toBe(first.body.id);
});

describe('bad input: 400 naming the field, nothing created', () => {
  test.each([
    ['an AT deadline in the template', monthly({ template: createBody({ steps: [{ participants: ['pemkab-sumbawa'], deadline: { kind: 'AT', at: '2027-01-01T00:00:00Z' } }] }) }), 'template.steps[0].deadline.kind'],
    ['an unknown participant', monthly({ template: createBody({ steps: [{ participants: ['pemkab-atlantis'], deadline: { kind: 'DURATION', duration: 'P3D' } }] }) }), 'template.steps[0].participants[0]'],
    ['a template id', monthly({ template: { ...createBody(), id: 'x' } }), 'template.id'],
    ['attachments in the template', monthly({ template: createBody({ attachments: ['att-0123456789abcdef0123456789abcdef'] }) }), 'template.attachments'],
    ['a cron with four fields', monthly({ recurrence: { cron: '0 9 1 *' } }), 'recurrence.cron'],
    ['a cron with a time zone of its own', monthly({ recurrence: { cron: 'TZ=UTC 0 9 1 * *' } }), 'recurrence.cron'],
    ['an interval under an hour', monthly({ recurrence: { every: 'PT5M' } }), 'recurrence.every'],
    ['cron and interval together', monthly({ recurrence: { cron: '0 9 1 * *', every: 'P7D' } }), 'recurrence'],
    ['an end before the start', monthly({ endDate: '2025-12-31' }), 'endDate'],
    ['an end in the past', monthly({ endDate: FIRST_DAY.replace(/-01$/, '-02') }), 'endDate'],
    ['a date that is not one', monthly({ startDate: '2026-02-30' }), 'startDate'],
    ['an unknown field', monthly({ holidays: true }), 'holidays'],
  ])('%s', async (_what, body, field) => {
    const res = await request(api.app).post(BASE).set('Authorization', await as('kpu-sumbawa')).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  test('a cron value out of range is refused by Temporal, answered as a 400', async () => {
    const res = await request(api.app).post(BASE).set('Authorization', await as('kpu-sumbawa')).send(monthly({ recurrence: { cron: '61 9 1 * *' } }));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('recurrence');
  });

  test('a malformed schedule id is a 400; an unknown one a 404; no token a 401', async () => {
    const auth = await as('kpu-sumbawa');
    expect((await request(api.app).get(`${BASE}/not-an-id`).set('Authorization', auth)).status).toBe(400);
    expect((await request(api.app).get(`${BASE}/sc-${'0'.repeat(32)}`).set('Authorization', auth)).status).toBe(404);
    expect((await request(api.app).post(`${BASE}/sc-${'0'.repeat(32)}/pause`).set('Authorization', auth)).status).toBe(404);
    expect((await request(api.app).get(BASE)).status).toBe(401);
  });
});
