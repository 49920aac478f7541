/**
 * The organizations a run knows (hierarchy, zone, channels), looked up through the directory
 * local activity as the request needs them and carried over at continue-as-new.
 */
import type { OrgId } from '../src/domain/types';
import { local } from './localActivities';
import type { Run } from './run';

export function createOrganizations(run: Run) {
  const { orgs } = run;

  /** Make sure refs of these organizations and their parents are known. */
  async function ensure(ids: OrgId[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !orgs[id]);
    if (missing.length) for (const ref of await local.resolveOrganizations(missing)) orgs[ref.id] = ref;
    const parents = [...new Set(ids.map((id) => orgs[id]?.parentId).filter((p): p is OrgId => !!p && !orgs[p]))];
    if (parents.length) for (const ref of await local.resolveOrganizations(parents)) orgs[ref.id] = ref;
  }

  /** Make sure the whole parent chain of an organization is known (the seat rules look at it). */
  async function ensureAncestors(id: OrgId): Promise<void> {
    await ensure([id]); // the organization and its parent
    const seen = new Set<OrgId>();
    for (let p = orgs[id]?.parentId; p && !seen.has(p); p = orgs[p]?.parentId) {
      seen.add(p);
      const grandparent = orgs[p]?.parentId;
      if (grandparent && !orgs[grandparent]) await ensure([p]);
    }
  }

  /** Ancestors as far as this run knows them, nearest first. */
  function knownAncestors(id: OrgId): OrgId[] {
    const out: OrgId[] = [];
    for (let p = orgs[id]?.parentId; p && !out.includes(p); p = orgs[p]?.parentId) out.push(p);
    return out;
  }

  const zoneOf = (org: OrgId): string => orgs[org]?.timeZone ?? 'Asia/Jakarta';
  const parentOf = (org: OrgId): OrgId | undefined => orgs[org]?.parentId ?? undefined;

  return { ensure, ensureAncestors, knownAncestors, zoneOf, parentOf };
}
export type Organizations = ReturnType<typeof createOrganizations>;
