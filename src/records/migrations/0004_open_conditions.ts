/**
 * Conditions of approval still to be met (src/domain/conditions.ts), counted per request so the
 * list can filter on them (`openConditions`). Rows written before have no conditions: 0 is right.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('requests').addColumn('open_conditions', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Few requests wait for conditions at any time: a partial index keeps the filter cheap.
  await sql`create index requests_open_conditions on requests (created_at desc, id desc) where open_conditions > 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index requests_open_conditions`.execute(db);
  await db.schema.alterTable('requests').dropColumn('open_conditions').execute();
}
