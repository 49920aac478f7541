/**
 * The organization directory in the records store (docs/ARCHITECTURE.md#organization-directory):
 * organizations and their contacts, positions (jabatan) and the people who hold them over time,
 * and the history of every change. Holders are periods, never overwritten: a handover ends one
 * row and starts the next, so "who held the seat's position on that day" stays answerable.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('directory_organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    // Deferred: an import inserts a whole tree in one transaction, in whatever order its file has.
    .addColumn('parent_id', 'text', (c) => c.references('directory_organizations.id').modifyEnd(sql`deferrable initially deferred`))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text')
    .execute();
  await sql`create index directory_organizations_parent on directory_organizations (parent_id)`.execute(db);
  await sql`create index directory_organizations_area on directory_organizations (area_code)`.execute(db);

  await db.schema
    .createTable('directory_contacts')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('directory_organizations.id').onDelete('cascade'))
    .addColumn('emails', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    /** E.164 (+62…), checked with libphonenumber-js before they are written. */
    .addColumn('whatsapp', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('webhook_url', 'text')
    .addColumn('webhook_secret', 'text')
    .execute();

  await db.schema
    .createTable('directory_positions')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('directory_organizations.id').onDelete('cascade'))
    /** Readable within its organization ("kepala-kesbangpol"), so a step can name it later. */
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('directory_positions_pk', ['organization_id', 'id'])
    .execute();

  await db.schema
    .createTable('directory_holders')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('position_id', 'text', (c) => c.notNull())
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('emails', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('whatsapp', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    /** The `sub` the person signs in with, when known: links and pages can follow the person. */
    .addColumn('subject', 'text')
    /** `PLH` or `PLT` for an acting official; null for the definitive holder. */
    .addColumn('acting', 'text')
    .addColumn('valid_from', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_to', 'timestamptz')
    .addForeignKeyConstraint('directory_holders_position', ['organization_id', 'position_id'], 'directory_positions', ['organization_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await sql`create index directory_holders_position on directory_holders (organization_id, position_id, valid_from)`.execute(db);

  await db.schema
    .createTable('directory_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    /** `organization`, `contacts`, `position` or `handover`. */
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    /** Who: `org/sub` of the caller, or `import:<file>` / `seed` for the command line and start-up. */
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index directory_history_organization on directory_history (organization_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['directory_history', 'directory_holders', 'directory_positions', 'directory_contacts', 'directory_organizations']) {
    await db.schema.dropTable(t).execute();
  }
}
