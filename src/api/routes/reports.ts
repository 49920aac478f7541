/** /v1/reports: what supervisors ask of the records store. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Express } from 'express';
import type { Directory } from '../../directory/directory';
import { responseTimesCsv } from '../../records/reports';
import { readableOrgs } from '../access';
import { callerOf } from '../auth';
import type { RecordQueries } from '../recordQueries';
import { ResponseTimesSchema } from '../responses';
import { defineRoute } from '../route';
import { ResponseTimesQuerySchema } from '../querySchemas';

export function reportRoutes(app: Express, registry: OpenAPIRegistry, { directory, queries }: { directory: Directory; queries: RecordQueries }): void {
  defineRoute(app, registry, {
    method: 'get',
    path: '/v1/reports/response-times',
    operationId: 'getResponseTimes',
    summary: 'Response times per participant organization or per category',
    description:
      'Over the seats asked in [from, to): seats asked and answered, median and p90 seconds to the first response, answers after the ' +
      'deadline, escalations. Counts only requests the caller may read (own organization and descendants; admins all). ' +
      '`Accept: text/csv` gives the same rows as CSV.',
    tags: ['reports'],
    secured: true,
    query: ResponseTimesQuerySchema,
    responses: { 200: { description: 'One row per organization or category', schema: ResponseTimesSchema } },
    problems: [503],
    handler: async ({ req, res, query }) => {
      const rows = await queries.responseTimes({ ...query, scope: readableOrgs(callerOf(res), directory) });
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
        res.type('text/csv').send(responseTimesCsv(rows, query.groupBy));
      } else {
        res.json({ groupBy: query.groupBy, from: query.from ?? null, to: query.to ?? null, rows });
      }
    },
  });
}
