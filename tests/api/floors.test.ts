/**
 * Frequency floors and schedule limits at the API edge (docs/ARCHITECTURE.md#frequency-floors):
 * under the default settings, reminders closer than an hour, schedules firing more often than
 * hourly and schedule dates out of range are a 400 naming the field — answered before Temporal is
 * asked (the offline app has none) and never a 500. With the floor set low, as tests and demos
 * do, a request reminding seconds apart is created and reminds on the real server.
 */
import request from 'supertest';
import { bearer, createBody, eventually, offlineApp, startApiEnv, type ApiEnv } from '../support/apiHarness';

const offline = offlineApp();
let api: ApiEnv;
beforeAll(async () => {
  api = await startApiEnv();
});
afterAll(async () => {
  await offline.close();
  await api?.stop();
});

const R = '/v1/coordination-requests';
const S = '/v1/coordination-schedules';
const step = (reminders: object, duration = 'P3D') => ({ participants: ['pemkab-sumbawa'], deadline: { kind: 'DURATION', duration }, reminders });
const schedule = (overrides: Record<string, unknown> = {}) => ({
  template: createBody({ steps: [{ participants: ['pemkab-sumbawa'], deadline: { kind: 'WORKING_DAYS', days: 5 } }] }),
  recurrence: { cron: '0 9 1 * *' },
  ...overrides,
});
/** A local date `days` from now (inputs only: no assertion depends on the clock). */
const dateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const yearsLater = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

async function refused(app: typeof offline.app, url: string, body: object): Promise<Array<{ field: string; message: string }>> {
  const res = await request(app).post(url).set('Authorization', await bearer('kpu-sumbawa')).send(body);
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return res.body.errors;
}

describe('under the default floor (MIN_REMINDER_INTERVAL = PT1H)', () => {
  test.each([
    ['a repeat every second', { repeatEvery: 'PT1S' }, 'steps[0].reminders.repeatEvery', /at least one hour \(MIN_REMINDER_INTERVAL\)/],
    ['the 40-mails-in-25-seconds request of the review', { repeatEvery: 'PT1S', before: [], atDeadline: true }, 'steps[0].reminders.repeatEvery', /one hour/],
    ['before-offsets 30 minutes apart', { before: ['PT2H', 'PT90M'], atDeadline: false }, 'steps[0].reminders.before[1]', /PT2H and PT90M are closer/],
    ['a before-offset 10 minutes before the reminder at the deadline', { before: ['PT10M'], atDeadline: true, repeatEvery: null }, 'steps[0].reminders.before[0]', /before the deadline/],
  ])('%s is a 400 naming the field', async (_what, reminders, field, message) => {
    const errors = await refused(offline.app, R, createBody({ workingHours: false, steps: [step(reminders, 'PT5S')] }));
    expect(errors).toContainEqual({ in: 'body', field, message: expect.stringMatching(message) });
  });

  test('the same floor applies to a schedule’s template', async () => {
    const errors = await refused(offline.app, S, schedule({ template: createBody({ steps: [step({ repeatEvery: 'PT1M' })] }) }));
    expect(errors.map((e) => e.field)).toEqual(['template.steps[0].reminders.repeatEvery']);
  });
});

describe('schedules under the default MIN_SCHEDULE_INTERVAL (PT1H)', () => {
  test.each([
    ['* * * * *', /one minute apart/],
    ['*/5 * * * *', /5 minutes apart/],
    ['0,30 9 * * *', /30 minutes apart/],
  ])('cron %s is a 400', async (cron, message) => {
    const errors = await refused(offline.app, S, schedule({ recurrence: { cron } }));
    expect(errors).toEqual([{ in: 'body', field: 'recurrence.cron', message: expect.stringMatching(message) }]);
  });

  test('monthly (0 9 1 * *) is accepted and created', async () => {
    const res = await request(api.app).post(S).set('Authorization', await bearer('kpu-sumbawa')).send(schedule({ paused: true }));
    expect(res.status).toBe(201);
    expect(res.body.recurrence).toEqual({ cron: '0 9 1 * *' });
  });
});

describe('schedule dates', () => {
  const start = dateIn(1);
  test.each([
    ['a 3,000-year range', { startDate: start, endDate: yearsLater(start, 3000) }, ['endDate']],
    ['2000-01-01 to 4999-12-31 (the review’s 9-second create)', { startDate: '2000-01-01', endDate: '4999-12-31', skipHolidays: true }, ['startDate', 'endDate']],
    ['an end on 9999-12-31 (was a 500)', { endDate: '9999-12-31', skipHolidays: true }, ['endDate']],
    ['a start on 0000-01-01', { startDate: '0000-01-01' }, ['startDate']],
    ['a start ten years ahead', { startDate: yearsLater(start, 10) }, ['startDate']],
  ])('%s is a 400', async (_what, dates, fields) => {
    const errors = await refused(offline.app, S, schedule(dates));
    expect(errors.map((e) => e.field)).toEqual(fields);
  });
});

test('with the floor set low (MIN_REMINDER_INTERVAL=PT1S), a request reminding seconds apart is created and reminds', async () => {
  const fast = api.makeApp({ MIN_REMINDER_INTERVAL: 'PT1S' });
  const body = createBody({ tembusan: [], workingHours: false, steps: [step({ before: ['PT2S', 'PT1S'], atDeadline: true, repeatEvery: null, escalateAfter: null }, 'PT3S')] });
  const res = await request(fast).post(R).set('Authorization', await bearer('kpu-sumbawa')).send(body);
  expect(res.status).toBe(201);
  const auth = await bearer('kpu-sumbawa');
  await eventually(async () => {
    const t = await request(fast).get(`${R}/${res.body.id}/timeline`).set('Authorization', auth);
    expect(t.body.events.filter((e: { kind: string }) => e.kind === 'REMINDER_SENT')).toHaveLength(3);
  }, 20_000);
});
