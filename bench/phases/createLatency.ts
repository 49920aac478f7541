/**
 * Create latency, one call at a time (part of the "latency" phase): the API's POST (201 with the
 * request set up), the client doing the API's work (CoordinationService.create), and, as the
 * reference, the two round trips of a plain start followed by the `ready` update. The three
 * alternate call by call so background noise falls on all alike.
 */
import { say } from '../say';
import { summarize, type LatencySummary } from '../stats';
import { timed } from '../load';
import { apiCreate, directCreate, drainCreated, OPEN_BODY, PARTICIPANTS, startThenReady, type Ctx } from './context';

export interface CreateLatency {
  api: LatencySummary;
  direct: LatencySummary;
  startThenReady: LatencySummary;
  errors: number;
}

export async function measureCreateLatency(ctx: Ctx, calls: number, ids: string[]): Promise<CreateLatency> {
  const api: number[] = [];
  const direct: number[] = [];
  const twoCalls: number[] = [];
  let errors = 0;
  const mailsBefore = ctx.env.sink.countKind('REQUEST_CREATED');
  let created = 0;
  const track = async (fn: () => Promise<string>) => {
    let id = '';
    const ms = await timed(async () => {
      id = await fn();
    });
    ids.push(id);
    created += 1;
    return ms;
  };
  for (let i = 0; i < calls + 20; i++) {
    try {
      const a = await track(() => apiCreate(ctx, OPEN_BODY));
      const d = await track(() => directCreate(ctx, OPEN_BODY));
      const s = await track(() => startThenReady(ctx, OPEN_BODY));
      if (i >= 20) {
        api.push(a);
        direct.push(d);
        twoCalls.push(s);
      }
    } catch (err) {
      errors += 1;
      if (errors === 1) say(`create error: ${(err as Error).message}`);
    }
  }
  say(`creates: ${api.length} API POSTs, ${direct.length} client creates, ${twoCalls.length} start + ready`);
  // Let the worker finish the creation mails, so the next measurement starts from an idle system.
  await drainCreated(ctx, mailsBefore + created * PARTICIPANTS.length, 'create latency');
  return { api: summarize(api), direct: summarize(direct), startThenReady: summarize(twoCalls), errors };
}
