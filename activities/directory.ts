/** Directory lookups for the workflow: organization refs (hierarchy, zone, channels), no addresses. */
import { ApplicationFailure } from '@temporalio/activity';
import type { Directory } from '../src/directory/directory';
import type { DirectoryReader } from '../src/directory/store/store';
import { UNKNOWN_ORGANIZATION } from '../src/domain/failures';
import type { OrgId, OrgRef } from '../src/domain/types';
import type { CoordinationActivities } from './types';

/** With a store, `directory` is its snapshot, refreshed (within the cache's TTL) before each lookup. */
export function createDirectoryActivities(directory: Directory, store?: DirectoryReader): Pick<CoordinationActivities, 'resolveOrganizations'> {
  return {
    async resolveOrganizations(ids: OrgId[]): Promise<OrgRef[]> {
      await store?.fresh();
      return ids.map((id) => {
        const ref = directory.ref(id);
        if (!ref) throw ApplicationFailure.nonRetryable(`unknown organization "${id}"`, UNKNOWN_ORGANIZATION);
        return ref;
      });
    },
  };
}
