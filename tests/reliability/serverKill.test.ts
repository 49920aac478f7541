/**
 * Scenario 2: the Temporal dev server is killed with SIGKILL during the load and started again on
 * the same SQLite file and ports. Clients retry (503 / connection errors) until it is back.
 */
import { faultPoints, progressReaches } from './support/driver';
import { report, runScenario, sleep } from './support/scenario';
import { hardKill } from './support/stack';

const REQUESTS = Number(process.env.RELIABILITY_REQUESTS ?? 200);
const KILLS = Number(process.env.RELIABILITY_KILLS ?? 3);

test(`Temporal dev server SIGKILLed ${KILLS}× under a load of ${REQUESTS} requests`, async () => {
  const result = await runScenario({
    name: 'server-kill',
    seed: 2202,
    requests: REQUESTS,
    async faults({ stack, load, r, finished, note }) {
      const kills: number[] = [];
      const outages: number[] = [];
      for (const point of faultPoints(r, KILLS, 0.1, 0.8)) {
        await progressReaches(load, point, finished);
        await sleep(r.int(0, 400));
        await hardKill(stack.server);
        kills.push(Number(load.progress.toFixed(3)));
        const t = Date.now();
        // Down long enough (with the restart) that some calls outlast the API's 10 s Temporal deadline: 503 + client retry.
        await sleep(r.int(2000, 12_000));
        await stack.startServer();
        outages.push(Date.now() - t);
      }
      note('kills', kills.length);
      note('killedAtProgress', kills);
    },
  });
  expect(result.summary.kills).toBeGreaterThanOrEqual(Math.min(1, KILLS));
  if (result.mismatches.length) throw new Error(report(result.mismatches));
});
