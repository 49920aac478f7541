/**
 * Page sessions that carry a sign-in or an email link, on the server (table `web_sessions`). The
 * session cookie alone holds what the session is (encrypted, src/web/session.ts); this row says it
 * still counts. Signing out, or replacing the session, deletes it, so a copied cookie is worthless
 * afterwards on every API process. Rows hold a hash of the session id, never the id (the CSRF
 * tokens are bound to it), and expire with the cookie; each new session deletes a batch of
 * expired rows, so they never pile up. Expiry is judged by the database's own clock.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { RecordsDb } from './database';

/** Expired rows deleted by each new session: more than sessions start, so the table stays small. */
const CLEANUP_BATCH = 100;

const rowId = (sid: string): string => createHash('sha256').update(sid).digest('base64url');

export class WebSessionStore {
  constructor(private readonly db: RecordsDb) {}

  /** Records a new session valid until `exp` (seconds since the epoch), and sweeps a batch of expired ones. */
  async start(sid: string, exp: number): Promise<void> {
    await this.db
      .insertInto('web_sessions')
      .values({ id: rowId(sid), expires_at: new Date(exp * 1000) })
      .onConflict((oc) => oc.column('id').doUpdateSet({ expires_at: new Date(exp * 1000) }))
      .execute();
    await this.db
      .deleteFrom('web_sessions')
      .where('id', 'in', (eb) => eb.selectFrom('web_sessions').select('id').where('expires_at', '<', sql<Date>`now()`).limit(CLEANUP_BATCH).forUpdate().skipLocked())
      .execute();
  }

  /** Whether the session was started, not ended, and has not expired. */
  async live(sid: string): Promise<boolean> {
    const row = await this.db.selectFrom('web_sessions').select('id').where('id', '=', rowId(sid)).where('expires_at', '>', sql<Date>`now()`).executeTakeFirst();
    return !!row;
  }

  async end(sid: string): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('id', '=', rowId(sid)).execute();
  }
}
