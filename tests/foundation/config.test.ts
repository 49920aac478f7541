/** Invalid configuration stops each entry point with a message naming the variable, exit code 2. */
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

test('a broken organization directory is named, exit code 2', async () => {
  const launched = launch({ DIRECTORY_PATH: '/nonexistent/organizations.json' });
  const { code } = await launched.exit;
  expect(code).toBe(2);
  expect(launched.stderr()).toContain('/nonexistent/organizations.json');
  expect(launched.stderr()).not.toMatch(/\n\s+at /);
});
