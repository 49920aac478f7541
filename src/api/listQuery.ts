/**
 * Listing through Temporal visibility (the web pages' lists; the API list reads the records store): filters and the caller's scope become a visibility query
 * over our search attributes (src/domain/searchAttributes.ts). Values are validated by the
 * query schema (enums, organization-id pattern) before they get here and are quoted anyway.
 *
 * Scope: a non-admin sees requests where its organization or one of its descendants is involved
 * (`KoordinasiInvolved IN (...)`), the same rule as reading a single request, so a listing never
 * shows what a GET would hide. Admins see all.
 */
import { WORKFLOW_TYPE } from '../../workflows/messages';
import type { OrgId } from '../domain/types';
import type { ListQuery } from './schemas';

const quote = (v: string): string => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const list = (vs: readonly string[]): string => `(${vs.map(quote).join(', ')})`;

export function buildVisibilityQuery(
  filters: Pick<ListQuery, 'status' | 'requester' | 'participant' | 'pendingFor' | 'overdue' | 'category'>,
  scope: OrgId[] | null,
): string {
  const clauses = [
    `WorkflowType = ${quote(WORKFLOW_TYPE)}`,
    // A request that rolled its history over has a closed earlier run: list each request once.
    `ExecutionStatus != 'ContinuedAsNew'`,
  ];
  if (scope) clauses.push(`KoordinasiInvolved IN ${list(scope)}`);
  if (filters.status) clauses.push(`KoordinasiStatus IN ${list(filters.status)}`);
  if (filters.requester) clauses.push(`KoordinasiRequester = ${quote(filters.requester)}`);
  // For keyword lists `=` means "contains".
  if (filters.participant) clauses.push(`KoordinasiParticipants = ${quote(filters.participant)}`);
  if (filters.pendingFor) clauses.push(`KoordinasiPending = ${quote(filters.pendingFor)}`);
  if (filters.overdue !== undefined) clauses.push(`KoordinasiOverdue = ${filters.overdue ? 'true' : 'false'}`);
  if (filters.category) clauses.push(`KoordinasiCategory = ${quote(filters.category)}`);
  return clauses.join(' AND ');
}
