/**
 * Open requests whose active or future steps have a deadline tied to a stage of the election
 * schedule: the candidates an admin's re-resolve reaches after KPU revised that stage.
 *
 * Found through the records store rather than a search attribute: the store already holds each
 * open request's latest state (with every step's deadline spec), and SQL visibility allows only
 * three KeywordList search attributes, all taken (docs/ARCHITECTURE.md#limits-designed-for). The
 * store follows the workflows with a short delay; a request created in the last seconds may be
 * missed, and re-running the action reaches it (each request answers "unchanged" when its date
 * did not move). Open requests are a small set: the JSON path runs over them without an index.
 */
import { sql } from 'kysely';
import { OPEN_STATUSES } from '../domain/requestState';
import { STAGE_DEPENDENT_STEP_STATUSES } from '../domain/stageDeadlines';
import type { RecordsDb } from './database';

export async function openRequestsUsingStage(db: RecordsDb, stage: string): Promise<string[]> {
  const statuses = STAGE_DEPENDENT_STEP_STATUSES.map((s) => `@.status == "${s}"`).join(' || ');
  const path = `$.steps[*] ? (@.deadlineSpec.kind == "STAGE" && @.deadlineSpec.stage == $stage && (${statuses}))`;
  const rows = await db
    .selectFrom('requests')
    .select('id')
    .where('status', 'in', [...OPEN_STATUSES])
    .where(sql<boolean>`jsonb_path_exists(state, ${path}::jsonpath, jsonb_build_object('stage', ${stage}::text))`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
