/**
 * Invalid configuration stops each entry point before it starts anything, with a message naming
 * the variable and what it allows, exit code 2.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from './launcher';

test.each([
  ['PORT', 'not-a-port'],
  ['TEMPORAL_DEV_PORT', '70000'],
  ['LOG_LEVEL', 'loud'],
  ['WORKING_HOURS_START', '8am'],
])('launcher rejects %s=%s with a clear message and exit code 2', async (name, value) => {
  const launched = launch({ [name]: value, DATA_DIR: '/nonexistent-koordinasi-data' });
  const { code } = await launched.exit;
  expect(code).toBe(2);
  expect(launched.stderr()).toMatch(new RegExp(`^koordinasi: invalid configuration:\\n\\s+${name}: \\S`));
  expect(launched.stderr()).not.toMatch(/\n\s+at /);
});

test('a port that is not a number is answered with the allowed range', async () => {
  const launched = launch({ PORT: 'abc', DATA_DIR: '/nonexistent-koordinasi-data' });
  expect((await launched.exit).code).toBe(2);
  expect(launched.stderr()).toContain('PORT: a port number from 0 to 65535');
  expect(launched.stderr()).not.toContain('NaN');
});

test('a broken organization directory is named with its variable, exit code 2', async () => {
  const launched = launch({ DIRECTORY_PATH: '/nonexistent/organizations.json' });
  const { code } = await launched.exit;
  expect(code).toBe(2);
  expect(launched.stderr()).toContain('/nonexistent/organizations.json');
  expect(launched.stderr()).toContain('DIRECTORY_PATH');
  expect(launched.stderr()).not.toMatch(/\n\s+at /);
});

test('production without JWT_SECRET or JWKS_URL is refused before anything starts', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'koordinasi-prod-'));
  // The pages' settings production requires are given: the refusal is about authentication.
  const launched = launch({ NODE_ENV: 'production', WEB_SECRET: 'a-production-web-secret-0123456789abcdef', PUBLIC_BASE_URL: 'https://koordinasi.kpu.example', DATA_DIR: dataDir, PORT: '0', TEMPORAL_DEV_PORT: '0', TEMPORAL_DEV_UI_PORT: '0' });
  const { code } = await launched.exit;
  expect(code).toBe(2);
  expect(launched.stderr().trim()).toMatch(/^koordinasi: no authentication configured: set JWT_SECRET .* or JWKS_URL/);
  expect(launched.stderr().trim().split('\n')).toHaveLength(1);
  // Nothing was started or torn down: no log lines, no dev server files, no generated secret.
  expect(launched.stdout()).toBe('');
  expect(existsSync(path.join(dataDir, 'temporal.sqlite'))).toBe(false);
  expect(readdirSync(dataDir)).toEqual([]);
});
