/**
 * What a person at a terminal sees versus what a pipe (a log collector) gets: readable logs and a
 * development token only on a terminal (a real pseudo-terminal from util-linux `script`), JSON
 * lines and no token otherwise; production is JSON even on a terminal.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { wantsPrettyLogs } from '../../src/logger';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs a TypeScript snippet with node + tsx, on a pseudo-terminal or with stdout piped. */
function run(snippet: string, opts: { tty: boolean; env?: Record<string, string> }): string {
  const node = [process.execPath, '--require', 'tsx/cjs', '-e', snippet];
  const quoted = node.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const [cmd, args] = opts.tty ? ['script', ['-qec', quoted, '/dev/null']] : [node[0], node.slice(1)];
  const res = spawnSync(cmd, args as string[], { cwd: ROOT, env: { ...process.env, ...opts.env }, encoding: 'utf8', timeout: 60_000 });
  if (res.status !== 0) throw new Error(`exit ${res.status}: ${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

const LOG = `require('./src/logger').createLogger({ LOG_LEVEL: 'info', NODE_ENV: process.env.NODE_ENV }).info({ port: 3000 }, 'hello there');`;

test.each([
  [{ NODE_ENV: 'development' }, true, true],
  [{ NODE_ENV: 'test' }, true, true],
  [{ NODE_ENV: 'development' }, false, false],
  [{ NODE_ENV: 'production' }, true, false],
] as const)('wantsPrettyLogs(%j, tty=%s) is %s', (config, tty, expected) => {
  expect(wantsPrettyLogs(config, tty)).toBe(expected);
});

test('development on a terminal: one readable line, not JSON', () => {
  const out = run(LOG, { tty: true, env: { NODE_ENV: 'development' } });
  expect(out).toContain('hello there');
  expect(out).toMatch(/INFO/);
  expect(out.trim().startsWith('{')).toBe(false);
});

test('piped, or production on a terminal: JSON lines', () => {
  for (const out of [run(LOG, { tty: false, env: { NODE_ENV: 'development' } }), run(LOG, { tty: true, env: { NODE_ENV: 'production' } })]) {
    const line = JSON.parse(out.trim().split(/\r?\n/).pop()!);
    expect(line).toMatchObject({ msg: 'hello there', port: 3000, level: 30 });
  }
});

const TOKEN_ROWS = `
const { devTokenRows } = require('./src/launcher/banner');
const { loadDirectory } = require('./src/directory/directory');
const { loadConfig } = require('./src/config');
const config = { ...loadConfig({ NODE_ENV: 'development' }), JWT_SECRET: 'generated-dev-secret-0123456789' };
devTokenRows(config, loadDirectory(config.DIRECTORY_PATH), '/tmp/data/dev-jwt-secret').then((rows) => console.log(JSON.stringify(rows)));`;

test('the banner shows a staff development token on a terminal only', () => {
  const onTerminal = JSON.parse(run(TOKEN_ROWS, { tty: true }).trim()) as [string, string][];
  const token = onTerminal.find(([label]) => label.startsWith('Dev token'));
  expect(token?.[0]).toBe('Dev token (kpu-ri, staff, 8 h)');
  const claims = JSON.parse(Buffer.from(token![1].split('.')[1], 'base64url').toString());
  expect(claims.roles).toEqual(['staff']);
  expect(claims.exp - claims.iat).toBe(8 * 3600);

  const piped = run(TOKEN_ROWS, { tty: false });
  expect(piped).not.toContain('Dev token');
  expect(piped).not.toMatch(/eyJ/);
  expect(piped).toContain('npm run token');
});
