/**
 * Stops an entry point when the wrapper that started it goes away. A process manager holds the PID
 * of `npm start`, which is npm's, and sends its SIGTERM there; npm exits without passing it to its
 * script (npm → sh → tsx → node), so the launcher, worker, API and Temporal server would keep
 * running. Every process of that chain shares the job's process group, so each entry point watches
 * its ancestors within its own group and shuts down as soon as one of them is gone (its child was
 * re-parented). A process that leads its own group was started on purpose by something that will
 * signal it directly (a process manager, `nohup`, a test), and watches nothing.
 *
 * Linux /proc only; elsewhere nothing is watched.
 */
import { readFileSync } from 'node:fs';

interface ProcStat {
  ppid: number;
  pgrp: number;
}

function procStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp ...": comm may contain spaces and parentheses.
    const [, ppid, pgrp] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch {
    return undefined;
  }
}

export interface ParentLink {
  child: number;
  parent: number;
}

/** child → parent links from `pid` up through the ancestors in its own process group. */
export function wrapperChain(pid = process.pid): ParentLink[] {
  const self = procStat(pid);
  if (!self) return [];
  const links: ParentLink[] = [];
  let child = pid;
  let stat = self;
  while (stat.ppid > 1 && child !== self.pgrp) {
    const parent = procStat(stat.ppid);
    if (!parent || parent.pgrp !== self.pgrp) break;
    links.push({ child, parent: stat.ppid });
    child = stat.ppid;
    stat = parent;
  }
  return links;
}

/** True when some child of the chain no longer exists or has another parent now. */
export function chainBroken(links: ParentLink[]): boolean {
  return links.some(({ child, parent }) => procStat(child)?.ppid !== parent);
}

/** Calls `onGone` once when the wrapper chain breaks; checks every `intervalMs` without keeping the process alive. */
export function onParentExit(onGone: () => void, intervalMs = 500): void {
  const links = wrapperChain();
  if (links.length === 0) return;
  const timer = setInterval(() => {
    if (!chainBroken(links)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
}
