/**
 * The official letter and its attachments:
 * - `requests` gains the letter's number and subject as columns, and the search text covers them:
 *   people look a request up by its nomor surat. The number is indexed whole and split at its
 *   separators (`123/PP.01.2-SD/5204/2026` is also found by `5204` or `PP.01.2`). A generated
 *   column's expression cannot be altered on every PostgreSQL we support, so `search` is rebuilt.
 * - `attachments`: uploaded files (lampiran) with their SHA-256, owned by the uploader's
 *   organization until a request uses them (`request_id`).
 */
import { sql, type Kysely } from 'kysely';

const SEARCH_TEXT = sql`koordinasi_search_text(
  title || ' ' || description || ' ' || letter_number || ' ' || translate(letter_number, '/.-_', '    ') || ' ' || letter_subject)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table requests
    add column letter_number text not null default '',
    add column letter_subject text not null default ''`.execute(db);
  await sql`update requests set
    letter_number = coalesce(state -> 'letter' ->> 'number', ''),
    letter_subject = coalesce(state -> 'letter' ->> 'subject', '')
    where state ? 'letter'`.execute(db);
  await sql`drop index requests_search`.execute(db);
  await sql`alter table requests drop column search`.execute(db);
  await sql`alter table requests add column search tsvector
    generated always as (to_tsvector('simple'::regconfig, ${SEARCH_TEXT})) stored`.execute(db);
  await sql`create index requests_search on requests using gin (search)`.execute(db);

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index attachments_by_request on attachments (request_id) where request_id is not null`.execute(db);
  // Unused uploads, oldest first (what a clean-up of abandoned uploads reads).
  await sql`create index attachments_unused on attachments (created_at) where request_id is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attachments').execute();
  await sql`drop index requests_search`.execute(db);
  await sql`alter table requests drop column search`.execute(db);
  await sql`alter table requests add column search tsvector
    generated always as (to_tsvector('simple'::regconfig, koordinasi_search_text(title || ' ' || description))) stored`.execute(db);
  await sql`create index requests_search on requests using gin (search)`.execute(db);
  await sql`alter table requests drop column letter_number, drop column letter_subject`.execute(db);
}
