/**
 * Before the cluster tests: the Temporal CLI (the dev server of the listing comparison), the
 * tests' PostgreSQL (records stores of the stacks), and the
 * self-hosted server and schema tool (built once per machine; a cold build prints its progress).
 */
import { ensureTemporalBinaries } from '../../../src/cluster/temporalBuild';
import globalSetup from '../../support/globalSetup';

export default async function clusterGlobalSetup(): Promise<void> {
  await globalSetup();
  await ensureTemporalBinaries();
}
