/**
 * Scenario: the records store's PostgreSQL is SIGKILLed at random moments of the load (≥ 3 times)
 * and started again. The coordination never waits for it: every request ends as the oracle says
 * (reads of closed requests come from the records), and afterwards every request's record equals
 * its workflow's queried state, with the whole timeline — 0 lost records.
 */
import { isDeepStrictEqual } from 'node:util';
import { readRecord, readTimeline } from '../../src/records/reader';
import type { TimelineEvent } from '../../src/domain/types';
import { stateQuery, timelineQuery, workflowIdFor } from '../../workflows/messages';
import { startTestPostgres, testDatabase, type TestPostgres } from '../support/postgres';
import { faultPoints, progressReaches } from './support/driver';
import { report, runScenario, sleep } from './support/scenario';
import { Stack, type StackOptions } from './support/stack';

const REQUESTS = Number(process.env.RELIABILITY_REQUESTS ?? 200);
const KILLS = Number(process.env.RELIABILITY_DB_KILLS ?? 4);

/** The usual stack, with a PostgreSQL of its own for the records store (the one being killed). */
class DbKillStack extends Stack {
  pg?: TestPostgres;
  constructor(opts: StackOptions) {
    super(opts);
  }
  override async startAll(): Promise<void> {
    this.pg ??= await startTestPostgres();
    this.records ??= await testDatabase(this.pg);
    await super.startAll();
  }
  override async stopAll(): Promise<void> {
    await super.stopAll();
    await this.pg?.destroy();
  }
}

/** What differs between a record and its workflow (null: nothing), for the failure message. */
function recordDifference(recorded: unknown, state: object, stored: TimelineEvent[], timeline: TimelineEvent[]): string | null {
  const parts: string[] = [];
  if (!recorded) parts.push('no record');
  else if (!isDeepStrictEqual(recorded, state)) {
    const r = recorded as Record<string, unknown>;
    const s = state as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(r), ...Object.keys(s)])].filter((k) => !isDeepStrictEqual(r[k], s[k]));
    parts.push(`state differs in ${keys.map((k) => `${k} (record ${JSON.stringify(r[k])?.slice(0, 300)}, workflow ${JSON.stringify(s[k])?.slice(0, 300)})`).join(', ')}`);
  }
  if (!isDeepStrictEqual(stored, timeline)) {
    const storedSeqs = new Set(stored.map((e) => e.seq));
    const missing = timeline.filter((e) => !storedSeqs.has(e.seq)).map((e) => `${e.seq}:${e.kind}`);
    parts.push(`timeline: ${stored.length} stored, ${timeline.length} in the workflow, missing [${missing.slice(0, 10).join(', ')}]`);
  }
  return parts.length ? parts.join('; ') : null;
}

test(`records store's PostgreSQL SIGKILLed ${KILLS}× under a load of ${REQUESTS} requests: 0 lost records`, async () => {
  const result = await runScenario<DbKillStack>({
    name: 'db-kill',
    seed: 1401,
    requests: REQUESTS,
    makeStack: (opts) => new DbKillStack(opts),
    async faults({ stack, load, r, finished, note }) {
      const kills: Array<{ atProgress: number; downMs: number }> = [];
      for (const point of faultPoints(r, KILLS)) {
        await progressReaches(load, point, finished);
        await sleep(r.int(0, 400));
        await stack.pg!.kill();
        const downMs = r.int(500, 5000);
        kills.push({ atProgress: Number(load.progress.toFixed(3)), downMs });
        await sleep(downMs);
        await stack.pg!.restart();
      }
      note('dbKills', kills.length);
      note('killedAtProgress', kills.map((k) => k.atProgress));
      while (!finished()) await sleep(500);
      // Every request's record catches up with its workflow (closed ones end only when recorded).
      const client = await stack.client();
      const deadline = Date.now() + 240_000;
      let lost: string[] = [];
      const why = new Map<string, string>();
      do {
        lost = [];
        for (const id of load.ids.values()) {
          const handle = client.workflow.getHandle(workflowIdFor(id));
          const [state, timeline, rec, stored] = await Promise.all([
            handle.query(stateQuery),
            handle.query(timelineQuery),
            readRecord(stack.records!.db, id).catch(() => null),
            readTimeline(stack.records!.db, id).catch(() => []),
          ]);
          const difference = recordDifference(rec?.state, state, stored, timeline);
          if (difference) {
            lost.push(id);
            why.set(id, difference);
          }
        }
        if (lost.length) await sleep(2000);
      } while (lost.length && Date.now() < deadline);
      note('recordsBehindAtEnd', lost.length);
      for (const id of lost.slice(0, 10)) {
        // What the workflow is doing about it: its status and any recording activity still pending.
        const described = await client.workflow.getHandle(workflowIdFor(id)).describe();
        const pending = (described.raw.pendingActivities ?? []).map(
          (a) => `${a.activityType?.name} attempt ${a.attempt} state ${a.state} last failure ${a.lastFailure?.message ?? 'none'}`,
        );
        load.mismatches.push(`record of ${id} (${described.status.name}) differs from its workflow: ${why.get(id)}; pending activities [${pending.join('; ')}]`);
      }
      if (lost.length) console.log(`[reliability] worker output, last lines:\n${stack.worker?.output()}`);
    },
  });
  expect(result.summary.dbKills).toBeGreaterThanOrEqual(Math.min(3, KILLS));
  if (result.mismatches.length) throw new Error(report(result.mismatches));
  expect(result.summary.recordsBehindAtEnd).toBe(0);
});
