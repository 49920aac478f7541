/**
 * A service of the native stack as a child process in its own process group (a terminal's Ctrl-C
 * reaches only the stack, which stops the services in order), its output appended to a log file
 * and its last lines kept for error messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface Child {
  name: string;
  logFile: string;
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  tail(): string;
  /** Signal to the whole process group; resolves when the child has exited (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  cmd: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logDir: string;
  onLine?: (line: string) => void;
}

export function spawnChild(o: SpawnOptions): Child {
  mkdirSync(o.logDir, { recursive: true });
  const logFile = path.join(o.logDir, `${o.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(`--- ${new Date().toISOString()} starting ${o.name}: ${o.cmd} ${o.args.join(' ')}\n`);
  const child = spawn(o.cmd, o.args, { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const lines: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (!line.trim()) continue;
      o.onLine?.(line);
      lines.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
      if (lines.length > 40) lines.shift();
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      log.end(`--- ${new Date().toISOString()} ${o.name} exited (${signal ?? code})\n`);
      resolve({ code, signal });
    }),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name: o.name,
    logFile,
    process: child,
    exited,
    alive,
    tail: () => lines.join('\n'),
    async stop(signal = 'SIGTERM', graceMs = 20_000) {
      if (!alive()) return;
      const send = (s: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, s);
        } catch {
          // already gone
        }
      };
      send(signal);
      const timer = setTimeout(() => send('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
