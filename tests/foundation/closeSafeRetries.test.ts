/**
 * A connection closed while a call is backing off between retries (nothing listens on port 1, so
 * every attempt fails UNAVAILABLE): with the SDK's own retry interceptor the pending retry throws
 * "Channel has been shut down" from its timer and the process dies of an uncaught exception; with
 * ours the call ends as CANCELLED and the process lives on. In a child process each, since the
 * first outcome would kill whatever process it happens in.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function closeWhileRetrying(withPlugin: boolean) {
  const snippet = `
    const { Connection } = require('@temporalio/client');
    const { closeSafeRetries } = require('./src/temporal/closeSafeRetries');
    const conn = Connection.lazy({ address: '127.0.0.1:1', ${withPlugin ? 'plugins: [closeSafeRetries]' : ''} });
    const outcome = conn.workflowService.describeNamespace({ namespace: 'default' }).then(() => 'answered', (e) => 'failed ' + e.code + ': ' + e.details);
    // Well inside the retries (ten attempts, over seconds), after the first has failed.
    setTimeout(async () => {
      await conn.close();
      console.log(await outcome);
    }, 400);
  `;
  return spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', snippet], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

test("the SDK's retries alone: a retry after close throws from its timer and kills the process", () => {
  const res = closeWhileRetrying(false);
  expect(res.status).not.toBe(0);
  expect(res.stderr).toContain('Channel has been shut down');
  expect(res.stdout).not.toContain('failed');
});

test('with closeSafeRetries: the call ends CANCELLED with the reason, and the process carries on', () => {
  const res = closeWhileRetrying(true);
  expect(res.stderr).not.toContain('Error');
  expect(res.status).toBe(0);
  expect(res.stdout.trim()).toBe('failed 1: Channel has been shut down');
});
