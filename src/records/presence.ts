/**
 * Worker presence in the records store (table `worker_presence`). A running worker refreshes its
 * row every BEAT_MS and deletes it when it stops polling; the API asks whether any worker of its
 * task queue was seen within STALE_MS (a crashed worker never deletes its row: it is stale then).
 * Times are the database's own `now()`, so hosts with skewed clocks agree.
 *
 * Why here and not in Temporal: the server's task-queue description lists pollers with their last
 * poll time, but an idle worker's long poll lasts up to a minute, so "polled 30 s ago" means either
 * "idle" or "gone" there.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { RecordsDb } from './database';

export const BEAT_MS = 2_000;
export const STALE_MS = 10_000;

/** What presence needs of a Temporal worker. */
interface RunnableWorker {
  run(): Promise<void>;
  getState(): string;
}

export async function beat(db: RecordsDb, taskQueue: string, instance: string): Promise<void> {
  await sql`
    insert into worker_presence (task_queue, instance, seen_at) values (${taskQueue}, ${instance}, now())
    on conflict (task_queue, instance) do update set seen_at = now()`.execute(db);
}

export async function leave(db: RecordsDb, taskQueue: string, instance: string): Promise<void> {
  await db.deleteFrom('worker_presence').where('task_queue', '=', taskQueue).where('instance', '=', instance).execute();
}

/** Whether a worker of the task queue was seen within `staleMs`. */
export async function anyWorkerPresent(db: RecordsDb, taskQueue: string, staleMs = STALE_MS): Promise<boolean> {
  const row = await db
    .selectFrom('worker_presence')
    .select('instance')
    .where('task_queue', '=', taskQueue)
    .where('seen_at', '>', sql<Date>`now() - make_interval(secs => ${staleMs / 1000})`)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** How often a running worker checks whether it still polls (a stop is announced this fast). */
const CHECK_MS = 250;

/**
 * `worker.run()`, announcing the worker in the records store while it polls. A beat that fails
 * (database down) is skipped: readers then cannot see the store either and ask Temporal.
 */
export function runWithPresence(worker: RunnableWorker, db: RecordsDb, taskQueue: string, beatMs = BEAT_MS): Promise<void> {
  const instance = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let lastBeat = 0;
  let gone = false;
  const depart = async (): Promise<void> => {
    if (gone) return;
    gone = true;
    clearInterval(timer);
    await leave(db, taskQueue, instance).catch(() => undefined);
  };
  const check = async (): Promise<void> => {
    if (gone) return;
    // Shutting down: no more polls, so no longer present (in-flight tasks still finish).
    if (worker.getState() !== 'RUNNING') return depart();
    if (Date.now() - lastBeat < beatMs) return;
    lastBeat = Date.now();
    await beat(db, taskQueue, instance).catch(() => undefined);
  };
  const timer = setInterval(() => void check(), CHECK_MS);
  timer.unref();
  const running = worker.run();
  void check();
  return running.finally(depart);
}

/**
 * `anyWorkerPresent` for readers, asked at most once per `ttlMs` (every read of an open request
 * asks). Unknown (store down) counts as present: the reader then asks Temporal, as before.
 */
export function presenceProbe(db: RecordsDb, taskQueue: string, ttlMs = 1_000): () => Promise<boolean> {
  let cached: { at: number; value: Promise<boolean> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at >= ttlMs) cached = { at: now, value: anyWorkerPresent(db, taskQueue).catch(() => true) };
    return cached.value;
  };
}
