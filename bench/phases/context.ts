/**
 * What every phase works with: the system under test, the options, a CoordinationService as the
 * API builds it, the request bodies, and the ways to create, read and end requests (through the
 * API, or with the client as the API would).
 */
import { CoordinationService, startOptions } from '../../src/api/coordinationService';
import { toWorkflowInput } from '../../src/api/createInput';
import { floorsOf } from '../../src/api/floors';
import { bodyHash, requestIdFor } from '../../src/api/idempotency';
import { CreateRequestBodySchema } from '../../src/api/schemas';
import type { Actor, CoordinationState } from '../../src/domain/types';
import type { coordinationWorkflow } from '../../workflows/coordination';
import { readyUpdate, stateQuery, WORKFLOW_TYPE, workflowIdFor } from '../../workflows/messages';
import type { BenchEnv } from '../env/system';
import { httpJson, runPool, waitFor, type PoolResult } from '../load';
import type { BenchOptions } from '../options';
import { say } from '../say';
import { fmt, ratePerSecond } from '../stats';

export const REQUESTER = 'kpu-sumbawa';
export const PARTICIPANTS = ['pemkab-sumbawa', 'bawaslu-sumbawa', 'pemprov-ntb'];

export type Body = Record<string, unknown>;

export function createBody(deadline: unknown, participants = PARTICIPANTS, reminders?: unknown): Body {
  return {
    title: 'Bench: fasilitasi gudang logistik Pilkada',
    description: 'Permohonan pinjam pakai gudang untuk logistik pemilihan (benchmark).',
    category: 'FACILITIES',
    tembusan: [],
    workingHours: false,
    steps: [{ participants, policy: { type: 'ALL' }, deadline, ...(reminders ? { reminders } : {}) }],
  };
}

/** Reminder timers days away (default policy: H-3, H-1, at the deadline, daily after). */
export const OPEN_BODY = createBody({ kind: 'DURATION', duration: 'P7D' });

export interface Ctx {
  env: BenchEnv;
  opts: BenchOptions;
  service: CoordinationService;
  requester: Actor;
}

export function createContext(env: BenchEnv, opts: BenchOptions): Ctx {
  return {
    env,
    opts,
    service: new CoordinationService(env.client, { taskQueue: env.config.TEMPORAL_TASK_QUEUE }),
    requester: { sub: `bench-${REQUESTER}`, org: REQUESTER, roles: ['staff'] },
  };
}

/** The workflow input and start options exactly as the API builds them (src/api). */
function prepare(ctx: Ctx, body: Body) {
  const parsed = CreateRequestBodySchema.parse(body);
  const id = requestIdFor(REQUESTER, undefined);
  const input = toWorkflowInput(id, parsed, ctx.requester, ctx.env.directory, Date.now(), floorsOf(ctx.env.config));
  return { id, input, hash: bodyHash(parsed) };
}

/** Start a request with the client, on the product's task queue or on `taskQueue`. */
export async function startOnly(ctx: Ctx, body: Body, taskQueue = ctx.env.config.TEMPORAL_TASK_QUEUE): Promise<string> {
  const { id, input, hash } = prepare(ctx, body);
  await ctx.env.client.workflow.start<typeof coordinationWorkflow>(WORKFLOW_TYPE, startOptions(input, hash, taskQueue));
  return id;
}

/** Create in two round trips: start the workflow, then wait for the set-up with the `ready` update. */
export async function startThenReady(ctx: Ctx, body: Body): Promise<string> {
  const id = await startOnly(ctx, body);
  await ctx.env.client.workflow.getHandle<typeof coordinationWorkflow>(workflowIdFor(id)).executeUpdate(readyUpdate);
  return id;
}

export async function apiCreate(ctx: Ctx, body: Body): Promise<string> {
  const state = (await httpJson('POST', `${ctx.env.api.url}/v1/coordination-requests`, await ctx.env.bearer(REQUESTER), body, [201])) as CoordinationState;
  return state.id;
}

export async function directCreate(ctx: Ctx, body: Body): Promise<string> {
  const { input, hash } = prepare(ctx, body);
  const out = await ctx.service.create(input, hash);
  return out.state.id;
}

export const apiGet = async (ctx: Ctx, id: string) =>
  httpJson('GET', `${ctx.env.api.url}/v1/coordination-requests/${id}`, await ctx.env.bearer(REQUESTER));
export const directQuery = (ctx: Ctx, id: string) => ctx.env.client.workflow.getHandle(workflowIdFor(id)).query(stateQuery);

/** Wait until every REQUEST_CREATED mail so far has arrived: the worker has caught up. */
export async function drainCreated(ctx: Ctx, expected: number, what: string): Promise<boolean> {
  const ok = await waitFor(() => ctx.env.sink.countKind('REQUEST_CREATED'), expected, { stallMs: 60_000, maxMs: 20 * 60_000 });
  if (!ok) say(`WARNING: ${what}: only ${ctx.env.sink.countKind('REQUEST_CREATED')} of ${expected} creation mails arrived`);
  return ok;
}

/** Start `need` open requests with the client and wait until the worker has set them all up. */
export async function startOpenRequests(ctx: Ctx, need: number, ids: string[], what: string): Promise<void> {
  const before = ctx.env.sink.countKind('REQUEST_CREATED');
  const r = await runPool(need, ctx.opts.concurrency, async () => {
    ids.push(await startOnly(ctx, OPEN_BODY));
  });
  logPool(what, r);
  await drainCreated(ctx, before + r.ok * PARTICIPANTS.length, what);
}

export function logPool(label: string, r: PoolResult): void {
  say(`${label}: ${r.ok} ok, ${r.errors} errors in ${fmt(r.ms / 1000)} s (${fmt(ratePerSecond(r.ok, r.ms))}/s)${r.firstError ? ` — first error: ${r.firstError}` : ''}`);
}

export async function terminateAll(ctx: Ctx, ids: string[]): Promise<void> {
  const r = await runPool(ids.length, ctx.opts.concurrency * 2, async (i) => {
    try {
      await ctx.env.client.workflow.getHandle(workflowIdFor(ids[i])).terminate('benchmark clean-up');
    } catch (err) {
      if ((err as Error).name !== 'WorkflowNotFoundError') throw err;
    }
  });
  logPool('terminate', r);
}
