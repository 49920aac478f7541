/**
 * Uploads no request ever claimed are deleted once they are older than ATTACHMENT_UNUSED_TTL
 * (default a day): a form abandoned after its files went up, or a client that uploaded and never
 * created its request, would otherwise keep up to ATTACHMENT_MAX_BYTES each in the store forever.
 *
 * Every API process sweeps (they are interchangeable; a delete of rows another process deleted
 * deletes nothing). A claim in progress holds its rows `FOR UPDATE` and the sweep skips locked
 * rows, so an upload being attached right now is never deleted under it; an upload the sweep took
 * first is then an unknown attachment to the claim (422), as an expired one should be.
 */
import type { Logger } from 'pino';
import type { RecordsDb } from '../records/database';

/** Rows per delete statement: short transactions, whatever piled up. */
const BATCH = 500;
const HOUR = 3_600_000;

/** Deletes the unclaimed uploads created before `olderThan`; how many. */
export async function deleteUnusedUploads(db: RecordsDb, olderThan: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const [res] = await db
      .deleteFrom('attachments')
      .where('id', 'in', (eb) =>
        eb.selectFrom('attachments').select('id').where('request_id', 'is', null).where('created_at', '<', olderThan).orderBy('created_at').limit(BATCH).forUpdate().skipLocked(),
      )
      .execute();
    const n = Number(res?.numDeletedRows ?? 0);
    total += n;
    if (n < BATCH) return total;
  }
}

export interface UploadSweeper {
  /** Stops sweeping, after the sweep under way (if any) finished. */
  stop(): Promise<void>;
}

/** Sweeps every quarter of the TTL (at least every second, at most hourly), first soon after start. */
export function startUploadSweeper(db: RecordsDb, { ttlMs, logger, now = Date.now }: { ttlMs: number; logger: Logger; now?: () => number }): UploadSweeper {
  const everyMs = Math.min(HOUR, Math.max(1000, Math.floor(ttlMs / 4)));
  let running: Promise<void> | null = null;
  const sweep = (): void => {
    if (running) return;
    running = deleteUnusedUploads(db, new Date(now() - ttlMs))
      .then(
        (deleted) => void (deleted > 0 && logger.info({ deleted }, 'unused uploads deleted')),
        (err: Error) => logger.warn({ err: err.message }, 'unused uploads not swept (records store not reachable?); next time'),
      )
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(sweep, Math.min(everyMs, 60_000));
  const timer = setInterval(sweep, everyMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
