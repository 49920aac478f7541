/**
 * The directory store of an API or worker process: starts from the `DIRECTORY_PATH` file (so the
 * process serves at once, even before the records store answers), seeds an empty store once
 * migrations are done with the national directory merged with that file (its organizations
 * override and extend the generated ones), then follows the store through the cache.
 */
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { parseDuration } from '../../domain/duration';
import type { Organization } from '../../domain/organizations';
import type { RecordsDb } from '../../records/database';
import type { Directory } from '../directory';
import { readAreas } from '../national/areas';
import { nationalOrganizations } from '../national/generate';
import { mergeWithOperators } from '../national/merge';
import { PostgresDirectoryStore } from './store';

/** The first contents of an empty store: the whole country, with the operator file's entries. */
export function seedOrganizations(file: Directory): Organization[] {
  return mergeWithOperators(nationalOrganizations(readAreas()), file.organizations).organizations;
}

export function startDirectoryStore(deps: { db: RecordsDb; config: Config; file: Directory; logger: Logger; migrated?: Promise<void> }): PostgresDirectoryStore {
  const { db, config, file, logger } = deps;
  const store = new PostgresDirectoryStore(db, file, {
    ttlMs: parseDuration(config.DIRECTORY_CACHE_TTL),
    onError: (err) => logger.warn({ err: err.message }, 'directory store not readable; serving the last directory read'),
  });
  void (deps.migrated ?? Promise.resolve())
    .then(() => store.seedIfEmpty(() => seedOrganizations(file)))
    .then((seeded) => {
      if (seeded) logger.info('directory store seeded from the national directory and DIRECTORY_PATH');
      return store.fresh();
    })
    .catch((err: Error) => logger.warn({ err: err.message }, 'seeding the directory store failed; serving DIRECTORY_PATH until it can be read'));
  return store;
}
