/**
 * Between the store's rows and the directory's `Organization`, and the forms history keeps.
 * History never holds a webhook secret: it holds the secret's fingerprint, which says that it
 * changed (and lets an operator compare with theirs) without being usable.
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Organization } from '../../domain/organizations';
import type { DirectoryContactsTable, DirectoryOrganizationsTable } from '../../records/schema';

type OrgRow = DirectoryOrganizationsTable;
type ContactRow = { emails: string[]; whatsapp: string[]; webhook_url: string | null; webhook_secret: string | null };

export function toOrganization(row: OrgRow, contacts: ContactRow | undefined): Organization {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Organization['kind'],
    level: row.level as Organization['level'],
    parentId: row.parent_id,
    timeZone: row.time_zone,
    language: row.language as Organization['language'],
    ...(row.area_code ? { areaCode: row.area_code } : {}),
    contacts: {
      emails: contacts?.emails ?? [],
      ...(contacts?.whatsapp.length ? { whatsapp: contacts.whatsapp } : {}),
      ...(contacts?.webhook_url && contacts.webhook_secret ? { webhook: { url: contacts.webhook_url, secret: contacts.webhook_secret } } : {}),
    },
  };
}

export function organizationRow(o: Organization): OrgRow {
  return { id: o.id, name: o.name, kind: o.kind, level: o.level, parent_id: o.parentId, time_zone: o.timeZone, language: o.language, area_code: o.areaCode ?? null };
}

export function contactsRow(o: Organization): Insertable<DirectoryContactsTable> {
  return {
    organization_id: o.id,
    emails: o.contacts.emails,
    whatsapp: o.contacts.whatsapp ?? [],
    webhook_url: o.contacts.webhook?.url ?? null,
    webhook_secret: o.contacts.webhook?.secret ?? null,
  };
}

/** What the organization is: the part history calls `organization`. */
export function identityOf(o: Organization): Record<string, unknown> {
  return { name: o.name, kind: o.kind, level: o.level, parentId: o.parentId, timeZone: o.timeZone, language: o.language, areaCode: o.areaCode ?? null };
}

export const secretFingerprint = (secret: string): string => `sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 12)}`;

export interface MaskedContacts {
  emails: string[];
  whatsapp: string[];
  webhook: { url: string; secret: string } | null;
}

/** How to reach the organization, with the webhook secret replaced by its fingerprint. */
export function maskedContacts(c: Organization['contacts']): MaskedContacts {
  return { emails: c.emails, whatsapp: c.whatsapp ?? [], webhook: c.webhook ? { url: c.webhook.url, secret: secretFingerprint(c.webhook.secret) } : null };
}

/** Contacts compared in full (the secret itself too: a new secret is a change). */
export const sameContacts = (a: Organization['contacts'], b: Organization['contacts']): boolean =>
  JSON.stringify([a.emails, a.whatsapp ?? [], a.webhook?.url ?? null, a.webhook?.secret ?? null]) ===
  JSON.stringify([b.emails, b.whatsapp ?? [], b.webhook?.url ?? null, b.webhook?.secret ?? null]);
