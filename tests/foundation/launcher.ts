/**
 * Spawns the real launcher (src/start.ts, what `npm start` runs) as a child process with its own
 * DATA_DIR and free loopback ports, and keeps what it prints for assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/process/ports';

const ROOT = path.resolve(__dirname, '..', '..');

export interface LaunchEnv {
  DATA_DIR: string;
  PORT: string;
  TEMPORAL_DEV_PORT: string;
  TEMPORAL_DEV_UI_PORT: string;
  TEMPORAL_TASK_QUEUE: string;
  [k: string]: string;
}

export async function launchEnv(): Promise<LaunchEnv> {
  return {
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'koordinasi-foundation-')),
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_DEV_UI_PORT: String(await freePort()),
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    TEMPORAL_TASK_QUEUE: `foundation-${process.pid}`,
    TEMPORAL_NAMESPACE: 'default',
    LOG_LEVEL: 'warn',
    // No JWT_SECRET: the launcher's development default (a secret generated in DATA_DIR).
    NODE_ENV: 'development',
  };
}

export interface Launched {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The launcher (or another entry point, `script`) with `env` on top of ours, minus anything that
 * would point it at another server.
 */
export function launch(env: Record<string, string>, script = 'src/start.ts', args: string[] = []): Launched {
  const base = { ...process.env };
  for (const k of Object.keys(base)) if (k.startsWith('TEMPORAL_') && k !== 'TEMPORAL_CLI_PATH' && k !== 'TEMPORAL_TEST_SERVER_PATH') delete base[k];
  delete base.DATABASE_URL;
  const proc = spawn(process.execPath, ['--require', 'tsx/cjs', script, ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { proc, stdout: () => out, stderr: () => err, exit };
}

/** Polls GET url until `ok(status)`; fails early (with the launcher's output) if it exits. */
export async function waitForStatus(launched: Launched, url: string, ok: (status: number) => boolean, timeoutMs = 100_000): Promise<number> {
  let exited = false;
  void launched.exit.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`launcher exited before ${url} was ready:\n${launched.stdout()}\n${launched.stderr()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (ok(res.status)) return res.status;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready in time:\n${launched.stdout()}\n${launched.stderr()}`);
}

export function devServerPgid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, 'temporal-dev.pid'), 'utf8').trim());
}

/** True while any process of the group exists. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Last resort in afterAll: whatever a failed test left running is killed. */
export function killAll(launched: Launched | undefined, dataDir: string | undefined): void {
  if (launched && launched.proc.exitCode === null && launched.proc.signalCode === null) launched.proc.kill('SIGKILL');
  if (!dataDir) return;
  try {
    process.kill(-devServerPgid(dataDir), 'SIGKILL');
  } catch {
    // no pid file or no such group: nothing left
  }
}
