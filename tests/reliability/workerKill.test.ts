/**
 * Scenario 1: the worker is killed with SIGKILL at random moments of the load (≥ 5 times) and
 * started again. Every request must end exactly as the oracle says, with the expected responses,
 * timeline and deliveries.
 */
import { faultPoints, progressReaches } from './support/driver';
import { report, runScenario, sleep } from './support/scenario';
import { hardKill } from './support/stack';

const REQUESTS = Number(process.env.RELIABILITY_REQUESTS ?? 200);
const KILLS = Number(process.env.RELIABILITY_KILLS ?? 6);

test(`worker SIGKILLed ${KILLS}× under a load of ${REQUESTS} requests`, async () => {
  const result = await runScenario({
    name: 'worker-kill',
    seed: 1101,
    requests: REQUESTS,
    async faults({ stack, load, r, finished, note }) {
      const kills: Array<{ atProgress: number; downMs: number }> = [];
      for (const point of faultPoints(r, KILLS)) {
        await progressReaches(load, point, finished);
        await sleep(r.int(0, 400)); // a random moment, not a round number of calls
        await hardKill(stack.worker);
        const downMs = r.int(200, 3000);
        kills.push({ atProgress: Number(load.progress.toFixed(3)), downMs });
        await sleep(downMs);
        await stack.startWorker();
      }
      note('kills', kills.length);
      note('killedAtProgress', kills.map((k) => k.atProgress));
    },
  });
  expect(result.summary.kills).toBeGreaterThanOrEqual(Math.min(5, KILLS));
  expect(result.summary.requests).toBeGreaterThanOrEqual(Math.min(200, REQUESTS));
  if (result.mismatches.length) throw new Error(report(result.mismatches));
});
