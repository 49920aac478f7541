/** The election schedule file, stage-relative working days, and the re-resolve rules (pure). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWorkingCalendar } from '../../src/domain/calendar';
import { initialState } from '../../src/domain/requestState';
import { activeStageStep, reresolveRefusal, unchangedReason } from '../../src/domain/stageDeadlines';
import { loadStages, parseStages, StagesError, StagesFile } from '../../src/stages/stages';
import { actor, requestInput } from '../support/workflowHarness';

const cal = createWorkingCalendar({ jointLeaveDays: ['2026-12-24'], workStart: '08:00', workEnd: '16:00' });
const WITA = 'Asia/Makassar';
const iso = (ms: number) => new Date(ms).toISOString();

describe('working days from a stage date (close of that day, requester zone)', () => {
  test.each([
    // Thursday 31 Dec 2026: -5 skips 25 Dec (Natal), 24 Dec (cuti bersama here) and the weekend.
    ['2026-12-31', -5, '2026-12-22'], // 30, 29, 28, 23, 22
    ['2026-12-31', -1, '2026-12-30'],
    ['2026-12-31', 0, '2026-12-31'],
    ['2026-12-31', 2, '2027-01-06'], // 1 Jan holiday, 2–3 weekend, Monday 4, 5 Jan a holiday in the table, Wednesday 6
    // A stage on a day off: offset 0 is the working day before it (never after the stage).
    ['2026-12-27', 0, '2026-12-23'], // Sunday → Friday 25 (Natal) → Thursday 24 (cuti) → Wednesday 23
    ['2026-12-27', -1, '2026-12-22'],
    ['2026-12-27', 1, '2026-12-28'],
  ])('stage %s, offset %i → close of %s', (date, offset, day) => {
    expect(iso(cal.closeOfWorkingDayFrom(date, offset, WITA))).toBe(`${day}T08:00:00.000Z`); // 16:00 WITA
  });

  test('a fractional offset is refused', () => {
    expect(() => cal.closeOfWorkingDayFrom('2026-12-31', 1.5, WITA)).toThrow(/whole number/);
  });
});

describe('the stages file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'stages-unit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the shipped config/stages.json is valid', () => {
    expect(loadStages(path.resolve(__dirname, '..', '..', 'config', 'stages.json')).map((s) => s.id)).toContain('penetapan-dpt');
  });

  test.each([
    ['no stages list', {}, /stages: /],
    ['a bad id', { stages: [{ id: 'Penetapan DPT', name: 'x', date: '2027-04-20' }] }, /stages\.0\.id: .*lowercase/],
    ['a date that is not a date', { stages: [{ id: 'penetapan-dpt', name: 'x', date: '2027-02-30' }] }, /stages\.0\.date: a real calendar date/],
    ['a duplicate id', { stages: [{ id: 'a1', name: 'x', date: '2027-01-04' }, { id: 'a1', name: 'y', date: '2027-01-05' }] }, /stages\.1\.id: duplicate stage id "a1"/],
    ['an unknown field', { stages: [{ id: 'a1', name: 'x', date: '2027-01-04', tanggal: 'x' }] }, /stages\.0: Unrecognized key/],
  ])('%s is refused with the field named', (_what, json, message) => {
    expect(() => parseStages(json, 'the election schedule')).toThrow(StagesError);
    expect(() => parseStages(json, 'the election schedule')).toThrow(message);
  });

  test('errors name the file and the variable; a changed file is read again', () => {
    const file = path.join(dir, 'stages.json');
    expect(() => new StagesFile(file)).toThrow(/cannot read the election schedule .*STAGES_PATH/);
    writeFileSync(file, '{ not json');
    expect(() => loadStages(file)).toThrow(/not valid JSON/);
    writeFileSync(file, JSON.stringify({ stages: [{ id: 'penetapan-dpt', name: 'DPT', date: '2027-04-20' }] }));
    const stages = new StagesFile(file);
    expect(stages.get('penetapan-dpt')?.date).toBe('2027-04-20');
    writeFileSync(file, JSON.stringify({ stages: [{ id: 'penetapan-dpt', name: 'DPT (revisi)', date: '2027-05-04' }] }));
    expect(stages.get('penetapan-dpt')?.date).toBe('2027-05-04');
    writeFileSync(file, JSON.stringify({ stages: [{ id: 'penetapan-dpt', date: '2027-05-04' }] }));
    expect(() => stages.get('penetapan-dpt')).toThrow(/stages\.0\.name/);
  });
});

describe('re-resolve rules', () => {
  const stageStep = { participants: ['pemkab-sumbawa'], policy: { type: 'ALL' as const }, deadline: { kind: 'STAGE' as const, stage: 'penetapan-dpt', offsetWorkingDays: -5 } };
  const plainStep = { participants: ['bawaslu-sumbawa'], policy: { type: 'ALL' as const }, deadline: { kind: 'WORKING_DAYS' as const, days: 3 } };
  const stateWith = (steps: (typeof stageStep | typeof plainStep)[], status: 'IN_PROGRESS' | 'APPROVED' = 'IN_PROGRESS') => {
    const s = initialState(requestInput({ steps }), '2026-11-30T00:00:00.000Z');
    s.steps[0].status = 'ACTIVE';
    s.status = status;
    return s;
  };

  test.each([
    ['active step uses the stage', [stageStep, plainStep], 'IN_PROGRESS', 'penetapan-dpt', true, null],
    ['another stage', [stageStep], 'IN_PROGRESS', 'pemungutan-suara', false, /does not use stage pemungutan-suara/],
    ['only a later step uses it', [plainStep, stageStep], 'IN_PROGRESS', 'penetapan-dpt', false, /later step/],
    ['closed request', [stageStep], 'APPROVED', 'penetapan-dpt', false, /closed \(APPROVED\)/],
  ] as const)('%s', (_what, steps, status, stage, found, reason) => {
    const state = stateWith([...steps], status);
    expect(activeStageStep(state, stage) !== null).toBe(found);
    if (reason) expect(unchangedReason(state, stage)).toMatch(reason);
  });

  test.each([
    ['an admin on a ready request', actor('kpu-ri', 'a', ['admin']), true, null],
    ['staff', actor('kpu-sumbawa'), true, /only an admin/],
    ['a request still being set up', actor('kpu-ri', 'a', ['admin']), false, /being set up/],
  ])('%s', (_what, who, ready, refusal) => {
    const r = reresolveRefusal({ actor: who, stage: 'penetapan-dpt' }, ready);
    if (refusal) expect(r).toMatch(refusal);
    else expect(r).toBeNull();
  });
});
