/**
 * The request list, from the store: filters, words in title, description and letter (`q`: the `simple`
 * text configuration over unaccented lower-case text — PostgreSQL has no Indonesian stemmer, so
 * words match as written, accents ignored), a creation window, three sorts and keyset pagination
 * (the page after the last row's sort key and id), which never skips or repeats a row that did not
 * change while paging, however many rows come and go.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Category, OrgId, RequestStatus } from '../domain/types';
import type { RecordsDb } from './database';

export const LIST_SORTS = ['created', 'updated', 'deadline'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

export interface ListFilters {
  status?: RequestStatus[];
  requester?: OrgId;
  participant?: OrgId;
  pendingFor?: OrgId;
  overdue?: boolean;
  category?: Category;
  /** With (true) or without (false) conditions of approval still to be met. */
  openConditions?: boolean;
  q?: string;
  createdFrom?: string;
  createdTo?: string;
}

/** Position after the last row of a page: its sort key (ISO instant; null = no deadline) and id. */
export type ListCursor = [string | null, string];

export interface RecordSummary {
  id: string;
  title: string;
  /** Nomor surat of the request's letter, null without one. */
  letterNumber: string | null;
  status: RequestStatus;
  requester: OrgId;
  category: Category;
  participants: OrgId[];
  pendingFor: OrgId[];
  dueAt: string | null;
  overdue: boolean;
  /** Conditions of approval still to be met. */
  openConditions: number;
  startedAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface ListRequest {
  filters: ListFilters;
  /** Organizations whose requests the caller may see (involved); null = all (admins). */
  scope: OrgId[] | null;
  sort: ListSort;
  pageSize: number;
  after?: ListCursor;
}

/** Characters a letter number's parts are split at; the same list as migration 0003's search text. */
export const LETTER_SEPARATORS = '/.-_';

const INFINITY = sql<Date>`'infinity'::timestamptz`;

export async function listRecords(db: RecordsDb, req: ListRequest): Promise<{ items: RecordSummary[]; next: ListCursor | null }> {
  const f = req.filters;
  let query = db
    .selectFrom('requests')
    .select(['id', 'title', 'letter_number', 'status', 'requester', 'category', 'participants', 'pending_for', 'due_at', 'overdue', 'open_conditions', 'created_at', 'updated_at', 'closed_at']);
  if (req.scope) query = query.where(sql<SqlBool>`involved && ${sql.val(req.scope)}::text[]`);
  if (f.status) query = query.where('status', 'in', f.status);
  if (f.requester) query = query.where('requester', '=', f.requester);
  if (f.participant) query = query.where(sql<SqlBool>`participants @> array[${f.participant}]::text[]`);
  if (f.pendingFor) query = query.where(sql<SqlBool>`pending_for @> array[${f.pendingFor}]::text[]`);
  if (f.overdue !== undefined) query = query.where('overdue', '=', f.overdue);
  if (f.category) query = query.where('category', '=', f.category);
  if (f.openConditions !== undefined) query = query.where('open_conditions', f.openConditions ? '>' : '=', 0);
  if (f.q) {
    // As typed, or split at a letter number's separators (the search text holds both forms of a
    // number, so `PL.02.1` or a whole number with other separators matches as well).
    const words = (q: Expression<string>) => sql<SqlBool>`search @@ plainto_tsquery('simple'::regconfig, koordinasi_search_text(${q}))`;
    query = query.where(sql<SqlBool>`(${words(sql.val(f.q))} or ${words(sql`translate(${f.q}, ${LETTER_SEPARATORS}, ${' '.repeat(LETTER_SEPARATORS.length)})`)})`);
  }
  if (f.createdFrom) query = query.where('created_at', '>=', new Date(f.createdFrom));
  if (f.createdTo) query = query.where('created_at', '<', new Date(f.createdTo));

  const a = req.after;
  if (req.sort === 'deadline') {
    const key = sql<Date>`coalesce(due_at, ${INFINITY})`;
    if (a) query = query.where(sql<SqlBool>`(${key}, id) > (coalesce(${a[0]}::timestamptz, ${INFINITY}), ${a[1]})`);
    query = query.orderBy(key as Expression<Date>).orderBy('id');
  } else {
    const column = req.sort === 'created' ? 'created_at' : 'updated_at';
    if (a) query = query.where(sql<SqlBool>`(${sql.ref(column)}, id) < (${a[0]}::timestamptz, ${a[1]})`);
    query = query.orderBy(column, 'desc').orderBy('id', 'desc');
  }
  const rows = await query.limit(req.pageSize + 1).execute();
  const page = rows.slice(0, req.pageSize);
  const items = page.map((r) => ({
    id: r.id,
    title: r.title,
    letterNumber: r.letter_number || null,
    status: r.status as RequestStatus,
    requester: r.requester,
    category: r.category as Category,
    participants: r.participants,
    pendingFor: r.pending_for,
    dueAt: r.due_at?.toISOString() ?? null,
    overdue: r.overdue,
    openConditions: r.open_conditions,
    startedAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
  }));
  const last = page.at(-1);
  if (rows.length <= req.pageSize || !last) return { items, next: null };
  const key = req.sort === 'deadline' ? last.due_at : req.sort === 'created' ? last.created_at : last.updated_at;
  return { items, next: [key?.toISOString() ?? null, last.id] };
}
