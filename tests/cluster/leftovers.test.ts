/**
 * A stack whose launcher died without stopping it (SIGKILL, a closed terminal) leaves its services
 * running; the next start on the same data folder ends them first, then starts on the same data:
 * the namespace and search attributes made by the first run are still there.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { ClusterStack } from '../../src/cluster/stack';
import { SEARCH_ATTRIBUTES } from '../../src/domain/searchAttributes';

const dir = mkdtempSync(path.join(os.tmpdir(), 'koordinasi-cluster-leftovers-'));
chmodSync(dir, 0o711); // PostgreSQL runs as the user postgres and must pass through
const stacks: ClusterStack[] = [];

afterAll(async () => {
  for (const s of stacks) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the next start ends the processes an abandoned run left behind, and keeps its data', async () => {
  const first = new ClusterStack({ dataDir: dir, workers: 1, apis: 0 });
  stacks.push(first);
  await first.start();
  // Abandoned: never stopped. Its PostgreSQL, server and worker keep running.
  const abandoned = [first.postgres!, first.server!, ...first.workers.map((w) => w!)];
  expect(abandoned.every((c) => c.alive())).toBe(true);

  const second = new ClusterStack({ dataDir: dir, workers: 1, apis: 0 });
  stacks.push(second);
  await second.start();
  await Promise.all(abandoned.map((c) => c.exited));
  expect(abandoned.map((c) => c.alive())).toEqual(abandoned.map(() => false));

  const conn = await Connection.connect({ address: second.temporalAddress });
  try {
    const { customAttributes } = await conn.operatorService.listSearchAttributes({ namespace: second.namespace });
    expect(Object.keys(customAttributes ?? {}).sort()).toEqual(Object.keys(SEARCH_ATTRIBUTES).sort());
    const ns = await conn.workflowService.describeNamespace({ namespace: second.namespace });
    expect(Number(ns.config?.workflowExecutionRetentionTtl?.seconds)).toBe(30 * 24 * 3600);
  } finally {
    await conn.close();
  }
});
