/**
 * One occurrence of a coordination schedule (docs/ARCHITECTURE.md#recurring-coordination): a
 * Temporal Schedule starts this small workflow at each scheduled time; it gives the occurrence a
 * request id of its own and starts the coordination request as an abandoned child, so the request
 * lives on its own (`koordinasi-rq-…`, like any request the API creates) once this completes.
 *
 * Why not let the Schedule start the coordination workflow itself: Temporal appends the scheduled
 * time to a scheduled workflow's id (`…-2026-01-05T01:00:00Z`), which is no request id the API's
 * routes or the records store accept, and every occurrence would share the one id in its input.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { log, ParentClosePolicy, patched, startChild, uuid4, workflowInfo, WorkflowIdReusePolicy } from '@temporalio/workflow';
import type { OccurrenceInput } from '../src/domain/occurrence';
import { initialSearchAttributes, initialState } from '../src/domain/requestState';
import type { CoordinationRequestInput } from '../src/domain/types';
import { coordinationWorkflow } from './coordination';
import { local } from './localActivities';
import { workflowIdFor } from './messages';
import { PATCHES } from './patches';
import { iso, nowMs } from './run';

/** Set by the Schedule on each workflow it starts: the nominal time of the occurrence (also in a backfill). */
const SCHEDULED_START_TIME = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/** The occurrence's nominal time: the Schedule's attribute, else the suffix Temporal put on the id. */
function scheduledAt(): string {
  const info = workflowInfo();
  const attribute = info.typedSearchAttributes.get(SCHEDULED_START_TIME);
  if (attribute) return iso(attribute.getTime());
  const suffix = /-(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)$/.exec(info.workflowId)?.[1];
  return suffix ? iso(Date.parse(suffix)) : iso(info.startTime.getTime());
}

/** The request id the occurrence started, or null when its day turned out to be a holiday. */
export async function scheduledRequestWorkflow(occurrence: OccurrenceInput): Promise<string | null> {
  const at = scheduledAt();
  if (occurrence.skipHolidaysIn && patched(PATCHES.occurrenceChecksItsDay)) {
    const holiday = await local.holidayOn({ at, timeZone: occurrence.skipHolidaysIn });
    if (holiday !== null) {
      log.info('occurrence skipped: its day is a holiday', { scheduleId: occurrence.scheduleId, scheduledAt: at, holiday });
      return null;
    }
  }
  // uuid4() is the workflow's deterministic random: a replay gets the same id.
  const id = `rq-${uuid4().replace(/-/g, '')}`;
  const input: CoordinationRequestInput = {
    ...occurrence.template,
    id,
    createdBy: occurrence.createdBy,
    schedule: { id: occurrence.scheduleId, scheduledAt: at },
  };
  await startChild(coordinationWorkflow, {
    workflowId: workflowIdFor(id),
    args: [input],
    // The request outlives this occurrence workflow, which ends as soon as the request started.
    parentClosePolicy: ParentClosePolicy.ABANDON,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    // As the API sets them at start: authorization and lists work before the first task ran.
    typedSearchAttributes: initialSearchAttributes(initialState(input, iso(nowMs()))),
  });
  return id;
}
