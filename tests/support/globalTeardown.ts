/** Removes the workflow bundle globalSetup wrote for this run and stops the shared PostgreSQL. */
import { rmSync } from 'node:fs';
import { stopSharedPostgres } from './globalSetup';
import { WORKFLOW_BUNDLE_ENV } from './workflowBundle';

export default async function globalTeardown(): Promise<void> {
  const file = process.env[WORKFLOW_BUNDLE_ENV];
  if (file) rmSync(file, { force: true });
  await stopSharedPostgres();
}
