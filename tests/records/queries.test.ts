/**
 * The list and the response-time report over the real API and a real records store filled with
 * synthetic records of known shape (Temporal is not needed and is unreachable here).
 */
import pino from 'pino';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { closeSafeRetries } from '../../src/temporal/closeSafeRetries';
import type { Express } from 'express';
import { createApp } from '../../src/api/app';
import { readableOrgs } from '../../src/api/access';
import { statusCounts } from '../../src/records/overview';
import { writeRecord } from '../../src/records/writer';
import { bearer, JWT_SECRET } from '../support/apiHarness';
import { testDatabase } from '../support/postgres';
import { syntheticRecord } from '../support/recordFixtures';
import { directory, testConfig } from '../support/workflowHarness';

let store: Awaited<ReturnType<typeof testDatabase>>;
let connection: Connection;
let app: Express;
const T0 = new Date('2026-04-01T00:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const admin = () => bearer('dkpp', { sub: 'root', roles: ['staff', 'admin'] });

beforeAll(async () => {
  store = await testDatabase();
  connection = Connection.lazy({ address: '127.0.0.1:1', plugins: [closeSafeRetries] });
  app = createApp({ config: testConfig({ JWT_SECRET }), directory, client: new Client({ connection }), logger: pino({ level: 'silent' }), records: store.db, temporalDeadlineMs: 500 });
  // kpu-sumbawa (a regency of NTB) asks pemkab-sumbawa and bawaslu-sumbawa; response minutes are known.
  const sumbawa = [
    { pemkab: 10, bawaslu: 100 },
    { pemkab: 20, bawaslu: 200 },
    { pemkab: 30, bawaslu: 300 },
    { pemkab: 40, bawaslu: undefined },
    { pemkab: 5000, bawaslu: undefined }, // after the 3-day deadline
  ];
  for (const [i, r] of sumbawa.entries()) {
    await writeRecord(
      store.db,
      syntheticRecord({
        id: `rq-sumbawa-${i}`,
        requester: 'kpu-sumbawa',
        participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'],
        createdAt: day(i),
        title: i === 0 ? 'Pinjam pakai gudang logistik' : `Rapat koordinasi ${i}`,
        description: i === 1 ? 'Penyamaan persepsi pemutakhiran data pemilih' : 'Fasilitasi tahapan',
        responses: { 'pemkab-sumbawa': r.pemkab, ...(r.bawaslu ? { 'bawaslu-sumbawa': r.bawaslu } : {}) },
        escalated: r.bawaslu ? [] : ['bawaslu-sumbawa'],
        ...(i === 2 ? { letter: { number: '123/PP.01.2-SD/5204/2026', date: '2026-04-03', subject: 'Permohonan pinjam pakai aula', classification: 'SEGERA' as const } } : {}),
      }),
    );
  }
  // kpu-sulbar (another province) asks dkpp: never visible to NTB.
  await writeRecord(store.db, syntheticRecord({ id: 'rq-sulbar-0', requester: 'kpu-sulbar', participants: ['dkpp'], category: 'ETHICS', createdAt: day(2), responses: { dkpp: 60 } }));
});
afterAll(async () => {
  await connection?.close();
  await store?.drop();
});

const getJson = async (path: string, query: Record<string, string | number>, auth: string) =>
  request(app).get(path).query(query).set('Authorization', auth);

test('report per organization: exact counts, medians and p90, answers after the deadline, escalations', async () => {
  const res = await getJson('/v1/reports/response-times', { from: day(0).toISOString(), to: day(10).toISOString() }, await bearer('kpu-ntb'));
  expect(res.status).toBe(200);
  // Continuous percentiles over seconds: pemkab [10,20,30,40,5000] min, bawaslu [100,200,300] min.
  expect(res.body.rows).toEqual([
    { key: 'bawaslu-sumbawa', asked: 5, answered: 3, medianSeconds: 200 * 60, p90Seconds: 280 * 60, answeredLate: 0, escalations: 2 },
    { key: 'pemkab-sumbawa', asked: 5, answered: 5, medianSeconds: 30 * 60, p90Seconds: (40 + 0.6 * (5000 - 40)) * 60, answeredLate: 1, escalations: 0 },
  ]);
});

test('report scope: a province sees its regencies, not another province; admins see all; the window counts', async () => {
  const sulbar = await getJson('/v1/reports/response-times', {}, await bearer('kpu-sulbar'));
  expect(sulbar.body.rows).toEqual([{ key: 'dkpp', asked: 1, answered: 1, medianSeconds: 3600, p90Seconds: 3600, answeredLate: 0, escalations: 0 }]);
  const all = await getJson('/v1/reports/response-times', { groupBy: 'category' }, await admin());
  expect(all.body.rows.map((r: { key: string; asked: number }) => [r.key, r.asked])).toEqual([['ETHICS', 1], ['FACILITIES', 10]]);
  const window = await getJson('/v1/reports/response-times', { from: day(1).toISOString(), to: day(3).toISOString() }, await bearer('kpu-ntb'));
  expect(window.body.rows.map((r: { key: string; asked: number }) => [r.key, r.asked])).toEqual([['bawaslu-sumbawa', 2], ['pemkab-sumbawa', 2]]);
});

test('report as CSV', async () => {
  const res = await request(app).get('/v1/reports/response-times').query({ groupBy: 'organization' }).set('Authorization', await bearer('kpu-sulbar')).set('Accept', 'text/csv');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  expect(res.text).toBe('organization,asked,answered,medianSeconds,p90Seconds,answeredLate,escalations\r\ndkpp,1,1,3600,3600,0,0\r\n');
});

test('overview counts: per group of organizations by status, within the caller\'s scope', async () => {
  const groups = [
    { key: 'sumbawa', orgs: ['kpu-sumbawa', 'pemkab-sumbawa'] },
    { key: 'dkpp', orgs: ['dkpp'] },
  ];
  const byKey = async (scope: string[] | null) =>
    Object.fromEntries((await statusCounts(store.db, groups, scope)).map((c) => [c.key, { total: c.total, approved: c.byStatus.APPROVED, open: c.byStatus.IN_PROGRESS, overdue: c.overdue }]));
  // A request counts once per group, though two of the group's organizations take part in it.
  expect(await byKey(null)).toEqual({ sumbawa: { total: 5, approved: 3, open: 2, overdue: 0 }, dkpp: { total: 1, approved: 1, open: 0, overdue: 0 } });
  // NTB's scope does not reach the Sulawesi Barat request that dkpp answered.
  expect(await byKey(readableOrgs({ sub: 'x', org: 'kpu-ntb', roles: ['staff'] }, directory))).toEqual({
    sumbawa: { total: 5, approved: 3, open: 2, overdue: 0 },
    dkpp: { total: 0, approved: 0, open: 0, overdue: 0 },
  });
});

test('list: q matches words of title and description (accents and case ignored), in scope only', async () => {
  const ids = async (query: Record<string, string | number>, auth: string) => (await getJson('/v1/coordination-requests', query, auth)).body.items.map((i: { id: string }) => i.id);
  expect(await ids({ q: 'GUDANG' }, await bearer('kpu-ntb'))).toEqual(['rq-sumbawa-0']);
  expect(await ids({ q: 'persépsi pemilih' }, await bearer('kpu-ntb'))).toEqual(['rq-sumbawa-1']);
  expect(await ids({ q: 'gudang' }, await bearer('kpu-sulbar'))).toEqual([]);
  expect(await ids({ createdFrom: day(1).toISOString(), createdTo: day(3).toISOString() }, await admin())).toEqual(['rq-sumbawa-2', 'rq-sulbar-0', 'rq-sumbawa-1']);
});

test('list: q finds a request by its letter number (whole or a part of it) and by the letter subject; rows carry the number', async () => {
  const list = async (q: string, auth: string) => (await getJson('/v1/coordination-requests', { q }, auth)).body.items as Array<{ id: string; letterNumber: string | null }>;
  const auth = await bearer('kpu-ntb');
  for (const q of ['123/PP.01.2-SD/5204/2026', '123/pp.01.2-sd/5204/2026', '5204', 'PP 01', 'aula', 'pinjam pakai aula']) {
    expect([q, (await list(q, auth)).map((i) => i.id)]).toEqual([q, ['rq-sumbawa-2']]);
  }
  // The title's own words still match ("pinjam pakai" is also rq-sumbawa-0's title).
  expect((await list('pinjam pakai', auth)).map((i) => i.id)).toEqual(['rq-sumbawa-2', 'rq-sumbawa-0']);
  expect((await list('5204', auth))[0].letterNumber).toBe('123/PP.01.2-SD/5204/2026');
  expect((await list('gudang', auth))[0].letterNumber).toBeNull();
  expect(await list('5204', await bearer('kpu-sulbar'))).toEqual([]);
});

test('list: keyset pages stay stable while rows change between pages', async () => {
  const auth = await admin();
  const first = await getJson('/v1/coordination-requests', { sort: 'created', pageSize: 2 }, auth);
  expect(first.body.items.map((i: { id: string }) => i.id)).toEqual(['rq-sumbawa-4', 'rq-sumbawa-3']);
  // A newer request arrives and an old one changes: the next page neither repeats nor skips.
  await writeRecord(store.db, syntheticRecord({ id: 'rq-sumbawa-new', requester: 'kpu-sumbawa', participants: ['pemkab-sumbawa'], createdAt: day(9) }));
  const seen = [...first.body.items.map((i: { id: string }) => i.id)];
  let token = first.body.nextPageToken;
  while (token) {
    const page = await getJson('/v1/coordination-requests', { sort: 'created', pageSize: 2, pageToken: token }, auth);
    expect(page.status).toBe(200);
    seen.push(...page.body.items.map((i: { id: string }) => i.id));
    token = page.body.nextPageToken;
  }
  expect(seen).toEqual(['rq-sumbawa-4', 'rq-sumbawa-3', 'rq-sumbawa-2', 'rq-sulbar-0', 'rq-sumbawa-1', 'rq-sumbawa-0']);
  const byDeadline = await getJson('/v1/coordination-requests', { sort: 'deadline', status: 'IN_PROGRESS' }, auth);
  const dues = byDeadline.body.items.map((i: { dueAt: string }) => i.dueAt);
  expect(dues).toEqual([...dues].sort());
});
