/**
 * The election schedule (tahapan, docs/ARCHITECTURE.md#election-schedule-stages): its stages as
 * the file says now, and the admin action that carries a revised stage date into the open
 * requests whose deadlines depend on it. Each of those requests is sent the `reresolveStage`
 * update: the workflow resolves the stage again itself (a local activity, recorded in its
 * history) and moves its deadline only when the date changed.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Express } from 'express';
import { reresolveStageUpdate } from '../../../workflows/messages';
import { isAdmin } from '../../domain/actor';
import type { StageReresolveResult } from '../../domain/types';
import type { RecordsDb } from '../../records/database';
import { openRequestsUsingStage } from '../../records/stageUsers';
import { StagesError, type Stage, type StagesFile } from '../../stages/stages';
import { callerOf } from '../auth';
import type { CoordinationService } from '../coordinationService';
import { fromTemporal } from '../errors';
import { ProblemError } from '../problem';
import { ReresolveReportSchema, StageListSchema } from '../responses';
import { defineRoute } from '../route';
import { StageParamsSchema } from '../schemas';

/** Requests updated at once: enough to be quick, few enough to leave the workers room. */
const PARALLEL_UPDATES = 8;

export interface StageRouteDeps {
  stages: StagesFile;
  service: CoordinationService;
  records: RecordsDb;
}

/** The file as it is now; one that turned bad while running is the operator's to fix (500, saying so). */
function currentStages(stages: StagesFile): Stage[] {
  try {
    return stages.current();
  } catch (err) {
    if (err instanceof StagesError) throw new ProblemError('internal', err.message);
    throw err;
  }
}

export function stageRoutes(app: Express, registry: OpenAPIRegistry, { stages, service, records }: StageRouteDeps): void {
  defineRoute(app, registry, {
    method: 'get',
    path: '/v1/stages',
    operationId: 'listStages',
    summary: 'The stages of the election schedule that STAGE deadlines may name',
    tags: ['stages'],
    secured: true,
    responses: { 200: { description: 'The stages as the schedule file says now', schema: StageListSchema } },
    handler: ({ res }) => {
      res.json({ stages: currentStages(stages) });
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
      const caller = callerOf(res);
      if (!isAdmin(caller)) throw new ProblemError('forbidden', 'only an admin may re-resolve election-schedule deadlines');
      const stage = currentStages(stages).find((s) => s.id === params.stage);
      if (!stage) throw new ProblemError('notFound', `the election schedule has no stage "${params.stage}"`);
      const ids = await openRequestsUsingStage(records, stage.id).catch(() => {
        throw new ProblemError('storeUnavailable', 'the records store is not reachable; retry later', { retryAfterSeconds: 5 });
      });
      const outcomes: Array<{ id: string; result?: StageReresolveResult; failure?: string }> = [];
      for (let i = 0; i < ids.length; i += PARALLEL_UPDATES) {
        const batch = ids.slice(i, i + PARALLEL_UPDATES);
        outcomes.push(
          ...(await Promise.all(
            batch.map((id) =>
              service.update(id, reresolveStageUpdate, { actor: caller, stage: stage.id }).then(
                (result) => ({ id, result }),
                (err: unknown) => {
                  const mapped = fromTemporal(err);
                  return { id, failure: mapped instanceof Error ? mapped.message : String(mapped) };
                },
              ),
            ),
          )),
        );
      }
      res.json({
        stage: stage.id,
        date: stage.date,
        matched: ids.length,
        changed: outcomes.filter((o) => o.result?.outcome === 'CHANGED').length,
        unchanged: outcomes.filter((o) => o.result?.outcome === 'UNCHANGED').length,
        failed: outcomes.filter((o) => o.failure !== undefined).length,
        requests: outcomes.map((o) => ({ id: o.id, ...(o.result ?? { outcome: 'FAILED' as const, reason: o.failure }) })),
      });
    },
  });
}
