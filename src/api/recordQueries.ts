/**
 * The list and the reports, read from the records store (by the API and the web pages alike). Page tokens carry the keyset position
 * (last sort key and id), MAC-bound to the filters, sort and caller scope (pageToken.ts), so a
 * token only continues the listing it came from. A store that does not answer is a 503.
 */
import type { OrgId, StepProgress } from '../domain/types';
import type { RecordsDb } from '../records/database';
import { statusCounts, type GroupCounts, type OrgGroup } from '../records/overview';
import { currentProgress } from '../records/reader';
import { listRecords, type ListCursor, type ListFilters, type ListSort, type RecordSummary } from '../records/list';
import { responseTimes, type ResponseTimeQuery, type ResponseTimeRow } from '../records/reports';
import { canonicalJson } from './idempotency';
import { PageTokens } from './pageToken';
import { ProblemError, validationProblem } from './problem';

const RETRY_AFTER_SECONDS = 5;

const storeDown = (): ProblemError =>
  new ProblemError('storeUnavailable', 'the records store (PostgreSQL) is not reachable; retry later', { retryAfterSeconds: RETRY_AFTER_SECONDS });

async function fromStore<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ProblemError) throw err;
    throw storeDown();
  }
}

export class RecordQueries {
  constructor(
    private readonly db: RecordsDb,
    private readonly pageTokens: PageTokens,
  ) {}

  async list(
    filters: ListFilters,
    scope: OrgId[] | null,
    sort: ListSort,
    pageSize: number,
    pageToken: string | undefined,
  ): Promise<{ items: RecordSummary[]; nextPageToken: string | null }> {
    const key = canonicalJson({ filters, scope, sort });
    let after: ListCursor | undefined;
    if (pageToken !== undefined) {
      const raw = this.pageTokens.decode(key, pageToken);
      if (raw === null) throw validationProblem([{ in: 'query', field: 'pageToken', message: 'not a page token of this listing (same filters, sort and caller)' }]);
      after = JSON.parse(raw.toString('utf8')) as ListCursor;
    }
    const page = await fromStore(() => listRecords(this.db, { filters, scope, sort, pageSize, after }));
    const next = page.next ? this.pageTokens.encode(key, Buffer.from(JSON.stringify(page.next))) : null;
    return { items: page.items, nextPageToken: next };
  }

  responseTimes(q: ResponseTimeQuery): Promise<ResponseTimeRow[]> {
    return fromStore(() => responseTimes(this.db, q));
  }

  /** Requests by status and overdue, per group of organizations (the web overview). */
  statusCounts(groups: OrgGroup[], scope: OrgId[] | null): Promise<GroupCounts[]> {
    return fromStore(() => statusCounts(this.db, groups, scope));
  }

  /** The current step's progress of listed requests (the rows were already scoped by `list`). */
  progress(ids: string[]): Promise<Map<string, StepProgress | null>> {
    return fromStore(() => currentProgress(this.db, ids));
  }
}
