/**
 * The election schedule's routes (docs/ARCHITECTURE.md#election-schedule-stages): its stages, and
 * the admin action that carries a revised stage date into open requests (src/api/stageDeadlines.ts).
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Express } from 'express';
import { callerOf } from '../auth';
import { ReresolveReportSchema, StageListSchema } from '../responses';
import { defineRoute } from '../route';
import { StageParamsSchema } from '../schemas';
import type { StageDeadlines } from '../stageDeadlines';

export function stageRoutes(app: Express, registry: OpenAPIRegistry, stages: StageDeadlines): void {
  defineRoute(app, registry, {
    method: 'get',
    path: '/v1/stages',
    operationId: 'listStages',
    summary: 'The stages of the election schedule that STAGE deadlines may name',
    tags: ['stages'],
    secured: true,
    responses: { 200: { description: 'The stages as the schedule file says now', schema: StageListSchema } },
    handler: ({ res }) => {
      res.json({ stages: stages.current() });
    },
  });

  defineRoute(app, registry, {
    method: 'post',
    path: '/v1/admin/stages/{stage}/re-resolve',
    operationId: 'reresolveStageDeadlines',
    summary: 'Carry a revised stage date into the open requests whose deadlines depend on it (admin)',
    description:
      'Re-reads the election schedule file, finds the open requests whose active or future steps have a STAGE deadline on this stage ' +
      '(in the records store, which follows the workflows with a short delay), and asks each to resolve its deadline again. A request ' +
      'whose active step uses the stage moves its deadline and reminders when the date changed, records STAGE_DEADLINE_MOVED and tells ' +
      'its undecided participants; a later step reads the new date when it starts. Safe to repeat: an unchanged date changes nothing.',
    tags: ['stages'],
    secured: true,
    params: StageParamsSchema,
    responses: { 200: { description: 'What happened to the matching requests', schema: ReresolveReportSchema } },
    problems: [404, 503],
    handler: async ({ res, params }) => {
      res.json(await stages.reresolve(callerOf(res), params.stage));
    },
  });
}
