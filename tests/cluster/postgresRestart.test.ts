/**
 * PostgreSQL, the cluster's only state, restarted twice under load (fast shutdown: every open
 * session cut, as an operator's restart or a failover does). The Temporal server, the workers and
 * the API instances must recover by themselves: no manual step, nothing lost or duplicated, and
 * reminders due meanwhile sent once each.
 */
import { faultPoints, progressReaches } from '../reliability/support/driver';
import { report, runScenario, sleep } from '../reliability/support/scenario';
import { ClusterUnderTest } from './support/clusterUnderTest';
import { ReminderProbe } from './support/reminderProbe';

const REQUESTS = Number(process.env.CLUSTER_REQUESTS ?? 120);

test(`cluster: PostgreSQL restarted twice under a load of ${REQUESTS} requests`, async () => {
  const result = await runScenario<ClusterUnderTest>({
    name: 'cluster-postgres-restart',
    seed: 5505,
    requests: REQUESTS,
    makeStack: (o) => new ClusterUnderTest(o),
    async faults({ stack, load, receivers, r, finished, note }) {
      const c = stack.cluster;
      const probe = new ReminderProbe(load, receivers);
      await probe.create(2, 'cluster-postgres');
      const outages: Array<{ atProgress: number; ms: number }> = [];
      for (const point of faultPoints(r, 2, 0.15, 0.7)) {
        await progressReaches(load, point, finished);
        const t = Date.now();
        const atProgress = Number(load.progress.toFixed(3));
        await c.postgres!.stop('SIGINT', 60_000);
        await sleep(r.int(2000, 10_000));
        await c.startPostgres();
        outages.push({ atProgress, ms: Date.now() - t });
      }
      note('postgresOutages', outages);
      const reminders = await probe.check(240_000);
      note('reminders', { sent: reminders.reminders, redelivered: reminders.duplicates });
      load.mismatches.push(...reminders.mismatches);
    },
  });
  expect(result.summary.starts).toMatchObject({ postgres: 3, server: 1 });
  expect((result.summary.postgresOutages as Array<{ atProgress: number }>).every((o) => o.atProgress < 1)).toBe(true);
  expect((result.summary.reminders as { sent: number }).sent).toBe(6);
  if (result.mismatches.length) throw new Error(report(result.mismatches));
});
