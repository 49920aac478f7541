/**
 * `npm run test:dates`: the pure tests, and the API tests whose expectations follow the calendar
 * (schedules, stage deadlines, validation of dates), each run under a few far-apart days through a
 * faked `Date` (jest.clock.js), so an expectation that holds only on the day it was written fails
 * here long before that day passes. The days: a weekday, a public holiday, the turn of a year
 * (already 1 January in WITA and WIT, still 31 December in WIB), and the day after the last stage
 * of config/stages.json. Prints one line per day and suite; exits non-zero when any failed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const stages = (JSON.parse(readFileSync(path.join(root, 'config/stages.json'), 'utf8')) as { stages: { date: string }[] }).stages;
const lastStage = stages.map((s) => s.date).sort().at(-1) as string;
const dayAfter = new Date(Date.parse(`${lastStage}T01:00:00Z`) + 86_400_000).toISOString();

const DAYS: [string, string][] = [
  ['a Wednesday in 2027', '2027-03-17T03:00:00Z'],
  ['Independence Day 2027', '2027-08-17T02:00:00Z'],
  ['the turn of 2027 to 2028', '2027-12-31T16:30:00Z'],
  [`the day after the last stage (${lastStage})`, dayAfter],
];
const SUITES: [string, string[]][] = [
  ['pure', ['--config', 'jest.unit.config.js']],
  ['api (calendar)', ['--runInBand', 'tests/api/schedules.test.ts', 'tests/api/stages.test.ts', 'tests/api/validation.test.ts']],
];

let failed = 0;
for (const [what, now] of DAYS) {
  for (const [suite, args] of SUITES) {
    const run = spawnSync('npx', ['jest', ...args], { cwd: root, env: { ...process.env, KOORDINASI_TEST_NOW: now }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ok = run.status === 0;
    if (!ok) {
      failed++;
      process.stdout.write(run.stdout + run.stderr);
    }
    const totals = /^Tests: .*$/m.exec(run.stdout + run.stderr)?.[0] ?? `exit ${run.status}`;
    process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${now} (${what}) ${suite}: ${totals}\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
