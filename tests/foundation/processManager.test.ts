/**
 * A process manager starts `npm start` and holds npm's PID; its SIGTERM goes to npm only (npm does
 * not pass it on to its script). Everything must stop anyway: the launcher sees its wrapper go,
 * and stops the API, the worker and the Temporal server.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { isPortFree } from '../../src/process/ports';
import { devServerPgid, groupAlive, launchEnv, type LaunchEnv } from './launcher';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '..', '..');
let env: LaunchEnv;
let npmPid: number | undefined;
let devPgid: number | undefined;

afterAll(() => {
  for (const group of [npmPid, devPgid]) {
    try {
      if (group) process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const answers = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    (res) => res.status === 200,
    () => false,
  );

test('SIGTERM to the PID of `npm start` stops the launcher, the API and the Temporal server', async () => {
  env = await launchEnv();
  const base = { ...process.env };
  for (const k of Object.keys(base)) if (k.startsWith('TEMPORAL_') && k !== 'TEMPORAL_CLI_PATH') delete base[k];
  // Its own process group, as a process manager starts a service; only npm's PID is signalled.
  const npm = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...base, ...env }, detached: true, stdio: 'ignore' });
  npmPid = npm.pid!;
  const npmExited = new Promise((r) => npm.once('exit', r));
  const api = `http://127.0.0.1:${env.PORT}`;
  await until('the API to be ready', () => answers(`${api}/readyz`));
  devPgid = devServerPgid(env.DATA_DIR);

  process.kill(npmPid, 'SIGTERM');
  await npmExited;
  await until('the API to stop answering', async () => !(await answers(`${api}/healthz`)));
  await until('the Temporal dev server to stop', () => !groupAlive(devPgid!));
  await until('every process of the job to exit', () => !groupAlive(npmPid!));
  expect(await isPortFree('127.0.0.1', Number(env.PORT))).toBe(true);
  expect(await isPortFree('127.0.0.1', Number(env.TEMPORAL_DEV_PORT))).toBe(true);
});
