/**
 * `npm run temporal:install`: finds or installs (pinned, via pip) the Temporal CLI and the
 * time-skipping test server, and prints where they are. `npm start` and `npm test` do the same on
 * demand; this is for preparing a machine (or a Docker layer) ahead of time.
 */
import { BinaryNotFoundError, ensureBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../temporal/binaries';

try {
  for (const spec of [TEMPORAL_CLI, TEMPORAL_TEST_SERVER]) {
    process.stdout.write(`${spec.name}: ${ensureBinary(spec, (line) => process.stderr.write(`${line}\n`))}\n`);
  }
} catch (err) {
  if (!(err instanceof BinaryNotFoundError)) throw err;
  process.stderr.write(`temporal:install: ${err.message}\n`);
  process.exit(1);
}
