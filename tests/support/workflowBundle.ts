/**
 * The workflow code every test worker runs, bundled once per test run (in globalSetup) instead of
 * once per worker: webpack takes seconds per bundle and most test files start a worker or two.
 * Without the prepared bundle (a file run outside jest) workers bundle from source as before.
 */
import { existsSync } from 'node:fs';

export const WORKFLOW_BUNDLE_ENV = 'KOORDINASI_TEST_WORKFLOW_BUNDLE';
export const WORKFLOWS_PATH = require.resolve('../../workflows');

/** Worker options for the workflow code: the prepared bundle when there is one. */
export function workflowSource(): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  const codePath = process.env[WORKFLOW_BUNDLE_ENV];
  return codePath && existsSync(codePath) ? { workflowBundle: { codePath } } : { workflowsPath: WORKFLOWS_PATH };
}
