/**
 * `npm run directory:import -- FILE [--dry-run]`: imports a directory file (JSON, the format of
 * DIRECTORY_PATH) or a CSV of contacts (organization_id,email,whatsapp) into the records store
 * (DATABASE_URL, or the embedded store of `npm start`). All or nothing, in one transaction; a
 * second import of the same file changes nothing. Prints each change; the running processes see
 * it within DIRECTORY_CACHE_TTL.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../config';
import { DirectoryError, loadDirectory } from '../directory/directory';
import { describeChange, importIncoming, readImportFile } from '../directory/import/importFile';
import { DirectoryInputError } from '../directory/store/errors';
import { seedOrganizations } from '../directory/store/launch';
import { PostgresDirectoryStore } from '../directory/store/store';
import { runMain } from '../process/lifecycle';
import { openRecords } from '../records/database';
import { recordsUrl } from '../records/launch';

const USAGE = 'usage: npm run directory:import -- <file.json | contacts.csv> [--dry-run]';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const [file, ...extra] = parsed.positionals;
  if (parsed.values.help || !file || extra.length) {
    console.error(USAGE);
    process.exitCode = parsed.values.help ? 0 : 2;
    return;
  }
  const dryRun = parsed.values['dry-run'] === true;
  const config = loadConfig();
  try {
    const incoming = readImportFile(file);
    const fileDirectory = loadDirectory(config.DIRECTORY_PATH);
    const db = await openRecords(recordsUrl(config), { poolSize: 2 });
    try {
      const store = new PostgresDirectoryStore(db, fileDirectory, { ttlMs: 0, onError: (err) => pino().warn(err.message) });
      const changes = await importIncoming({ db, store, seed: () => seedOrganizations(fileDirectory) }, incoming, { actor: `import:${path.basename(file)}`, dryRun });
      for (const c of changes) console.log(describeChange(c));
      console.log(changes.length === 0 ? 'nothing to change' : `${changes.length} change(s) ${dryRun ? 'would be made (dry run: nothing written)' : 'made'}`);
    } finally {
      await db.destroy();
    }
  } catch (err) {
    if (err instanceof DirectoryInputError || err instanceof DirectoryError) {
      console.error(`${file} refused, nothing changed:\n${err.message}`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}

runMain('directory-import', main);
