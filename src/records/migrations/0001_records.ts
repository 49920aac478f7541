/** The records store: requests (snapshot + filter columns), timeline events, seats for reports. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Both extensions are "trusted": the database owner may create them without being superuser.
  await sql`create extension if not exists unaccent`.execute(db);
  // unaccent() is only STABLE (its dictionary could change); a generated column needs IMMUTABLE,
  // so wrap it with the dictionary named explicitly.
  await sql`
    create function koordinasi_search_text(t text) returns text
    language sql immutable parallel safe strict
    as $$ select public.unaccent('public.unaccent'::regdictionary, lower(t)) $$`.execute(db);

  await db.schema
    .createTable('requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'integer', (c) => c.notNull())
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requester', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('involved', sql`text[]`, (c) => c.notNull())
    .addColumn('participants', sql`text[]`, (c) => c.notNull())
    .addColumn('pending_for', sql`text[]`, (c) => c.notNull())
    .addColumn('overdue', 'boolean', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('search', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, koordinasi_search_text(title || ' ' || description))`).stored(),
    )
    .execute();
  // Authorization scope and filters: "any of these organizations" on the arrays.
  await sql`create index requests_involved on requests using gin (involved)`.execute(db);
  await sql`create index requests_participants on requests using gin (participants)`.execute(db);
  await sql`create index requests_pending_for on requests using gin (pending_for)`.execute(db);
  await sql`create index requests_search on requests using gin (search)`.execute(db);
  // Keyset pagination of the three sorts (the id breaks ties).
  await sql`create index requests_by_created on requests (created_at desc, id desc)`.execute(db);
  await sql`create index requests_by_updated on requests (updated_at desc, id desc)`.execute(db);
  await sql`create index requests_by_deadline on requests ((coalesce(due_at, 'infinity'::timestamptz)), id)`.execute(db);
  await sql`create index requests_requester on requests (requester)`.execute(db);

  await db.schema
    .createTable('timeline_events')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('step', 'integer')
    .addColumn('org', 'text')
    .addColumn('event', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('timeline_events_pk', ['request_id', 'seq'])
    .execute();

  await db.schema
    .createTable('seats')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deadline', 'timestamptz')
    .addColumn('first_response_at', 'timestamptz')
    .addColumn('escalated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('seats_pk', ['request_id', 'step', 'org'])
    .execute();
  await sql`create index seats_by_asked on seats (asked_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('seats').execute();
  await db.schema.dropTable('timeline_events').execute();
  await db.schema.dropTable('requests').execute();
  await sql`drop function koordinasi_search_text(text)`.execute(db);
}
