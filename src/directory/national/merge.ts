/**
 * The generated national directory with what operators already keep: for an id in both, the area
 * data says what the organization is (name, kind, level, parent, zone, area code) and the
 * operator's entry says how to reach it (contacts, language); an operator's organization the area
 * data does not name (a Polres, a Kejaksaan Negeri, an ormas) is kept as it is, after them.
 */
import type { Organization } from '../../domain/organizations';

export interface MergeReport {
  organizations: Organization[];
  /** Ids of the operator's entries that took the generated name, parent or zone. */
  corrected: string[];
  /** Ids of the operator's entries the area data does not name, kept as they are. */
  kept: string[];
}

const IDENTITY = ['name', 'kind', 'level', 'parentId', 'timeZone', 'areaCode'] as const;

export function mergeWithOperators(generated: Organization[], operators: Organization[]): MergeReport {
  const byId = new Map(operators.map((o) => [o.id, o]));
  const corrected: string[] = [];
  const organizations = generated.map((g) => {
    const op = byId.get(g.id);
    if (!op) return g;
    if (IDENTITY.some((k) => op[k] !== undefined && op[k] !== g[k])) corrected.push(g.id);
    return { ...g, language: op.language, contacts: op.contacts };
  });
  const generatedIds = new Set(generated.map((g) => g.id));
  const extra = operators.filter((o) => !generatedIds.has(o.id));
  return { organizations: [...organizations, ...extra], corrected, kept: extra.map((o) => o.id) };
}
