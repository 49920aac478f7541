/**
 * Replays recorded histories (tests/histories) against the current workflow code: a change that
 * would break running requests (non-determinism) fails here. Record new histories with
 * `npm run record-histories` when the workflow changes on purpose, keeping the old ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowSource } from '../support/workflowBundle';

const dir = path.resolve(__dirname, '..', 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

test('recorded histories exist', () => {
  expect(files.length).toBeGreaterThanOrEqual(3);
});

test('every recorded history replays without non-determinism', async () => {
  const histories = files.map((f) => ({ workflowId: f.replace(/\.json$/, ''), history: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories(workflowSource(), histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
});
