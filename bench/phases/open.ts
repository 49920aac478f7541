/** Phase "open": worker memory and read latency with many open requests, each with pending reminder timers. */
import { performance } from 'node:perf_hooks';
import { rng, runPool, sleep, timed } from '../load';
import { say } from '../say';
import { fmt, fmtMiB, ratePerSecond, summarize, type LatencySummary } from '../stats';
import { apiGet, directQuery, drainCreated, logPool, OPEN_BODY, PARTICIPANTS, startOnly, type Ctx } from './context';

export interface OpenLevel {
  open: number;
  setupMs: number;
  setupRate: number;
  workerRss: number;
  workerPeakRss: number;
  workerHeapUsed: number;
  read: { api: LatencySummary; direct: LatencySummary; errors: number };
}

/**
 * Open requests, each with pending reminder timers (deadline in 7 days: H-3, H-1, at-deadline
 * timers), started with the client (set-up, not the measured part) on a freshly started worker.
 * At each level, once the worker has finished setting all of them up: worker RSS, then API GETs
 * and direct queries on random open requests, alternating, one at a time.
 */
export async function phaseOpen(ctx: Ctx, openIds: string[], levels: OpenLevel[]): Promise<OpenLevel[]> {
  const pick = rng(7);
  for (const level of ctx.opts.open) {
    const need = level - openIds.length;
    const mailsBefore = ctx.env.sink.countKind('REQUEST_CREATED');
    const t0 = performance.now();
    const r = await runPool(need, ctx.opts.concurrency, async () => {
      openIds.push(await startOnly(ctx, OPEN_BODY));
    });
    logPool(`open ${level}: started ${need}`, r);
    await drainCreated(ctx, mailsBefore + r.ok * PARTICIPANTS.length, `open ${level}`);
    const setupMs = performance.now() - t0;
    say(`open ${level}: worker caught up after ${fmt(setupMs / 1000)} s (${fmt(ratePerSecond(r.ok, setupMs))} requests/s fully set up)`);
    await sleep(5000); // let the last workflow tasks and GC settle
    const { rss, peak } = ctx.env.worker.rss();
    const mem = await ctx.env.worker.mem();
    say(`open ${level}: worker RSS ${fmtMiB(rss)} (peak ${fmtMiB(peak)}, JS heap used ${fmtMiB(mem.heapUsed)})`);
    const api: number[] = [];
    const direct: number[] = [];
    let errors = 0;
    for (let i = 0; i < ctx.opts.openReads + 20; i++) {
      // Each side reads its own random request: with a bounded worker cache, reading the same id
      // twice in a row would hand the second reader a workflow the first one just replayed.
      const idApi = openIds[pick(openIds.length)];
      const idDirect = openIds[pick(openIds.length)];
      try {
        const a = await timed(() => apiGet(ctx, idApi));
        const d = await timed(() => directQuery(ctx, idDirect));
        if (i >= 20) {
          api.push(a);
          direct.push(d);
        }
      } catch (err) {
        errors += 1;
        if (errors === 1) say(`open read error: ${(err as Error).message}`);
      }
    }
    levels.push({
      open: level,
      setupMs,
      setupRate: ratePerSecond(r.ok, setupMs),
      workerRss: rss,
      workerPeakRss: peak,
      workerHeapUsed: mem.heapUsed,
      read: { api: summarize(api), direct: summarize(direct), errors },
    });
    say(`open ${level}: API GET p50 ${fmt(levels.at(-1)!.read.api.p50)} ms, p99 ${fmt(levels.at(-1)!.read.api.p99)} ms`);
  }
  return levels;
}
