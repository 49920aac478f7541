/** Directory lookups for the workflow: organization refs (hierarchy, zone, channels), no addresses. */
import { ApplicationFailure } from '@temporalio/activity';
import type { Directory } from '../src/directory/directory';
import { UNKNOWN_ORGANIZATION } from '../src/domain/failures';
import type { OrgId, OrgRef } from '../src/domain/types';
import type { CoordinationActivities } from './types';

export function createDirectoryActivities(directory: Directory): Pick<CoordinationActivities, 'resolveOrganizations'> {
  return {
    async resolveOrganizations(ids: OrgId[]): Promise<OrgRef[]> {
      return ids.map((id) => {
        const ref = directory.ref(id);
        if (!ref) throw ApplicationFailure.nonRetryable(`unknown organization "${id}"`, UNKNOWN_ORGANIZATION);
        return ref;
      });
    },
  };
}
