/**
 * Real Temporal servers for tests, on free loopback ports, one per test file:
 * - `timeSkippingEnv()`: the Java time-skipping test server (durable timers jump ahead);
 * - `devServerEnv()`: the Temporal CLI dev server (visibility, search attributes, listing).
 */
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { locateBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../../src/temporal/binaries';
import { ALL_SEARCH_ATTRIBUTE_KEYS } from '../../src/domain/searchAttributes';
import { closeSafeRetries } from '../../src/temporal/closeSafeRetries';

function required(path: string | undefined, what: string): string {
  if (!path) throw new Error(`${what} binary not found: jest's globalSetup should have installed it`);
  return path;
}

export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: required(locateBinary(TEMPORAL_TEST_SERVER), 'test server') } },
    // A test file that closes its environment while a call backs off must not crash the next one.
    plugins: [closeSafeRetries],
  });
  // The test server validates search attributes like a real one: register ours first.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(ALL_SEARCH_ATTRIBUTE_KEYS.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!])),
  });
  return env;
}

export function devServerEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      executable: { type: 'existing-path', path: required(locateBinary(TEMPORAL_CLI), 'temporal CLI') },
      searchAttributes: ALL_SEARCH_ATTRIBUTE_KEYS,
      extraArgs: ['--log-level', 'error'],
    },
    plugins: [closeSafeRetries],
  });
}
