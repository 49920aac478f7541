/**
 * Scenario 3: the API process is killed with SIGKILL during the load and started again on the same
 * port while clients retry, creates with their Idempotency-Key. Visibility must list exactly one
 * workflow per scripted request (no duplicates).
 */
import { faultPoints, progressReaches } from './support/driver';
import { report, runScenario, sleep } from './support/scenario';
import { hardKill } from './support/stack';

const REQUESTS = Number(process.env.RELIABILITY_REQUESTS ?? 200);
const KILLS = Number(process.env.RELIABILITY_KILLS ?? 6);

test(`API process SIGKILLed ${KILLS}× under a load of ${REQUESTS} requests`, async () => {
  const result = await runScenario({
    name: 'api-kill',
    seed: 3303,
    requests: REQUESTS,
    async faults({ stack, load, r, finished, note }) {
      const kills: number[] = [];
      for (const point of faultPoints(r, KILLS)) {
        await progressReaches(load, point, finished);
        await sleep(r.int(0, 300));
        await hardKill(stack.api);
        kills.push(Number(load.progress.toFixed(3)));
        await sleep(r.int(100, 1500));
        await stack.startApi();
      }
      note('kills', kills.length);
      note('killedAtProgress', kills);
    },
  });
  expect(result.summary.kills).toBeGreaterThanOrEqual(Math.min(5, KILLS));
  expect(result.summary.workflowsInVisibility).toBe(result.summary.requests);
  if (result.mismatches.length) throw new Error(report(result.mismatches));
});
