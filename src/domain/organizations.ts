/**
 * Organizations (docs/ARCHITECTURE.md#organization-directory): the directory's entries, and the
 * small reference the workflow keeps of each. Plain types only: workflow code imports them.
 */

/** A directory id (`kpu-ntb`, `pemkab-sumbawa`). */
export type OrgId = string;

/** POLRI (Polda, Polres), KEJAKSAAN and ORMAS are added by operators: no area list names them. */
export const ORG_KINDS = ['KPU', 'BAWASLU', 'DKPP', 'PEMDA', 'POLRI', 'KEJAKSAAN', 'ORMAS', 'OTHER'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_LEVELS = ['NATIONAL', 'PROVINCE', 'REGENCY'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];
export const INDONESIAN_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

export interface Organization {
  id: OrgId;
  name: string;
  kind: OrgKind;
  level: OrgLevel;
  parentId: OrgId | null;
  timeZone: string;
  language: 'id' | 'en';
  /** Kemendagri's code of the area the organization serves ("52", "52.04"); none for national ones. */
  areaCode?: string;
  contacts: {
    emails: string[];
    webhook?: { url: string; secret: string };
  };
}

export type Channel = 'email' | 'webhook' | 'log';

/** What the workflow needs to know of an organization: no names, no addresses, no secrets. */
export interface OrgRef {
  id: OrgId;
  parentId: OrgId | null;
  timeZone: string;
  /** Channels configured for this organization besides the log (which always applies). */
  channels: Channel[];
}
