/**
 * The Temporal SDK's own log lines in tests ("Worker state changed", "No Nexus services
 * registered", …), kept in memory instead of printed: each worker a test starts writes a handful,
 * hundreds per run, which buried the lines that matter. They are printed after a test that fails
 * (tests/support/testEnvironment.js calls `flushSdkLogs`), so nothing is lost for the diagnosis.
 * Runs in every test file (jest setupFilesAfterEnv), before the file makes its first connection.
 */
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';

const KEPT = 300;
const kept: string[] = [];

function keep({ level, message, meta, timestampNanos }: LogEntry): void {
  const at = new Date(Number(timestampNanos / 1_000_000n)).toISOString();
  kept.push(`${at} [${level}] ${message}${meta === undefined ? '' : ` ${JSON.stringify(meta)}`}`);
  if (kept.length > KEPT) kept.shift();
}

/** The kept lines since the last flush, for the failure report; empties the store. */
function flushSdkLogs(): string[] {
  return kept.splice(0, kept.length);
}

try {
  // The core's own lines go straight to stderr, errors only: forwarding them into `keep` starts a
  // log poller that keeps jest from exiting, and its one warning in tests is the time-skipping
  // server's missing heartbeat capability, printed for every worker.
  Runtime.install({ logger: new DefaultLogger('INFO', keep), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, console: {} } } });
} catch {
  // A runtime already exists in this file's module registry: its logs print as before.
}
(globalThis as Record<symbol, unknown>)[Symbol.for('koordinasi.test.flushSdkLogs')] = flushSdkLogs;
