/** Phase "burst": many reminders due at one instant, each an email through the real activity to the SMTP sink. */
import { runPool, sleep, waitFor } from '../load';
import { say } from '../say';
import { fmt, ratePerSecond } from '../stats';
import { createBody, drainCreated, logPool, PARTICIPANTS, startOnly, type Ctx } from './context';

export interface BurstResult {
  requests: number;
  participants: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  instant: string;
  setupFinishedBeforeInstant: boolean;
  setupMarginMs: number;
  firstDeliveryAfterMs: number;
  lastDeliveryAfterMs: number;
  deliveriesPerSecond: number;
  workerPeakRss: number;
}

/**
 * K requests whose one reminder (at the deadline, an absolute instant T shared by all, working
 * hours off) falls due at T; every reminder is an email through the real activity to the SMTP
 * sink. T is placed after the estimated set-up time (creation and its mails), so at T the system
 * is idle but for the burst.
 */
export async function phaseBurst(ctx: Ctx, setupRateHint: number | undefined): Promise<BurstResult> {
  const k = ctx.opts.burst;
  const participants = PARTICIPANTS.slice(0, ctx.opts.burstParticipants);
  const rate = setupRateHint && Number.isFinite(setupRateHint) ? setupRateHint : 20;
  const setupS = (k / rate) * 1.5 + 20;
  const instantMs = Math.ceil((Date.now() + setupS * 1000) / 1000) * 1000;
  const instant = new Date(instantMs).toISOString();
  say(`burst: ${k} requests × ${participants.length} recipient(s), reminders due at ${instant} (in ${fmt(setupS)} s)`);
  const body = createBody({ kind: 'AT', at: instant }, participants, { before: [], atDeadline: true, repeatEvery: null, escalateAfter: null });
  const burstIds = new Set<string>();
  const mailsBefore = ctx.env.sink.countKind('REQUEST_CREATED');
  const r = await runPool(k, ctx.opts.concurrency, async () => {
    burstIds.add(await startOnly(ctx, body));
  });
  logPool('burst: started', r);
  await drainCreated(ctx, mailsBefore + r.ok * participants.length, 'burst set-up');
  const setupMarginMs = instantMs - Date.now();
  say(`burst: set-up finished ${fmt(setupMarginMs / 1000)} s before the instant`);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, ctx.env.worker.rss().rss || 0)), 500);
  const expected = r.ok * participants.length;
  const count = () => ctx.env.sink.countKind('REMINDER_DUE');
  await sleep(Math.max(0, instantMs - Date.now()));
  await waitFor(count, expected, { stallMs: 60_000, maxMs: 20 * 60_000, pollMs: 200 });
  await sleep(3000); // late duplicates, if any
  clearInterval(sampler);
  const got = [...ctx.env.sink.deliveries.values()].filter((d) => d.kind === 'REMINDER_DUE' && burstIds.has(d.key.split(':')[0]));
  const times = got.map((d) => d.firstAt);
  const first = times.length ? Math.min(...times) - instantMs : NaN;
  const last = times.length ? Math.max(...times) - instantMs : NaN;
  return {
    requests: r.ok,
    participants: participants.length,
    expected,
    delivered: got.length,
    lost: expected - got.length,
    duplicates: got.reduce((a, d) => a + d.copies - 1, 0),
    instant,
    setupFinishedBeforeInstant: setupMarginMs > 0,
    setupMarginMs,
    firstDeliveryAfterMs: first,
    lastDeliveryAfterMs: last,
    deliveriesPerSecond: ratePerSecond(got.length, last),
    workerPeakRss: peak,
  };
}
