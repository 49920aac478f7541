/**
 * What a fresh cluster needs before the product can use it: the server answering SERVING (what
 * `temporal operator cluster health` checks), the namespace with STACK's retention, and the custom
 * search attributes, registered through the product's own code path (registerSearchAttributes,
 * the same the worker runs at start-up on an existing cluster).
 */
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { closeSafeRetries } from '../temporal/closeSafeRetries';
import { msToTs } from '@temporalio/common/lib/time';
import type { Logger } from 'pino';
import { registerSearchAttributes } from '../temporal/registerSearchAttributes';
import { STACK } from './settings';

const ALREADY_EXISTS = 6;
const SERVING = 1;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function retry<T>(what: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if ((err as { fatal?: boolean }).fatal) throw err;
      if (Date.now() > deadline) throw new Error(`${what}: gave up after ${timeoutMs} ms: ${(err as Error).message}`);
      await sleep(500);
    }
  }
}

/** Resolves once the frontend at `address` reports SERVING. */
export async function waitForServing(address: string, timeoutMs = 120_000, alive: () => boolean = () => true): Promise<void> {
  await retry(`Temporal at ${address}`, timeoutMs, async () => {
    if (!alive()) throw Object.assign(new Error('the server process exited'), { fatal: true });
    const conn = await Connection.connect({ address, connectTimeout: '2s', plugins: [closeSafeRetries] });
    try {
      const res = await conn.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' });
      if (res.status !== SERVING) throw new Error(`health ${res.status}`);
    } finally {
      await conn.close();
    }
  });
}

export async function ensureNamespace(address: string, namespace: string, logger: Logger): Promise<void> {
  const conn = await Connection.connect({ address, connectTimeout: '5s', plugins: [closeSafeRetries] });
  try {
    try {
      await conn.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(`${STACK.retentionDays} days`),
        description: 'Koordinasi coordination requests',
      });
      logger.info({ namespace, retentionDays: STACK.retentionDays }, 'namespace created');
    } catch (err) {
      if (!(isGrpcServiceError(err) && err.code === ALREADY_EXISTS)) throw err;
    }
    // A new namespace reaches the frontend's cache within seconds; until then it is "not found".
    await retry(`search attributes of ${namespace}`, 60_000, () => registerSearchAttributes(conn, namespace, logger));
  } finally {
    await conn.close();
  }
}
