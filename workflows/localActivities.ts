/**
 * The activities the workflow calls, with their timeouts and retry rules.
 *
 * Directory lookups and calendar arithmetic run as local activities: fast, in-process, and
 * finished within the workflow task that asked, so a new request is fully set up (organizations
 * known, first deadline computed) by the time its first task completes. Their answers are recorded
 * in history: a directory or holiday-table change never alters what a running request decided.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { CoordinationActivities } from '../activities/types';
import { PERMANENT_DELIVERY_FAILURE, UNKNOWN_ORGANIZATION } from '../src/domain/failures';
import type { StageSpec } from '../src/domain/stageDeadlines';

export const local = proxyLocalActivities<CoordinationActivities>({
  startToCloseTimeout: '10s',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: [UNKNOWN_ORGANIZATION] },
});

/**
 * `STAGE` deadlines: a stage missing from the schedule file is an operator's mistake that a fix of
 * the file repairs, so it is retried (backing off to every 10 minutes) instead of failing the
 * request; the worker logs each attempt.
 */
export const stageLocal = proxyLocalActivities<CoordinationActivities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '10m' },
});

/** A `STAGE` deadline as an instant, with the stage date it was computed from. */
export async function resolveStageDeadline(spec: StageSpec, timeZone: string): Promise<{ deadlineMs: number; stageDate: string }> {
  const r = await stageLocal.resolveStageDeadline({ stage: spec.stage, offsetWorkingDays: spec.offsetWorkingDays, timeZone });
  return { deadlineMs: Date.parse(r.deadline), stageDate: r.stageDate };
}

export const { deliverNotification } = proxyActivities<CoordinationActivities>({
  startToCloseTimeout: '30s',
  // An outage of SMTP or a webhook is waited out; after a week the delivery is recorded as failed.
  scheduleToCloseTimeout: '7d',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '10m', nonRetryableErrorTypes: [PERMANENT_DELIVERY_FAILURE] },
});
