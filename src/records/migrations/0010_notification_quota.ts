/**
 * The per-recipient daily cap of notifications (activities/notifications/quota.ts): how many went
 * to one organization about one request on one local day and channel, and what was decided for each
 * notification (sent or capped), so a retried delivery keeps its first decision.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_quota')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('sent', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_quota_pk', ['request_id', 'recipient', 'channel', 'day'])
    .execute();
  await db.schema
    .createTable('notification_sends')
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('notification_sends_pk', ['idempotency_key', 'channel'])
    .execute();
  await sql`create index notification_sends_request on notification_sends (request_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_sends').execute();
  await db.schema.dropTable('notification_quota').execute();
}
