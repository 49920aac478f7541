/**
 * Attachments in the records store (docs/ARCHITECTURE.md#attachments): uploaded first, owned by the
 * uploader's organization, then claimed by one request (create or revision). The API writes this
 * table, not the workflow: the workflow only ever holds the references (id, name, type, size, hash).
 *
 * A claim is all or nothing and names each attachment that cannot be used: unknown or another
 * organization's (the same answer, so ids do not leak), already used by another request, or more
 * than the request may carry. A claim by the same request again (a retried create) is a no-op.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { ProblemError } from '../errors/problem';
import type { Actor, AttachmentRef, AttachmentType, OrgId } from '../domain/types';
import type { RecordsDb } from '../records/database';

export type StoredAttachment = Omit<AttachmentRef, 'revision'>;

/** What one organization may hold in uploads that no request has claimed yet. */
export interface UnclaimedQuota {
  maxBytes: number;
  maxCount: number;
}

export interface NewAttachment {
  name: string;
  type: AttachmentType;
  content: Buffer;
}

const storeDown = (): ProblemError =>
  new ProblemError('storeUnavailable', 'the records store (PostgreSQL) is not reachable; retry later', { retryAfterSeconds: 5 });

/** Database errors are a 503; our own refusals pass through. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ProblemError) throw err;
    throw storeDown();
  }
}

export class AttachmentStore {
  constructor(private readonly db: RecordsDb) {}

  /**
   * Store files (already checked) for the caller's organization, all in one transaction, unless
   * they would take the organization's unclaimed uploads past `quota` (429, nothing stored).
   */
  save(owner: Actor, files: NewAttachment[], quota: UnclaimedQuota, now = new Date()): Promise<StoredAttachment[]> {
    const rows = files.map((f) => ({
      id: `att-${randomBytes(16).toString('hex')}`,
      owner_org: owner.org,
      uploaded_by: owner.sub,
      name: f.name,
      media_type: f.type,
      size: f.content.length,
      sha256: createHash('sha256').update(f.content).digest('hex'),
      content: f.content,
      request_id: null,
      created_at: now,
    }));
    const bytes = rows.reduce((sum, r) => sum + r.size, 0);
    return guarded(() =>
      this.db.transaction().execute(async (trx) => {
        // One save per organization at a time from here to commit (a transaction-scoped advisory
        // lock): the quota check and the insert are one step, so two uploads at once cannot both
        // fit into the room left for one.
        await sql`select pg_advisory_xact_lock(hashtext(${`attachments-unclaimed:${owner.org}`}))`.execute(trx);
        const held = await trx
          .selectFrom('attachments')
          .select([sql<number>`count(*)::int`.as('count'), sql<string>`coalesce(sum(size), 0)::bigint`.as('bytes')])
          .where('owner_org', '=', owner.org)
          .where('request_id', 'is', null)
          .executeTakeFirstOrThrow();
        const heldBytes = Number(held.bytes);
        if (held.count + rows.length > quota.maxCount || heldBytes + bytes > quota.maxBytes) {
          throw new ProblemError(
            'uploadQuota',
            `your organization holds ${held.count} uploads (${heldBytes} bytes) that no request uses yet; at most ${quota.maxCount} files and ${quota.maxBytes} bytes ` +
              `(ATTACHMENT_UNCLAIMED_MAX_COUNT, ATTACHMENT_UNCLAIMED_MAX_BYTES): name them in a request, or wait until unused ones expire`,
          );
        }
        if (rows.length) await trx.insertInto('attachments').values(rows).execute();
        return rows.map((r) => ({ id: r.id, name: r.name, type: f(r.media_type), size: r.size, sha256: r.sha256 }));
      }),
    );
  }

  /**
   * Let `requestId` use these attachments of `org`'s. Returns their references (in the order
   * given) and which of them this call claimed (to release if the request then refuses them).
   */
  claim(requestId: string, org: OrgId, ids: string[], maxPerRequest: number): Promise<{ refs: StoredAttachment[]; claimed: string[] }> {
    if (ids.length === 0) return Promise.resolve({ refs: [], claimed: [] });
    return guarded(() =>
      this.db.transaction().execute(async (trx) => {
        // Locks the rows, so two requests claiming one attachment at once cannot both have it.
        const rows = await trx
          .selectFrom('attachments')
          .select(['id', 'owner_org', 'request_id', 'name', 'media_type', 'size', 'sha256'])
          .where('id', 'in', ids)
          .forUpdate()
          .execute();
        const byId = new Map(rows.map((r) => [r.id, r]));
        const problems: string[] = [];
        for (const id of ids) {
          const row = byId.get(id);
          if (!row || row.owner_org !== org) problems.push(`${id}: no such attachment of your organization`);
          else if (row.request_id !== null && row.request_id !== requestId) problems.push(`${id}: already attached to another request`);
        }
        if (problems.length) throw new ProblemError('unprocessable', problems.join('; '));
        const { already } = await trx
          .selectFrom('attachments')
          .select(sql<number>`count(*)`.as('already'))
          .where('request_id', '=', requestId)
          .where('id', 'not in', ids)
          .executeTakeFirstOrThrow();
        if (already + ids.length > maxPerRequest) {
          throw new ProblemError('unprocessable', `a request carries at most ${maxPerRequest} attachments (it has ${already}, ${ids.length} more were given)`);
        }
        const claimed = ids.filter((id) => byId.get(id)!.request_id === null);
        if (claimed.length) await trx.updateTable('attachments').set({ request_id: requestId }).where('id', 'in', claimed).execute();
        const refs = ids.map((id) => {
          const r = byId.get(id)!;
          return { id, name: r.name, type: f(r.media_type), size: r.size, sha256: r.sha256 };
        });
        return { refs, claimed };
      }),
    );
  }

  /** Undo this request's claim of these (the request refused them or was never started). */
  async release(requestId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await guarded(() => this.db.updateTable('attachments').set({ request_id: null }).where('request_id', '=', requestId).where('id', 'in', ids).execute());
  }

  /** Of these ids, the ones `org` uploaded and no request uses yet (a form keeping its uploads between posts). */
  unused(org: OrgId, ids: string[]): Promise<StoredAttachment[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return guarded(async () => {
      const rows = await this.db
        .selectFrom('attachments')
        .select(['id', 'name', 'media_type', 'size', 'sha256'])
        .where('id', 'in', ids)
        .where('owner_org', '=', org)
        .where('request_id', 'is', null)
        .execute();
      const byId = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, type: f(r.media_type), size: r.size, sha256: r.sha256 }]));
      return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    });
  }

  /** One attachment of one request, with its content; null when the request has no such attachment. */
  read(requestId: string, id: string): Promise<(StoredAttachment & { content: Buffer }) | null> {
    return guarded(async () => {
      const r = await this.db
        .selectFrom('attachments')
        .select(['id', 'name', 'media_type', 'size', 'sha256', 'content'])
        .where('id', '=', id)
        .where('request_id', '=', requestId)
        .executeTakeFirst();
      return r ? { id: r.id, name: r.name, type: f(r.media_type), size: r.size, sha256: r.sha256, content: r.content } : null;
    });
  }
}

/** A stored media type (the column holds only what sniffing accepted). */
const f = (mediaType: string): AttachmentType => mediaType as AttachmentType;
