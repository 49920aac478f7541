/**
 * Process lifecycle shared by the entry points (launcher, worker, API, cluster, ...): expected failures
 * (bad configuration, taken port, missing binary) end with ONE line on stderr and a non-zero exit,
 * no stack trace; SIGINT/SIGTERM run a graceful shutdown once, a second signal forces the exit.
 */
import { AuthConfigError } from '../api/auth';
import { ConfigError } from '../config';
import { DirectoryError } from '../directory/directory';
import { StagesError } from '../stages/stages';
import { BinaryNotFoundError } from '../temporal/binaries';
import { DevServerError } from '../temporal/devServer';
import { onParentExit } from './parentWatch';
import { PortInUseError } from './ports';
import { SearchAttributeMismatchError } from '../temporal/registerSearchAttributes';
import { TemporalBuildError } from '../temporal/buildError';
import { EmbeddedPostgresError } from '../postgres/embedded';

/** Exit code for invalid configuration or directory file (distinct from 1 = runtime failure). */
export const EXIT_CONFIG = 2;

export function exitCodeFor(err: unknown): number {
  return err instanceof ConfigError || err instanceof DirectoryError || err instanceof StagesError || err instanceof AuthConfigError ? EXIT_CONFIG : 1;
}

function isExpected(err: unknown): boolean {
  return [ConfigError, AuthConfigError, DirectoryError, StagesError, PortInUseError, BinaryNotFoundError, DevServerError, SearchAttributeMismatchError, TemporalBuildError, EmbeddedPostgresError].some(
    (cls) => err instanceof cls,
  );
}

export function reportFatal(name: string, err: unknown): void {
  if (isExpected(err)) process.stderr.write(`${name}: ${(err as Error).message}\n`);
  else process.stderr.write(`${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
}

/** Runs `main`; on a thrown error reports it and exits with the matching code. */
export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    reportFatal(name, err);
    process.exit(exitCodeFor(err));
  });
}

/** Repeats within this window are the same Ctrl-C relayed by npm and tsx, not the user insisting. */
const RELAY_WINDOW_MS = 2000;

/** Why a process stops: a signal, or its wrapper (npm, tsx) went away (see parentWatch.ts). */
export type ShutdownReason = NodeJS.Signals | 'parent exited';

/**
 * Calls `shutdown` on the first SIGINT/SIGTERM/SIGHUP, or when the wrapper that started the
 * process exits, then exits with its result (0, or 1 if it threw). A further signal, later than
 * the relay window, exits at once (the user insists).
 */
export function onShutdownSignal(name: string, shutdown: (reason: ShutdownReason) => Promise<void>): void {
  let firstAt: number | undefined;
  const handler = (reason: ShutdownReason) => {
    if (firstAt !== undefined) {
      if (reason === 'parent exited' || Date.now() - firstAt < RELAY_WINDOW_MS) return;
      process.stderr.write(`${name}: second ${reason}, exiting now\n`);
      process.exit(130);
    }
    firstAt = Date.now();
    shutdown(reason).then(
      () => process.exit(0),
      (err: unknown) => {
        reportFatal(name, err);
        process.exit(1);
      },
    );
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, handler);
  onParentExit(() => handler('parent exited'));
}
