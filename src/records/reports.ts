/**
 * The response-time report supervisors ask for ("who keeps answering late?"): per participant
 * organization (or per category), over the seats asked in a time window —
 * - asked: seats asked (an organization asked in two steps of one request counts twice);
 * - answered: seats with a response (an acknowledgement counts: it is the first answer);
 * - median / p90 seconds from being asked to the first response (continuous percentiles over the
 *   answered seats, to the millisecond; null when none);
 * - answeredLate: first response after the seat's deadline;
 * - escalations: seats an escalation named as silent.
 * Only requests the caller may read count (involved organizations within its scope).
 */
import { sql, type SqlBool } from 'kysely';
import type { OrgId } from '../domain/types';
import type { RecordsDb } from './database';

export const REPORT_GROUPS = ['organization', 'category'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

export interface ResponseTimeRow {
  key: string;
  asked: number;
  answered: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  answeredLate: number;
  escalations: number;
}

export interface ResponseTimeQuery {
  from?: string;
  to?: string;
  groupBy: ReportGroup;
  scope: OrgId[] | null;
}

/**
 * Memory for the report's sort: both percentiles order every answered seat of a group, and with
 * PostgreSQL's default (4 MB) 100,000+ seats spill to disk. Set for the report's own transaction only.
 */
const REPORT_WORK_MEM = '64MB';

export async function responseTimes(db: RecordsDb, q: ResponseTimeQuery): Promise<ResponseTimeRow[]> {
  const seconds = sql`extract(epoch from (s.first_response_at - s.asked_at))`;
  const key = q.groupBy === 'organization' ? sql<string>`s.org` : sql<string>`s.category`;
  return db.transaction().execute(async (trx) => {
    await sql`set local work_mem = ${sql.lit(REPORT_WORK_MEM)}`.execute(trx);
    let query = trx
      .selectFrom('seats as s')
      .select([
        key.as('key'),
        sql<number>`count(*)::int`.as('asked'),
        sql<number>`count(s.first_response_at)::int`.as('answered'),
        sql<number | null>`round((percentile_cont(0.5) within group (order by ${seconds}) filter (where s.first_response_at is not null))::numeric, 3)::float8`.as('medianSeconds'),
        sql<number | null>`round((percentile_cont(0.9) within group (order by ${seconds}) filter (where s.first_response_at is not null))::numeric, 3)::float8`.as('p90Seconds'),
        sql<number>`count(*) filter (where s.first_response_at > s.deadline)::int`.as('answeredLate'),
        sql<number>`count(*) filter (where s.escalated)::int`.as('escalations'),
      ])
      .groupBy(key)
      .orderBy(key);
    if (q.from) query = query.where('s.asked_at', '>=', new Date(q.from));
    if (q.to) query = query.where('s.asked_at', '<', new Date(q.to));
    if (q.scope) query = query.where(sql<SqlBool>`s.involved && ${sql.val(q.scope)}::text[]`);
    return query.execute();
  });
}

const CSV_COLUMNS: Array<keyof ResponseTimeRow> = ['key', 'asked', 'answered', 'medianSeconds', 'p90Seconds', 'answeredLate', 'escalations'];

/** RFC 4180 CSV with a header row; the key column is named after the grouping. */
export function responseTimesCsv(rows: ResponseTimeRow[], groupBy: ReportGroup): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = [groupBy, ...CSV_COLUMNS.slice(1)].join(',');
  return [header, ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
