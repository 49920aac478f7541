/**
 * The import boundaries of eslint.config.mjs fire: for each rule, a file at the place the rule
 * guards, with one import that crosses the boundary, fails lint with that rule's message — and the
 * same file with an allowed import passes. Uses ESLint's own API on the project configuration.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Lint probes in a plain Node child (ESLint loads its ESM configuration by dynamic import, which
 * Jest's module sandbox does not offer): all probes in one process, messages of the boundary rule.
 */
function lintProbes(probes: Array<{ file: string; code: string }>): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const probes = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const p of probes) {
        const [r] = await eslint.lintText(p.code + '\\nexport const x = 1;\\n', { filePath: p.file });
        out.push(r.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message));
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
];

const PASSING: Array<[string, string, string]> = [
  ['workflow: the workflow SDK, the domain core, activity types, own modules', 'workflows/probe.ts', "import { sleep } from '@temporalio/workflow';\nimport { isAdmin } from '../src/domain/actor';\nimport type { CoordinationActivities } from '../activities/types';\nimport { SYSTEM } from './run';\nvoid sleep; void isAdmin; void SYSTEM; export type A = CoordinationActivities;"],
  ['domain: its own modules', 'src/domain/probe.ts', "import { isAdmin } from './actor'; void isAdmin;"],
  ['the server mounts the web app', 'src/server.ts', "import { mountWeb } from './web'; void mountWeb;"],
  ['the API uses the domain core', 'src/api/probe.ts', "import { isAdmin } from '../domain/actor'; void isAdmin;"],
];

let results: string[][];
beforeAll(() => {
  results = lintProbes([...FAILING, ...PASSING].map(([, file, code]) => ({ file, code })));
});

test.each(FAILING.map((c, i) => [...c, i] as const))('%s fails lint', (_name, _file, _code, expected, i) => {
  expect(results[i]).toContainEqual(expect.stringMatching(expected));
});

test.each(PASSING.map((c, i) => [...c, FAILING.length + i] as const))('%s passes', (_name, _file, _code, i) => {
  expect(results[i]).toEqual([]);
});
