/**
 * The import boundaries of eslint.config.mjs fire: for each rule, a file at the place the rule
 * guards, with one import that crosses the boundary, fails lint with that rule's message — and the
 * same file with an allowed import passes. Uses ESLint's own API on the project configuration.
 * The cycle rule needs the other file of the circle on disk: a scratch folder, removed after.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
/** Scratch folder of the cycle probes (inside the project, so its configuration applies). */
const CYCLE_DIR = `src/cycle-probe-${process.pid}`;

/**
 * Lint probes in a plain Node child (ESLint loads its ESM configuration by dynamic import, which
 * Jest's module sandbox does not offer): all probes in one process, messages of the boundary rule.
 */
function lintProbes(probes: Array<{ file: string; code: string }>): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const probes = JSON.parse(process.argv[1]);
    const RULES = ['@typescript-eslint/no-restricted-imports', 'import-x/no-cycle', 'no-restricted-syntax'];
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const p of probes) {
        const [r] = await eslint.lintText(p.code + '\\nexport const x = 1;\\n', { filePath: p.file });
        out.push(r.messages.filter((m) => RULES.includes(m.ruleId)).map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(probes)], { cwd: ROOT, encoding: 'utf8' })) as string[][];
}

const FAILING: Array<[string, string, string, RegExp]> = [
  ['workflow: a Node built-in', 'workflows/probe.ts', "import { readFileSync } from 'node:fs'; void readFileSync;", /deterministic/],
  ['workflow: an activity implementation', 'workflows/probe.ts', "import { createActivities } from '../activities'; void createActivities;", /activity types only/],
  ['workflow: a value import of activity types', 'workflows/probe.ts', "import { x as y } from '../activities/types'; void y;", /activity types only/],
  ['workflow: the API layer', 'workflows/probe.ts', "import { createApp } from '../src/api/app'; void createApp;", /pure domain core/],
  ['workflow: the Temporal client', 'workflows/probe.ts', "import { Client } from '@temporalio/client'; void Client;", /@temporalio\/workflow and @temporalio\/common only/],
  ['workflow: any other package', 'workflows/probe.ts', "import pino from 'pino'; void pino;", /@temporalio\/workflow and @temporalio\/common only/],
  ['domain: a Node built-in', 'src/domain/probe.ts', "import { readFileSync } from 'node:fs'; void readFileSync;", /pure/],
  ['domain: the API layer', 'src/domain/probe.ts', "import { createApp } from '../api/app'; void createApp;", /nothing outside src\/domain/],
  ['activities: the API layer', 'activities/probe.ts', "import { createApp } from '../src/api/app'; void createApp;", /never import the HTTP API/],
  ['activities: the web app', 'activities/notifications/probe.ts', "import { mountWeb } from '../../src/web'; void mountWeb;", /never import the web app/],
  ['API: activities', 'src/api/probe.ts', "import { createActivities } from '../../activities'; void createActivities;", /never imports activities/],
  ['API: Temporal SDK internals', 'src/api/probe.ts', "import { msToTs } from '@temporalio/common/lib/time'; void msToTs;", /behind src\/temporal\/sdk\.ts/],
  ['API: the web app', 'src/api/routes/probe.ts', "import { mountWeb } from '../../web'; void mountWeb;", /never imports the web app/],
  ['anywhere else: the web app', 'src/temporal/probe.ts', "import { mountWeb } from '../web'; void mountWeb;", /Only the server mounts the web app/],
  ['records: workflows', 'src/records/probe.ts', "import { stateQuery } from '../../workflows/messages'; void stateQuery;", /records store never imports workflows/],
  ['attachments: the API layer', 'src/attachments/probe.ts', "import { ProblemError } from '../api/problem'; void ProblemError;", /Attachments never import the API/],
  ['process: the cluster', 'src/process/probe.ts', "import { ensureTemporalBinaries } from '../cluster/temporalBuild'; void ensureTemporalBinaries;", /never imports the cluster/],
  ['temporal: the process lifecycle', 'src/temporal/probe.ts', "import { freePort } from '../process/ports'; void freePort;", /src\/temporal never imports src\/process/],
  ['records: still not the web app', 'src/records/probe.ts', "import { mountWeb } from '../web'; void mountWeb;", /Only the server mounts the web app/],
  ['workflow: a patch id written inline', 'workflows/probe.ts', "import { patched } from '@temporalio/workflow'; void patched('my-new-patch');", /declared once, in workflows\/patches\.ts/],
  ['a two-file import circle', `${CYCLE_DIR}/a.ts`, "import { b } from './b'; export const a = (): number => b() + 1;", /Dependency cycle/],
];

const PASSING: Array<[string, string, string]> = [
  ['records: the domain core', 'src/records/probe.ts', "import { isOpen } from '../domain/requestState'; void isOpen;"],
  ['attachments: the shared problems', 'src/attachments/probe.ts', "import { ProblemError } from '../errors/problem'; void ProblemError;"],
  ['temporal: the OS port helpers', 'src/temporal/probe.ts', "import { freePort } from '../net/ports'; void freePort;"],
  ['workflow: a patch id from workflows/patches.ts', 'workflows/probe.ts', "import { patched } from '@temporalio/workflow';\nimport { PATCHES } from './patches';\nvoid patched(PATCHES.shiftAhead);"],
  ['two files, one importing the other', `${CYCLE_DIR}/c.ts`, "import { d } from './d'; export const c = (): number => d() + 1;"],
  ['workflow: the workflow SDK, the domain core, activity types, own modules', 'workflows/probe.ts', "import { sleep } from '@temporalio/workflow';\nimport { isAdmin } from '../src/domain/actor';\nimport type { CoordinationActivities } from '../activities/types';\nimport { SYSTEM } from './run';\nvoid sleep; void isAdmin; void SYSTEM; export type A = CoordinationActivities;"],
  ['domain: its own modules', 'src/domain/probe.ts', "import { isAdmin } from './actor'; void isAdmin;"],
  ['the server mounts the web app', 'src/server.ts', "import { mountWeb } from './web'; void mountWeb;"],
  ['the API uses the domain core', 'src/api/probe.ts', "import { isAdmin } from '../domain/actor'; void isAdmin;"],
];

let results: string[][];
beforeAll(() => {
  // The other halves: b.ts imports a.ts back (a circle); d.ts imports nothing (no circle).
  const dir = path.join(ROOT, CYCLE_DIR);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = (): number => b() + 1;\n");
    writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a';\nexport const b = (): number => a() - 1;\n");
    writeFileSync(path.join(dir, 'd.ts'), 'export const d = (): number => 1;\n');
    results = lintProbes([...FAILING, ...PASSING].map(([, file, code]) => ({ file, code })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.each(FAILING.map((c, i) => [...c, i] as const))('%s fails lint', (_name, _file, _code, expected, i) => {
  expect(results[i]).toContainEqual(expect.stringMatching(expected));
});

test.each(PASSING.map((c, i) => [...c, FAILING.length + i] as const))('%s passes', (_name, _file, _code, i) => {
  expect(results[i]).toEqual([]);
});
