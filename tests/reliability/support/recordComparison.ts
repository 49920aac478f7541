/**
 * How a request's record compares with its workflow, for the db-kill scenario.
 *
 * Why a clock tolerance: the record holds what the live workflow computed and sent, while a query
 * of a closed workflow replays its history. Temporal's replay can see a workflow task start at a
 * slightly different instant than the live run saw (observed once in 200 requests under heavy
 * load: one event's `at` and the state's `updatedAt` 167 ms later in the replay, every other field
 * and every event equal). Such a difference is reported separately, never counted as a lost or
 * wrong record; any other difference — a missing record, event or field, another value — is.
 */
import { isDeepStrictEqual } from 'node:util';

/** Two ISO instants at most this far apart count as the same moment seen by live run and replay. */
export const CLOCK_TOLERANCE_MS = 5_000;

export type Comparison =
  | { kind: 'equal' }
  | { kind: 'clock-only'; paths: string[] }
  | { kind: 'different'; detail: string };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Compares the stored record (state and timeline) with the workflow's queried state and timeline. */
export function compareRecord(recorded: { state: unknown; timeline: unknown[] } | null, workflow: { state: unknown; timeline: unknown[] }): Comparison {
  if (!recorded) return { kind: 'different', detail: 'no record' };
  if (isDeepStrictEqual(recorded.state, workflow.state) && isDeepStrictEqual(recorded.timeline, workflow.timeline)) return { kind: 'equal' };
  const drifted: string[] = [];
  const differences: string[] = [];
  walk(recorded.state, workflow.state, 'state', drifted, differences);
  walk(recorded.timeline, workflow.timeline, 'timeline', drifted, differences);
  if (differences.length) return { kind: 'different', detail: differences.slice(0, 5).join('; ') };
  return { kind: 'clock-only', paths: drifted };
}

function walk(recorded: unknown, workflow: unknown, path: string, drifted: string[], differences: string[]): void {
  if (isDeepStrictEqual(recorded, workflow)) return;
  if (typeof recorded === 'string' && typeof workflow === 'string' && ISO_INSTANT.test(recorded) && ISO_INSTANT.test(workflow)) {
    const apart = Math.abs(Date.parse(recorded) - Date.parse(workflow));
    if (apart <= CLOCK_TOLERANCE_MS) drifted.push(`${path} (${recorded} vs ${workflow})`);
    else differences.push(`${path}: record ${recorded}, workflow ${workflow}`);
    return;
  }
  if (Array.isArray(recorded) && Array.isArray(workflow)) {
    if (recorded.length !== workflow.length) differences.push(`${path}: ${recorded.length} in the record, ${workflow.length} in the workflow`);
    for (let i = 0; i < Math.min(recorded.length, workflow.length); i++) walk(recorded[i], workflow[i], `${path}[${i}]`, drifted, differences);
    return;
  }
  if (isObject(recorded) && isObject(workflow)) {
    for (const key of new Set([...Object.keys(recorded), ...Object.keys(workflow)])) walk(recorded[key], workflow[key], `${path}.${key}`, drifted, differences);
    return;
  }
  differences.push(`${path}: record ${JSON.stringify(recorded)?.slice(0, 200)}, workflow ${JSON.stringify(workflow)?.slice(0, 200)}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
