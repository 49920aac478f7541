/**
 * Organizations and their contacts in the records store: read all (the directory snapshot), the
 * version the cache compares, and writing a plan (./plan.ts) with its history in a transaction.
 */
import { sql, type Transaction } from 'kysely';
import type { Organization } from '../../domain/organizations';
import type { RecordsDb } from '../../records/database';
import type { RecordsSchema } from '../../records/schema';
import type { Plan } from './plan';
import { contactsRow, organizationRow, toOrganization } from './rows';

type Db = RecordsDb | Transaction<RecordsSchema>;

/** Rows per INSERT: a seeded national directory is ~1,700 organizations. */
const CHUNK = 500;

export async function readOrganizations(db: Db): Promise<Organization[]> {
  const rows = await db
    .selectFrom('directory_organizations as o')
    .leftJoin('directory_contacts as c', 'c.organization_id', 'o.id')
    .select(['o.id', 'o.name', 'o.kind', 'o.level', 'o.parent_id', 'o.time_zone', 'o.language', 'o.area_code', 'c.emails', 'c.whatsapp', 'c.webhook_url', 'c.webhook_secret'])
    .orderBy('o.id')
    .execute();
  return rows.map((r) => toOrganization(r, r.emails ? { emails: r.emails, whatsapp: r.whatsapp ?? [], webhook_url: r.webhook_url, webhook_secret: r.webhook_secret } : undefined));
}

/**
 * Changes on record so far: every write adds history in the same transaction, so the cache
 * reloads only when this moves (a cheap index-only read every few seconds, not 1,700 rows).
 */
export async function directoryVersion(db: Db): Promise<string> {
  const row = await db.selectFrom('directory_history').select(sql<string>`coalesce(max(id), 0)::text`.as('v')).executeTakeFirstOrThrow();
  return row.v;
}

export async function writePlan(trx: Transaction<RecordsSchema>, plan: Plan, actor: string): Promise<void> {
  for (let i = 0; i < plan.write.length; i += CHUNK) {
    const orgs = plan.write.slice(i, i + CHUNK);
    await trx
      .insertInto('directory_organizations')
      .values(orgs.map(organizationRow))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          kind: eb.ref('excluded.kind'),
          level: eb.ref('excluded.level'),
          parent_id: eb.ref('excluded.parent_id'),
          time_zone: eb.ref('excluded.time_zone'),
          language: eb.ref('excluded.language'),
          area_code: eb.ref('excluded.area_code'),
        })),
      )
      .execute();
    await trx
      .insertInto('directory_contacts')
      .values(orgs.map(contactsRow))
      .onConflict((oc) =>
        oc.column('organization_id').doUpdateSet((eb) => ({
          emails: eb.ref('excluded.emails'),
          whatsapp: eb.ref('excluded.whatsapp'),
          webhook_url: eb.ref('excluded.webhook_url'),
          webhook_secret: eb.ref('excluded.webhook_secret'),
        })),
      )
      .execute();
  }
  for (let i = 0; i < plan.changes.length; i += CHUNK) {
    const rows = plan.changes.slice(i, i + CHUNK).map((c) => ({
      organization_id: c.organizationId,
      change: c.change,
      before: c.before === null ? null : JSON.stringify(c.before),
      after: JSON.stringify(c.after),
      actor,
    }));
    await trx.insertInto('directory_history').values(rows).execute();
  }
}
