/** The selected phases on one system, in order; a phase that fails is recorded and the next one runs. */
import type { BenchEnv } from '../env/system';
import type { BenchOptions } from '../options';
import { say } from '../say';
import { phaseBurst, type BurstResult } from './burst';
import { createContext, startOpenRequests, terminateAll } from './context';
import { phaseCreate, type CreateResult } from './create';
import { phaseLatency, type LatencyResult } from './latency';
import { phaseOpen, type OpenLevel } from './open';
import { phaseRecords, type RecordsResult } from './records';

/** What runPhases fills in. */
export interface PhaseResults {
  create?: CreateResult;
  latency?: LatencyResult;
  open?: OpenLevel[];
  burst?: BurstResult;
  records?: RecordsResult;
  errors: string[];
}

export async function runPhases(env: BenchEnv, opts: BenchOptions, res: PhaseResults): Promise<void> {
  const ctx = createContext(env, opts);
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    say(`== ${name}`);
    try {
      return await fn();
    } catch (err) {
      const msg = `${name}: ${err instanceof Error ? err.message : String(err)}`;
      res.errors.push(msg);
      say(`FAILED ${msg}`);
      return undefined;
    }
  };
  const created: string[] = [];
  if (opts.phases.includes('create')) res.create = await step('create throughput', () => phaseCreate(ctx, created));
  if (opts.phases.includes('latency')) {
    res.latency = await step('read and respond latency', async () => {
      if (created.length < opts.calls + 20) await startOpenRequests(ctx, opts.calls + 20 - created.length, created, 'latency set-up');
      return phaseLatency(ctx, created);
    });
  }
  if (created.length && (opts.phases.includes('open') || opts.phases.includes('burst'))) {
    await step('clean-up', async () => {
      await terminateAll(ctx, created);
      say('restarting the worker for clean memory figures');
      await env.restartWorker();
    });
  }
  if (opts.phases.includes('open')) {
    const levels: OpenLevel[] = (res.open = []); // filled level by level: kept if the time limit strikes
    await step('open work', () => phaseOpen(ctx, [], levels));
  }
  if (opts.phases.includes('burst')) res.burst = await step('reminder burst', () => phaseBurst(ctx, res.open?.at(-1)?.setupRate));
  if (opts.phases.includes('records')) res.records = await step('records store', () => phaseRecords(ctx));
}
