/**
 * The per-recipient daily cap (MAX_MAILS_PER_RECIPIENT_PER_DAY, docs/ARCHITECTURE.md#frequency-floors):
 * at most `max` notifications to one organization about one request per local day and channel.
 * Counted in the records store, so a worker restart forgets nothing, and decided once per
 * notification: a retry of a delivery gets the first attempt's answer (it neither counts twice nor
 * is capped by its own earlier count). A capped notification is recorded as `capped`, never retried.
 */
import { sql } from 'kysely';
import type { RecordsDb } from '../../src/records/database';

export interface QuotaClaim {
  idempotencyKey: string;
  channel: string;
  requestId: string;
  recipient: string;
  /** The recipient's local date (YYYY-MM-DD) the notification belongs to. */
  day: string;
  max: number;
}

export type QuotaDecision = 'sent' | 'capped';

/** Send or not: one transaction, so concurrent notifications to the same recipient never pass the cap together. */
export async function claimQuota(db: RecordsDb, c: QuotaClaim): Promise<QuotaDecision> {
  return db.transaction().execute(async (tx) => {
    const earlier = await tx.selectFrom('notification_sends').select('outcome').where('idempotency_key', '=', c.idempotencyKey).where('channel', '=', c.channel).executeTakeFirst();
    if (earlier) return earlier.outcome as QuotaDecision;
    // Counts only while under the cap: the row-level lock of the upsert orders concurrent claims.
    const counted = await tx
      .insertInto('notification_quota')
      .values({ request_id: c.requestId, recipient: c.recipient, channel: c.channel, day: c.day, sent: 1 })
      .onConflict((oc) =>
        oc
          .columns(['request_id', 'recipient', 'channel', 'day'])
          .doUpdateSet({ sent: sql<number>`notification_quota.sent + 1` })
          .where('notification_quota.sent', '<', c.max),
      )
      .returning('sent')
      .executeTakeFirst();
    const outcome: QuotaDecision = counted ? 'sent' : 'capped';
    await tx
      .insertInto('notification_sends')
      .values({ idempotency_key: c.idempotencyKey, channel: c.channel, request_id: c.requestId, recipient: c.recipient, day: c.day, outcome })
      .onConflict((oc) => oc.columns(['idempotency_key', 'channel']).doNothing())
      .execute();
    return outcome;
  });
}
