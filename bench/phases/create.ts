/** Phase "create": create throughput through the API, through the client, and bare client starts. */
import { runPool } from '../load';
import { ratePerSecond } from '../stats';
import { apiCreate, directCreate, drainCreated, logPool, OPEN_BODY, PARTICIPANTS, startOnly, type Body, type Ctx } from './context';

export interface CreateResult {
  n: number;
  concurrency: number;
  api: { ms: number; ok: number; errors: number; rate: number };
  direct: { ms: number; ok: number; errors: number; rate: number };
  startOnly: { ms: number; ok: number; errors: number; rate: number };
  ratio: number;
  ratioVsStartOnly: number;
}

/**
 * N creates through each of: the API (POST, 201 with the state), the client doing the same work
 * (CoordinationService.create: one Update-With-Start call), and a bare client start. Interleaved in two
 * rounds (A B C C B A) so drift (a growing SQLite file) touches all; the worker catches up between
 * runs so each run starts from an idle system.
 */
export async function phaseCreate(ctx: Ctx, ids: string[]): Promise<CreateResult> {
  const { n, concurrency } = ctx.opts;
  const variants = {
    api: (b: Body) => apiCreate(ctx, b),
    direct: (b: Body) => directCreate(ctx, b),
    startOnly: (b: Body) => startOnly(ctx, b),
  };
  const acc = { api: { ms: 0, ok: 0, errors: 0 }, direct: { ms: 0, ok: 0, errors: 0 }, startOnly: { ms: 0, ok: 0, errors: 0 } };
  // Warm-up (connections, JIT, first workflow bundle load in the worker) outside the figures.
  for (const fn of Object.values(variants)) for (let i = 0; i < 10; i++) ids.push(await fn(OPEN_BODY));
  let expectedMails = ids.length * PARTICIPANTS.length;
  await drainCreated(ctx, expectedMails, 'warm-up');
  const halves = [Math.ceil(n / 2), Math.floor(n / 2)];
  for (const [round, count] of halves.entries()) {
    // A B C, then C B A: no variant always runs first (or last) in a round.
    const order = Object.entries(variants) as Array<[keyof typeof variants, (b: Body) => Promise<string>]>;
    for (const [name, fn] of round === 0 ? order : [...order].reverse()) {
      const r = await runPool(count, concurrency, async () => {
        ids.push(await fn(OPEN_BODY));
      });
      logPool(`create round ${round + 1} ${name}`, r);
      acc[name].ms += r.ms;
      acc[name].ok += r.ok;
      acc[name].errors += r.errors;
      expectedMails += r.ok * PARTICIPANTS.length;
      await drainCreated(ctx, expectedMails, `create ${name}`);
    }
  }
  const withRate = (x: { ms: number; ok: number; errors: number }) => ({ ...x, rate: ratePerSecond(x.ok, x.ms) });
  const api = withRate(acc.api);
  const direct = withRate(acc.direct);
  const so = withRate(acc.startOnly);
  return { n, concurrency, api, direct, startOnly: so, ratio: api.rate / direct.rate, ratioVsStartOnly: api.rate / so.rate };
}
