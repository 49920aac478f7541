/**
 * Scenario 4: the SMTP sink and the webhook receiver are down for a window (~10 s) in the middle
 * of the load. Every notification must be delivered after recovery (the activity retries from 2 s
 * with backoff 2), recorded as delivered in the timeline, and any duplicate must carry the same
 * idempotency key (Message-ID / Idempotency-Key) and the same content.
 */
import { progressReaches } from './support/driver';
import { report, runScenario, sleep } from './support/scenario';

const REQUESTS = Number(process.env.RELIABILITY_REQUESTS ?? 200);
const OUTAGE_MS = Number(process.env.RELIABILITY_OUTAGE_MS ?? 10_000);

test(`SMTP and webhook receivers down for ${OUTAGE_MS} ms under a load of ${REQUESTS} requests`, async () => {
  const mailsBefore = { count: 0 };
  const result = await runScenario({
    name: 'receivers-down',
    seed: 4404,
    requests: REQUESTS,
    settleMs: 180_000,
    async faults({ receivers, load, r, finished, note }) {
      await progressReaches(load, 0.2 + r.next() * 0.2, finished);
      const at = Number(load.progress.toFixed(3));
      await Promise.all([receivers.smtp.down(), receivers.webhook.down()]);
      mailsBefore.count = receivers.smtp.mails.length + receivers.webhook.received.length;
      const progressBefore = load.done;
      await sleep(OUTAGE_MS);
      const during = receivers.smtp.mails.length + receivers.webhook.received.length - mailsBefore.count;
      note('outage', { atProgress: at, ms: OUTAGE_MS, loadStepsDuringOutage: load.done - progressBefore, receivedDuringOutage: during });
      await Promise.all([receivers.smtp.up(), receivers.webhook.up()]);
    },
  });
  const outage = result.summary.outage as { loadStepsDuringOutage: number; receivedDuringOutage: number };
  // The outage was real: the load went on, nothing arrived while the receivers were down.
  expect(outage.receivedDuringOutage).toBe(0);
  expect(outage.loadStepsDuringOutage).toBeGreaterThan(0);
  if (result.mismatches.length) throw new Error(report(result.mismatches));
});
