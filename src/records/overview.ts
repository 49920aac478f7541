/**
 * The overview's counts: for each group of organizations (a subordinate organization and
 * everything below it), the requests by status and the overdue ones. A request counts for a group
 * when its requester or one of its participants is in the group; only requests the caller may read
 * count (involved organizations within its scope, as in the list and the report).
 */
import { sql } from 'kysely';
import { REQUEST_STATUSES, type OrgId, type RequestStatus } from '../domain/types';
import type { RecordsDb } from './database';

export interface OrgGroup {
  key: string;
  orgs: OrgId[];
}

export interface GroupCounts {
  key: string;
  byStatus: Record<RequestStatus, number>;
  total: number;
  overdue: number;
}

export async function statusCounts(db: RecordsDb, groups: OrgGroup[], scope: OrgId[] | null): Promise<GroupCounts[]> {
  const out = new Map<string, GroupCounts>(
    groups.map((g) => [g.key, { key: g.key, byStatus: Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>, total: 0, overdue: 0 }]),
  );
  if (groups.length === 0) return [];
  const inScope = scope ? sql`r.involved && ${sql.val(scope)}::text[]` : sql`true`;
  const { rows } = await sql<{ key: string; status: RequestStatus; n: number; overdue: number }>`
    select g.key, r.status, count(*)::int as n, count(*) filter (where r.overdue)::int as overdue
    from jsonb_to_recordset(${JSON.stringify(groups)}::jsonb) as g(key text, orgs text[])
    join requests r on r.requester = any(g.orgs) or r.participants && g.orgs
    where ${inScope}
    group by g.key, r.status`.execute(db);
  for (const row of rows) {
    const counts = out.get(row.key)!;
    counts.byStatus[row.status] = row.n;
    counts.total += row.n;
    counts.overdue += row.overdue;
  }
  return [...out.values()];
}
