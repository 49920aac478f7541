/**
 * `npm run directory:national -- --out FILE [--base config/organizations.json]`: writes the
 * national directory (src/directory/national/), merged with an operator file's contacts and own
 * organizations, in the directory file format `DIRECTORY_PATH` reads. The result is validated as
 * the processes validate it before anything is written; prints what it did.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DirectoryError, loadDirectory, parseDirectory } from '../directory/directory';
import { readAreas } from '../directory/national/areas';
import { nationalOrganizations } from '../directory/national/generate';
import { mergeWithOperators } from '../directory/national/merge';

const USAGE = 'usage: npm run directory:national -- --out <file> [--base <directory file>]';

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({ options: { out: { type: 'string' }, base: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help || !values.out) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    const operators = values.base ? loadDirectory(values.base, '--base').organizations : [];
    const merged = mergeWithOperators(nationalOrganizations(readAreas()), operators);
    const file = { organizations: merged.organizations };
    parseDirectory(JSON.parse(JSON.stringify(file)), 'the generated directory');
    writeFileSync(values.out, `${JSON.stringify(file, null, 2)}\n`);
    console.log(`${merged.organizations.length} organizations written to ${values.out}`);
    if (merged.corrected.length) console.log(`named, placed or zoned as the area data says: ${merged.corrected.join(', ')}`);
    if (merged.kept.length) console.log(`kept from ${values.base} as they are: ${merged.kept.join(', ')}`);
    return 0;
  } catch (err) {
    if (err instanceof DirectoryError || err instanceof Error) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

process.exitCode = main();
