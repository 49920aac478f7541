/**
 * The organization directory (docs/ARCHITECTURE.md#organization-directory): a JSON file validated at start-up, then an in-memory
 * lookup with the hierarchy. Read-only while the process runs.
 */
import { readOperatorJson } from '../operatorFile';
import { z } from 'zod';
import { ORG_KINDS, ORG_LEVELS, type Channel, type Organization, type OrgId, type OrgRef } from '../domain/types';

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const organizationSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'at least 2 and at most 63 lowercase letters, digits and dashes, not starting with a dash'),
    name: z.string().min(1),
    kind: z.enum(ORG_KINDS),
    level: z.enum(ORG_LEVELS),
    parentId: z.string().nullable(),
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Jakarta'),
    language: z.enum(['id', 'en']).default('id'),
    areaCode: z.string().regex(/^\d{2}(\.\d{2})?$/, 'a Kemendagri province or regency code such as "52" or "52.04"').optional(),
    contacts: z
      .object({
        emails: z.array(z.email()).default([]),
        webhook: z.object({ url: z.url(), secret: z.string().min(16) }).strict().optional(),
      })
      .strict(),
  })
  .strict();

export const directoryFileSchema = z.object({ organizations: z.array(organizationSchema).min(1) }).strict();

export class DirectoryError extends Error {}

export class Directory {
  private readonly byId: Map<OrgId, Organization>;

  constructor(readonly organizations: Organization[]) {
    this.byId = new Map();
    for (const org of organizations) {
      if (this.byId.has(org.id)) throw new DirectoryError(`duplicate organization id "${org.id}"`);
      this.byId.set(org.id, org);
    }
    for (const org of organizations) {
      if (org.parentId !== null && !this.byId.has(org.parentId)) {
        throw new DirectoryError(`organization "${org.id}" names unknown parent "${org.parentId}"`);
      }
    }
    for (const org of organizations) this.ancestors(org.id); // throws on a cycle
  }

  has(id: OrgId): boolean {
    return this.byId.has(id);
  }

  get(id: OrgId): Organization | undefined {
    return this.byId.get(id);
  }

  /** Ids of the organization's ancestors, nearest first. */
  ancestors(id: OrgId): OrgId[] {
    const out: OrgId[] = [];
    const seen = new Set<OrgId>([id]);
    let cur = this.byId.get(id)?.parentId ?? null;
    while (cur !== null) {
      if (seen.has(cur)) throw new DirectoryError(`the parent chain of "${id}" has a cycle through "${cur}"`);
      seen.add(cur);
      out.push(cur);
      cur = this.byId.get(cur)?.parentId ?? null;
    }
    return out;
  }

  /** True when `ancestor` is a strict ancestor of `id`. */
  isAncestor(ancestor: OrgId, id: OrgId): boolean {
    return this.ancestors(id).includes(ancestor);
  }

  children(id: OrgId): Organization[] {
    return this.organizations.filter((o) => o.parentId === id);
  }

  /** What the workflow may know: hierarchy, zone and channels, no names or addresses. */
  ref(id: OrgId): OrgRef | undefined {
    const org = this.byId.get(id);
    if (!org) return undefined;
    const channels: Channel[] = [];
    if (org.contacts.emails.length > 0) channels.push('email');
    if (org.contacts.webhook) channels.push('webhook');
    return { id: org.id, parentId: org.parentId, timeZone: org.timeZone, channels };
  }
}

/** Parse and validate directory JSON; throws DirectoryError with a readable message. */
export function parseDirectory(json: unknown, source = 'directory'): Directory {
  const parsed = directoryFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new DirectoryError(`${source} is invalid:\n${lines.join('\n')}`);
  }
  try {
    return new Directory(parsed.data.organizations);
  } catch (err) {
    throw new DirectoryError(`${source} is invalid: ${(err as Error).message}`);
  }
}

/** Reads the directory file; every error names the variable that points at it. */
export function loadDirectory(file: string, variable = 'DIRECTORY_PATH'): Directory {
  const source = `organization directory ${file} (${variable})`;
  const json = readOperatorJson(file, source, DirectoryError);
  return parseDirectory(json, `the ${source}`);
}
