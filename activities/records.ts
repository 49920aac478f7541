/**
 * Recording into the records store (src/records). A failure (database down) is thrown as an
 * ordinary error: Temporal retries with backoff until the database is back, and the workflow,
 * which never waits for this activity, goes on meanwhile.
 */
import type { RecordsDb } from '../src/records/database';
import { writeRecord } from '../src/records/writer';
import type { CoordinationActivities, RecordInput } from './types';

export function createRecordActivities(db: RecordsDb): Pick<CoordinationActivities, 'recordRequest'> {
  return {
    async recordRequest(input: RecordInput): Promise<void> {
      await writeRecord(db, input);
    },
  };
}
