/**
 * Which task queues have a live worker: each worker process refreshes its row every few seconds
 * and removes it when it stops, so the API can tell "the worker is busy" (wait for its answer)
 * from "no worker runs" (answer from the record at once).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('worker_presence')
    .addColumn('task_queue', 'text', (c) => c.notNull())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('worker_presence_pk', ['task_queue', 'instance'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('worker_presence').execute();
}
