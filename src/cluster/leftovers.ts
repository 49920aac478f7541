/**
 * Processes of an earlier run of the same stack that outlived it (its launcher was SIGKILLed, so
 * nobody stopped them). Each service runs in its own process group; its leader's pid and start
 * time (from /proc, so a reused pid is never mistaken for it) are kept in `<dataDir>/pids.json`,
 * and the next start of the stack on that folder ends whatever of them still runs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

interface Entry {
  name: string;
  pid: number;
  startTime: string;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), or undefined if gone. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function read(file: string): Entry[] {
  try {
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Entry[]) : [];
  } catch {
    return [];
  }
}

export function recordProcess(file: string, name: string, pid: number | undefined): void {
  if (!pid) return;
  const startTime = startTimeOf(pid);
  if (!startTime) return;
  const entries = read(file).filter((e) => e.name !== name && startTimeOf(e.pid) === e.startTime);
  writeFileSync(file, JSON.stringify([...entries, { name, pid, startTime }], null, 2));
}

/** SIGKILLs the process group of every recorded process that still runs; returns their names. */
export function killLeftovers(file: string): string[] {
  const killed: string[] = [];
  for (const e of read(file)) {
    if (startTimeOf(e.pid) !== e.startTime) continue;
    try {
      process.kill(-e.pid, 'SIGKILL');
      killed.push(`${e.name} (pid ${e.pid})`);
    } catch {
      // gone meanwhile
    }
  }
  writeFileSync(file, '[]');
  return killed;
}
