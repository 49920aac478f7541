/**
 * The election schedule as the API and the pages use it (docs/ARCHITECTURE.md#election-schedule-stages):
 * the stages as the file says now, and the admin action that carries a revised stage date into
 * the open requests whose deadlines depend on it. Each of those requests is sent the
 * `reresolveStage` update: the workflow resolves the stage again itself (a local activity,
 * recorded in its history) and moves its deadline only when the date changed.
 */
import type { z } from 'zod';
import { reresolveStageUpdate } from '../../workflows/messages';
import { isAdmin } from '../domain/actor';
import type { Actor, StageReresolveResult } from '../domain/types';
import type { RecordsDb } from '../records/database';
import { openRequestsUsingStage } from '../records/stageUsers';
import { StagesError, type Stage, type StagesFile } from '../stages/stages';
import type { CoordinationService } from './coordinationService';
import { fromTemporal } from './errors';
import { ProblemError } from './problem';
import type { ReresolveReportSchema } from './responses';

export type ReresolveReport = z.infer<typeof ReresolveReportSchema>;

/** Requests updated at once: enough to be quick, few enough to leave the workers room. */
const PARALLEL_UPDATES = 8;

export class StageDeadlines {
  constructor(
    private readonly stages: StagesFile,
    private readonly service: CoordinationService,
    private readonly records: RecordsDb,
  ) {}

  /** The file as it is now; one that turned bad while running is the operator's to fix (500, saying so). */
  current(): Stage[] {
    try {
      return this.stages.current();
    } catch (err) {
      if (err instanceof StagesError) throw new ProblemError('internal', err.message);
      throw err;
    }
  }

  /** Re-resolve every open request using `stageId` (admins only); what happened to each. */
  async reresolve(caller: Actor, stageId: string): Promise<ReresolveReport> {
    if (!isAdmin(caller)) throw new ProblemError('forbidden', 'only an admin may re-resolve election-schedule deadlines');
    const stage = this.current().find((s) => s.id === stageId);
    if (!stage) throw new ProblemError('notFound', `the election schedule has no stage "${stageId}"`);
    const ids = await openRequestsUsingStage(this.records, stage.id).catch(() => {
      throw new ProblemError('storeUnavailable', 'the records store is not reachable; retry later', { retryAfterSeconds: 5 });
    });
    const outcomes: Array<{ id: string; result?: StageReresolveResult; failure?: string }> = [];
    for (let i = 0; i < ids.length; i += PARALLEL_UPDATES) {
      const batch = ids.slice(i, i + PARALLEL_UPDATES);
      outcomes.push(
        ...(await Promise.all(
          batch.map((id) =>
            this.service.update(id, reresolveStageUpdate, { actor: caller, stage: stage.id }).then(
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
    return {
      stage: stage.id,
      date: stage.date,
      matched: ids.length,
      changed: outcomes.filter((o) => o.result?.outcome === 'CHANGED').length,
      unchanged: outcomes.filter((o) => o.result?.outcome === 'UNCHANGED').length,
      failed: outcomes.filter((o) => o.failure !== undefined).length,
      requests: outcomes.map((o) => ({ id: o.id, ...(o.result ?? { outcome: 'FAILED' as const, reason: o.failure }) })),
    };
  }
}
