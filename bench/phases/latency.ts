/** Phase "latency": read, respond and create latency, one call at a time, through the API and with the client. */
import type { Actor } from '../../src/domain/types';
import type { coordinationWorkflow } from '../../workflows/coordination';
import { respondUpdate, workflowIdFor } from '../../workflows/messages';
import { httpJson, rng, timed } from '../load';
import { say } from '../say';
import { summarize, type LatencySummary } from '../stats';
import { apiGet, directQuery, PARTICIPANTS, type Ctx } from './context';
import { measureCreateLatency, type CreateLatency } from './createLatency';

export interface LatencyResult {
  calls: number;
  read: { api: LatencySummary; direct: LatencySummary; sameRpcs: LatencySummary; errors: number };
  respond: { api: LatencySummary; direct: LatencySummary; sameRpcs: LatencySummary; errors: number };
  create: CreateLatency;
}

/**
 * One call at a time (latency, not load), API and direct alternating call by call so background
 * noise falls on both alike. Reads: GET vs a `state` Query. Responds: POST .../responses vs the
 * `respond` Update, ACKNOWLEDGE on a distinct seat each time (an acknowledgement keeps the request
 * open and sends no mail, so every call does the same work). Creates last (createLatency.ts), so
 * their mails do not fall on the other series; the new requests join `pool` for the clean-up.
 */
export async function phaseLatency(ctx: Ctx, pool: string[]): Promise<LatencyResult> {
  const calls = ctx.opts.calls;
  const pick = rng(42);
  const readApi: number[] = [];
  const readDirect: number[] = [];
  const readSame: number[] = [];
  let readErrors = 0;
  for (let i = 0; i < calls + 20; i++) {
    // Each series reads its own random request: with a bounded worker cache, reading one id three
    // times in a row would let the later readers find the workflow the first one just replayed.
    const [idApi, idDirect, idRef] = [0, 1, 2].map(() => pool[pick(pool.length)]);
    try {
      const a = await timed(() => apiGet(ctx, idApi));
      const d = await timed(() => directQuery(ctx, idDirect));
      // Reference: the API's own Temporal call from the client (one query; authorization reads its result).
      const s = await timed(() => ctx.service.state(idRef));
      if (i >= 20) {
        readApi.push(a);
        readDirect.push(d);
        readSame.push(s);
      }
    } catch (err) {
      readErrors += 1;
      if (readErrors === 1) say(`read error: ${(err as Error).message}`);
    }
  }
  say(`reads: ${readApi.length} API GETs and ${readDirect.length} direct queries`);

  // Seats in random order, so the three series of one round answer in different requests (the
  // three seats of one request side by side would hand the later series a freshly cached workflow).
  const seats = pool.flatMap((id) => PARTICIPANTS.map((org) => ({ id, org })));
  const shuffle = rng(99);
  for (let i = seats.length - 1; i > 0; i--) {
    const j = shuffle(i + 1);
    [seats[i], seats[j]] = [seats[j], seats[i]];
  }
  const needed = 3 * (calls + 20);
  if (seats.length < needed) throw new Error(`latency needs ${needed} open seats, the create phase made ${seats.length}; raise BENCH_N or lower BENCH_CALLS`);
  const respApi: number[] = [];
  const respDirect: number[] = [];
  const respSame: number[] = [];
  let respErrors = 0;
  for (let i = 0; i < calls + 20; i++) {
    const a = seats[3 * i];
    const d = seats[3 * i + 1];
    const r = seats[3 * i + 2];
    try {
      const ta = await timed(async () =>
        httpJson('POST', `${ctx.env.api.url}/v1/coordination-requests/${a.id}/responses`, await ctx.env.bearer(a.org), { organization: a.org, decision: 'ACKNOWLEDGE' }, [200]),
      );
      const actor: Actor = { sub: `bench-${d.org}`, org: d.org, roles: ['staff'] };
      const td = await timed(() =>
        ctx.env.client.workflow.getHandle<typeof coordinationWorkflow>(workflowIdFor(d.id)).executeUpdate(respondUpdate, { args: [{ actor, organization: d.org, decision: 'ACKNOWLEDGE' }] }),
      );
      // Reference: the API's own Temporal calls from the client (describe, then the update).
      const rActor: Actor = { sub: `bench-${r.org}`, org: r.org, roles: ['staff'] };
      const ts = await timed(async () => {
        await ctx.service.access(r.id);
        await ctx.service.update(r.id, respondUpdate, { actor: rActor, organization: r.org, decision: 'ACKNOWLEDGE' });
      });
      if (i >= 20) {
        respApi.push(ta);
        respDirect.push(td);
        respSame.push(ts);
      }
    } catch (err) {
      respErrors += 1;
      if (respErrors === 1) say(`respond error: ${(err as Error).message}`);
    }
  }
  say(`responds: ${respApi.length} API POSTs and ${respDirect.length} direct updates`);
  const created: string[] = [];
  const create = await measureCreateLatency(ctx, calls, created);
  pool.push(...created);
  return {
    calls,
    read: { api: summarize(readApi), direct: summarize(readDirect), sameRpcs: summarize(readSame), errors: readErrors },
    respond: { api: summarize(respApi), direct: summarize(respDirect), sameRpcs: summarize(respSame), errors: respErrors },
    create,
  };
}
