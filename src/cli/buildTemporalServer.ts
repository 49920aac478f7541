/**
 * `npm run temporal:build-server`: builds (once per machine) the self-hosted Temporal server and its
 * schema tool that `npm run cluster` and the cluster tests use, and prints where they are.
 * .ci/run calls it before the tests so a cold build shows up as its own step.
 */
import { ensureTemporalBinaries } from '../cluster/temporalBuild';
import { runMain } from '../process/lifecycle';

async function main(): Promise<void> {
  const bins = await ensureTemporalBinaries();
  process.stdout.write(`Temporal server: ${bins.server}\nschema tool:     ${bins.sql}\nmodule source:   ${bins.moduleDir}\n`);
}

runMain('temporal:build-server', main);
