/**
 * The response-time report reads one narrow table: each seat carries its request's category and
 * involved organizations (the authorization scope), so the report no longer joins `requests`,
 * whose rows hold the whole state snapshot.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('seats').addColumn('category', 'text').addColumn('involved', sql`text[]`).execute();
  await sql`update seats s set category = r.category, involved = r.involved from requests r where r.id = s.request_id`.execute(db);
  // A seat without its request cannot be scoped: it would be invisible to everyone but admins.
  await sql`delete from seats where category is null`.execute(db);
  await db.schema.alterTable('seats').alterColumn('category', (c) => c.setNotNull()).alterColumn('involved', (c) => c.setNotNull()).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('seats').dropColumn('category').dropColumn('involved').execute();
}
