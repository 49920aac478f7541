/**
 * The directory file format (what `DIRECTORY_PATH` and `npm run directory:national` use) as an
 * import: each organization replaces the stored one of its id, whole (contacts included).
 */
import { directoryFileSchema } from '../directory';
import { DirectoryInputError } from '../store/errors';
import type { Incoming } from '../store/plan';

export function incomingFromJson(json: unknown): Incoming[] {
  const parsed = directoryFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new DirectoryInputError(
      parsed.error.issues.map((i) => ({ field: i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '') || '(root)', message: i.message })),
    );
  }
  return parsed.data.organizations.map((organization, i) => ({ kind: 'organization', where: `organizations[${i}]`, organization }));
}
