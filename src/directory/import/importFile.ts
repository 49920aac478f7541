/**
 * `npm run directory:import`'s work, without the command line: read a JSON directory file or a CSV
 * of contacts, and apply it to the store (or, dry, compute what would change). An empty store is
 * seeded first, as the first start would, so an import before the first start does not leave the
 * country out; a dry run on an empty store compares with that seed in memory and writes nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Organization } from '../../domain/organizations';
import { readOrganizations } from '../store/organizations';
import { planChanges, type Change, type Incoming } from '../store/plan';
import type { PostgresDirectoryStore } from '../store/store';
import type { RecordsDb } from '../../records/database';
import { DirectoryInputError } from '../store/errors';
import { incomingFromCsv } from './csv';
import { incomingFromJson } from './json';

export function readImportFile(file: string): Incoming[] {
  const text = readFileSync(file, 'utf8');
  if (path.extname(file).toLowerCase() === '.csv') return incomingFromCsv(text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DirectoryInputError([{ field: file, message: `not JSON (${(err as Error).message}); contacts come as a .csv file` }]);
  }
  return incomingFromJson(json);
}

export async function importIncoming(
  deps: { db: RecordsDb; store: PostgresDirectoryStore; seed: () => Organization[] },
  incoming: Incoming[],
  opts: { actor: string; dryRun: boolean },
): Promise<Change[]> {
  if (opts.dryRun && (await readOrganizations(deps.db)).length === 0) return planChanges(deps.seed(), incoming).changes;
  if (!opts.dryRun) await deps.store.seedIfEmpty(deps.seed);
  return deps.store.apply(incoming, opts);
}

const show = (v: unknown): string => JSON.stringify(v);

/** One line per change: `+ id` for a new organization, `~ id contacts: emails [..] → [..]`. */
export function describeChange(c: Change): string {
  if (c.before === null) return `+ ${c.organizationId} (new organization)`;
  const before = c.before as Record<string, unknown>;
  const after = c.after as Record<string, unknown>;
  const fields = Object.keys({ ...before, ...after }).filter((k) => show(before[k]) !== show(after[k]));
  return `~ ${c.organizationId} ${c.change}: ${fields.map((k) => `${k} ${show(before[k])} → ${show(after[k])}`).join('; ')}`;
}
