/** Removes the workflow bundle globalSetup wrote for this run. */
import { rmSync } from 'node:fs';
import { WORKFLOW_BUNDLE_ENV } from './workflowBundle';

export default function globalTeardown(): void {
  const file = process.env[WORKFLOW_BUNDLE_ENV];
  if (file) rmSync(file, { force: true });
}
