/**
 * jest's node environment, plus: after a test fails, the Temporal SDK log lines kept since the
 * previous failure (tests/support/sdkLogs.ts) are printed to stderr beside the failure.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS environment file
const { TestEnvironment } = require('jest-environment-node');

const FLUSH = Symbol.for('koordinasi.test.flushSdkLogs');

class KoordinasiEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    if (event.name !== 'test_done' || event.test.errors.length === 0) return;
    const flush = this.global[FLUSH];
    const lines = typeof flush === 'function' ? flush() : [];
    if (lines.length > 0) {
      process.stderr.write(`\nTemporal SDK log before the failure of "${event.test.name}":\n${lines.join('\n')}\n`);
    }
  }
}
module.exports = KoordinasiEnvironment;
