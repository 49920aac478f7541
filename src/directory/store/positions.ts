/**
 * Positions (jabatan) of an organization and their holders over time. A handover ends the current
 * holder's period where the new one's starts, so a position has at most one holder at a time and
 * the past stays on record (who answered for a seat when). Acting officials (Plh./Plt.) are
 * holders with `acting` set, usually with an end date.
 */
import { sql, type Transaction } from 'kysely';
import type { RecordsDb } from '../../records/database';
import type { RecordsSchema } from '../../records/schema';
import { DirectoryConflictError, DirectoryNotFoundError } from './errors';

type Db = RecordsDb | Transaction<RecordsSchema>;

export const ACTING = ['PLH', 'PLT'] as const;

export interface Holder {
  personName: string;
  emails: string[];
  whatsapp: string[];
  subject: string | null;
  acting: (typeof ACTING)[number] | null;
  validFrom: string;
  validTo: string | null;
}

export interface Position {
  id: string;
  title: string;
  /** Holding it now (valid_from ≤ now < valid_to), if anyone. */
  holder: Holder | null;
}

export async function readPositions(db: Db, organizationId: string, at: Date): Promise<Position[]> {
  const positions = await db.selectFrom('directory_positions').select(['id', 'title']).where('organization_id', '=', organizationId).orderBy('title').execute();
  const holders = await db
    .selectFrom('directory_holders')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
    .execute();
  return positions.map((p) => {
    const h = holders.find((x) => x.position_id === p.id);
    return {
      ...p,
      holder: h
        ? { personName: h.person_name, emails: h.emails, whatsapp: h.whatsapp, subject: h.subject, acting: h.acting as Holder['acting'], validFrom: h.valid_from.toISOString(), validTo: h.valid_to?.toISOString() ?? null }
        : null,
    };
  });
}

export async function insertPosition(trx: Transaction<RecordsSchema>, organizationId: string, position: { id: string; title: string }, actor: string): Promise<void> {
  const existing = await trx.selectFrom('directory_positions').select('id').where('organization_id', '=', organizationId).where('id', '=', position.id).executeTakeFirst();
  if (existing) throw new DirectoryConflictError(`organization "${organizationId}" already has the position "${position.id}"`);
  await trx.insertInto('directory_positions').values({ organization_id: organizationId, id: position.id, title: position.title }).execute();
  await trx.insertInto('directory_history').values({ organization_id: organizationId, change: 'position', before: null, after: JSON.stringify(position), actor }).execute();
}

/** The new holder takes the position from `validFrom`; whoever held it then stops there. */
export async function insertHandover(trx: Transaction<RecordsSchema>, organizationId: string, positionId: string, next: Holder, actor: string): Promise<void> {
  // Locks the position: two handovers of one position at once would both end the same holder.
  const position = await trx
    .selectFrom('directory_positions')
    .select(['id', 'title'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', positionId)
    .forUpdate()
    .executeTakeFirst();
  if (!position) throw new DirectoryNotFoundError(`organization "${organizationId}" has no position "${positionId}"`);
  const from = new Date(next.validFrom);
  const ended = await trx
    .updateTable('directory_holders')
    .set({ valid_to: from })
    .where('organization_id', '=', organizationId)
    .where('position_id', '=', positionId)
    .where('valid_from', '<', from)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', from)]))
    .returning(['person_name', 'acting', 'valid_from'])
    .execute();
  const later = await trx
    .selectFrom('directory_holders')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('organization_id', '=', organizationId)
    .where('position_id', '=', positionId)
    .where('valid_from', '>=', from)
    .executeTakeFirstOrThrow();
  if (later.n > 0) throw new DirectoryConflictError(`position "${positionId}" already has a holder from ${from.toISOString()} or later`);
  await trx
    .insertInto('directory_holders')
    .values({
      organization_id: organizationId,
      position_id: positionId,
      person_name: next.personName,
      emails: next.emails,
      whatsapp: next.whatsapp,
      subject: next.subject,
      acting: next.acting,
      valid_from: from,
      valid_to: next.validTo,
    })
    .execute();
  const before = ended.map((h) => ({ personName: h.person_name, acting: h.acting, validFrom: h.valid_from.toISOString(), validTo: from.toISOString() }))[0] ?? null;
  await trx
    .insertInto('directory_history')
    .values({ organization_id: organizationId, change: 'handover', before: before && JSON.stringify({ position: positionId, ...before }), after: JSON.stringify({ position: positionId, ...next }), actor })
    .execute();
}
