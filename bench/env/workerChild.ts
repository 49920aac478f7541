/**
 * The benchmark's worker as a child process (bench/workerProcess.ts), so its resident memory is
 * its own: started with the product's environment, ready once it polls, asked for its heap figures
 * over IPC, stopped gracefully (SIGKILL after 30 s).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ParentMessage, WorkerMessage } from '../workerProcess';
import { procMemory, type WorkerChild } from './system';

export async function startWorkerChild(env: NodeJS.ProcessEnv, say: (l: string) => void): Promise<WorkerChild> {
  const child: ChildProcess = fork(path.join(__dirname, '..', 'workerProcess.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending: Array<(m: NodeJS.MemoryUsage) => void> = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker did not become ready within 120 s')), 120_000);
    child.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (msg.type === 'mem') pending.shift()?.(msg.mem);
      else if (msg.type === 'error') say(`worker error: ${msg.message}`);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with code ${code} before it was ready`));
    });
  });
  const pid = child.pid!;
  return {
    pid,
    rss: () => procMemory(pid),
    mem: () =>
      new Promise((resolve) => {
        pending.push(resolve);
        child.send({ type: 'mem' } satisfies ParentMessage);
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
      else child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
