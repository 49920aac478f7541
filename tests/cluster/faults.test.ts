/**
 * The production topology (PostgreSQL, self-hosted Temporal server, two workers, two API
 * instances) under the reliability suite's scripted load, calls spread over both API instances,
 * while its processes are killed: one worker (SIGKILL; the other carries on, the killed one rejoins),
 * one API instance (SIGKILL; clients retry on the other with their Idempotency-Keys), the Temporal
 * server (SIGTERM, then SIGKILL on a second round). Every request must end as the oracle says,
 * with its timeline and deliveries: nothing lost, nothing duplicated; reminders due during the
 * faults are sent once each.
 */
import { faultPoints, progressReaches } from '../reliability/support/driver';
import { report, runScenario, sleep } from '../reliability/support/scenario';
import { ClusterUnderTest } from './support/clusterUnderTest';
import { ReminderProbe } from './support/reminderProbe';

const REQUESTS = Number(process.env.CLUSTER_REQUESTS ?? 120);

test(`cluster: a worker, an API instance and the Temporal server killed under a load of ${REQUESTS} requests`, async () => {
  const result = await runScenario<ClusterUnderTest>({
    name: 'cluster-process-faults',
    seed: 4404,
    requests: REQUESTS,
    makeStack: (o) => new ClusterUnderTest(o),
    async faults({ stack, load, receivers, r, finished, note }) {
      const c = stack.cluster;
      const probe = new ReminderProbe(load, receivers);
      await probe.create(3, 'cluster-faults');
      const at: Record<string, number> = {};
      const [workerAt, apiAt, termAt, killAt] = faultPoints(r, 4, 0.1, 0.75);

      await progressReaches(load, workerAt, finished);
      const w = r.int(0, 1);
      at.workerKill = load.progress;
      await c.workers[w]!.stop('SIGKILL');
      const before = load.done;
      await sleep(r.int(4000, 8000));
      // The surviving worker carried the load alone meanwhile.
      note('stepsWhileOneWorkerDown', load.done - before);
      await c.startWorker(w);

      await progressReaches(load, apiAt, finished);
      const a = r.int(0, 1);
      at.apiKill = load.progress;
      await c.apis[a]!.stop('SIGKILL');
      await sleep(r.int(1000, 4000));
      await c.startApi(a);

      await progressReaches(load, termAt, finished);
      at.serverTerm = load.progress;
      await c.server!.stop('SIGTERM', 60_000);
      await sleep(r.int(1000, 5000));
      await c.startServer();

      await progressReaches(load, killAt, finished);
      at.serverKill = load.progress;
      await c.server!.stop('SIGKILL');
      await sleep(r.int(2000, 10_000));
      await c.startServer();
      note('faultsAtProgress', Object.fromEntries(Object.entries(at).map(([k, v]) => [k, Number(v.toFixed(3))])));

      const reminders = await probe.check(240_000);
      note('reminders', { sent: reminders.reminders, redelivered: reminders.duplicates });
      load.mismatches.push(...reminders.mismatches);
    },
  });
  expect(result.summary.requests).toBe(REQUESTS);
  expect(result.summary.stepsWhileOneWorkerDown).toBeGreaterThan(0);
  // Every fault struck while the load was running.
  expect(Object.values(result.summary.faultsAtProgress as Record<string, number>).every((p) => p < 1)).toBe(true);
  expect(result.summary.starts).toMatchObject({ worker: 3, api: 3, server: 3 });
  expect((result.summary.reminders as { sent: number }).sent).toBe(9);
  if (result.mismatches.length) throw new Error(report(result.mismatches));
});
