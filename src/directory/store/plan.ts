/**
 * What an import or an edit would change, computed before anything is written (pure): the dry run
 * prints it, the store writes it in one transaction. Nothing that would break the directory gets
 * this far: an unknown organization or parent, a cycle, a duplicate id is a problem naming where.
 */
import type { Organization, OrgId } from '../../domain/organizations';
import { DirectoryInputError, type InputProblem } from './errors';
import { identityOf, maskedContacts, sameContacts } from './rows';

/** A whole organization (the JSON format), or new contacts for one (a CSV row, a PATCH). */
export type Incoming =
  | { kind: 'organization'; where: string; organization: Organization }
  | { kind: 'contacts'; where: string; id: OrgId; contacts: Partial<Pick<Organization['contacts'], 'emails' | 'whatsapp'>> & { webhook?: Organization['contacts']['webhook'] | null } };

export interface Change {
  organizationId: OrgId;
  change: 'organization' | 'contacts';
  /** As history keeps it (contacts masked); null for a new organization. */
  before: unknown;
  after: unknown;
}

export interface Plan {
  changes: Change[];
  /** Organizations to write, whole, as they will be. */
  write: Organization[];
}

function hierarchyProblems(byId: Map<OrgId, Organization>, whereOf: Map<OrgId, string>): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const [id, where] of whereOf) {
    const org = byId.get(id);
    if (!org || org.parentId === null) continue;
    if (!byId.has(org.parentId)) {
      problems.push({ field: `${where}.parentId`, message: `unknown parent organization "${org.parentId}"` });
      continue;
    }
    const seen = new Set<OrgId>([id]);
    for (let cur: OrgId | null = org.parentId; cur !== null; cur = byId.get(cur)?.parentId ?? null) {
      if (seen.has(cur)) {
        problems.push({ field: `${where}.parentId`, message: `the parent chain of "${id}" goes round through "${cur}"` });
        break;
      }
      seen.add(cur);
    }
  }
  return problems;
}

export function planChanges(existing: readonly Organization[], incoming: readonly Incoming[]): Plan {
  const before = new Map(existing.map((o) => [o.id, o]));
  const after = new Map(before);
  const problems: InputProblem[] = [];
  const orgWhere = new Map<OrgId, string>();
  const touched = new Set<OrgId>();
  for (const item of incoming) {
    if (item.kind === 'organization') {
      const id = item.organization.id;
      const first = orgWhere.get(id);
      if (first) {
        problems.push({ field: `${item.where}.id`, message: `duplicate organization id "${id}" (also ${first})` });
        continue;
      }
      orgWhere.set(id, item.where);
      after.set(id, item.organization);
      touched.add(id);
    } else {
      const current = after.get(item.id);
      if (!current) {
        problems.push({ field: `${item.where}.organization_id`, message: `unknown organization "${item.id}"` });
        continue;
      }
      const { webhook, ...lists } = item.contacts;
      const contacts = { ...current.contacts, ...lists };
      if (webhook === null) delete contacts.webhook;
      else if (webhook) contacts.webhook = webhook;
      after.set(item.id, { ...current, contacts });
      touched.add(item.id);
    }
  }
  problems.push(...hierarchyProblems(after, orgWhere));
  if (problems.length) throw new DirectoryInputError(problems);

  const changes: Change[] = [];
  const write: Organization[] = [];
  for (const id of touched) {
    const was = before.get(id);
    const now = after.get(id)!;
    if (!was) {
      changes.push({ organizationId: id, change: 'organization', before: null, after: { ...identityOf(now), contacts: maskedContacts(now.contacts) } });
      write.push(now);
      continue;
    }
    const identityChanged = JSON.stringify(identityOf(was)) !== JSON.stringify(identityOf(now));
    const contactsChanged = !sameContacts(was.contacts, now.contacts);
    if (identityChanged) changes.push({ organizationId: id, change: 'organization', before: identityOf(was), after: identityOf(now) });
    if (contactsChanged) changes.push({ organizationId: id, change: 'contacts', before: maskedContacts(was.contacts), after: maskedContacts(now.contacts) });
    if (identityChanged || contactsChanged) write.push(now);
  }
  return { changes, write };
}
