/**
 * One fault scenario: receivers + stack up, scripted load with a fault injector running beside it,
 * then every end-of-run check, a negative control (the oracle must notice a wrong state), a
 * summary line for docs/RELIABILITY.md, and everything stopped.
 */
import { isDeepStrictEqual } from 'node:util';
import { Load, type DeliveryStats } from './driver';
import { channelsFor, generateScripts } from './model';
import { rng, seedFor, type Rng } from './prng';
import { startReceivers, type Receivers } from './receivers';
import { Stack, WEBHOOK_ORGS, WEBHOOK_SECRET, type StackOptions, type SystemUnderTest } from './stack';

export interface ScenarioContext<S extends SystemUnderTest = Stack> {
  stack: S;
  receivers: Receivers;
  load: Load;
  r: Rng;
  /** True once the load has finished (fault injectors stop early then). */
  finished(): boolean;
  note(key: string, value: unknown): void;
}

export interface ScenarioOptions<S extends SystemUnderTest = Stack> {
  /** The system the load runs against (default: dev server, one worker, one API). */
  makeStack?: (opts: StackOptions) => S;
  name: string;
  seed: number;
  requests: number;
  concurrency?: number;
  thinkMs?: [number, number];
  /** Runs beside the load; must leave every process running when it returns. */
  faults(ctx: ScenarioContext<S>): Promise<void>;
  /** How long delivery events may take to settle at the end (outages need longer). */
  settleMs?: number;
}

export interface ScenarioResult {
  mismatches: string[];
  summary: Record<string, unknown>;
  deliveries: DeliveryStats;
}

export async function runScenario<S extends SystemUnderTest = Stack>(opts: ScenarioOptions<S>): Promise<ScenarioResult> {
  const started = Date.now();
  const seed = seedFor(opts.name, opts.seed);
  const r = rng(seed);
  const receivers = await startReceivers(WEBHOOK_SECRET);
  const stackOptions = { smtpUrl: receivers.smtp.url, webhookUrl: receivers.webhook.url };
  const stack = opts.makeStack ? opts.makeStack(stackOptions) : (new Stack(stackOptions) as unknown as S);
  const notes: Record<string, unknown> = {};
  try {
    await stack.startAll();
    const scripts = generateScripts(r, opts.requests, `${opts.name}-${seed}`, channelsFor(WEBHOOK_ORGS));
    const load = new Load(stack, scripts, { concurrency: opts.concurrency ?? 12, thinkMs: opts.thinkMs ?? [20, 200], retryDeadlineMs: 240_000 });
    let finished = false;
    const ctx: ScenarioContext<S> = { stack, receivers, load, r: rng(r.int(1, 2 ** 31)), finished: () => finished, note: (k, v) => (notes[k] = v) };
    const loadSeed = rng(r.int(1, 2 ** 31));
    const running = load.run(loadSeed).finally(() => (finished = true));
    const faults = opts.faults(ctx);
    await Promise.all([running, faults]);
    const loadDoneAt = Date.now();

    const settle = opts.settleMs ?? 90_000;
    await load.checkFinalStatesAndTimelines(settle);
    const { count } = await load.checkWorkflowsInVisibility(60_000);
    const deliveries = await load.checkDeliveries(receivers, settle);

    // Negative control: the same check, fed a deliberately wrong expectation, must object.
    const probe = scripts[0];
    const actual = await load.readState(probe);
    const wrong = { ...probe.final, status: probe.final.status === 'APPROVED' ? 'REJECTED' : 'APPROVED' };
    if (isDeepStrictEqual(actual, wrong)) load.mismatches.push('negative control: a deliberately wrong final state was not told apart');
    load.mismatches.push(...stack.deadProcesses());

    const summary = {
      scenario: opts.name,
      seed,
      requests: scripts.length,
      actions: load.stats.actions,
      expected409: scripts.reduce((n, s) => n + s.actions.filter((a) => a.expectStatus === 409).length, 0),
      finalStatuses: countBy(scripts.map((s) => s.final.status)),
      httpCalls: load.stats.httpCalls,
      retries: load.stats.retries,
      createsAnsweredByRetry200: load.stats.createdOnRetry,
      actionsRetriedAfterACutAttempt: load.stats.ambiguousRetries,
      workflowsInVisibility: count,
      starts: stack.starts,
      deliveries,
      ...notes,
      mismatches: load.mismatches.length,
      loadSeconds: Math.round((loadDoneAt - started) / 1000),
      totalSeconds: Math.round((Date.now() - started) / 1000),
    };
    process.stdout.write(`[reliability] summary ${JSON.stringify(summary)}\n`);
    return { mismatches: load.mismatches, summary, deliveries };
  } finally {
    await stack.stopAll();
    await receivers.stop();
  }
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Mismatches, at most `n`, as one readable failure message. */
export function report(mismatches: string[], n = 15): string {
  return `${mismatches.length} mismatch(es):\n${mismatches.slice(0, n).join('\n')}`;
}
