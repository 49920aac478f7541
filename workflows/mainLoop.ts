/**
 * The life of a run once it is set up: sleep until the next schedule event or shifted delivery
 * (or until an update changed the schedule), fire what is due, continue as new before history
 * grows large; once closed, wait for what is still owed and for the record to be complete.
 */
import { allHandlersFinished, condition, workflowInfo } from '@temporalio/workflow';
import { isOpen } from '../src/domain/requestState';
import type { Conditions } from './conditions';
import type { Notifier } from './notifications';
import type { Recorder } from './recorder';
import type { Reminders } from './reminders';
import { nowMs, type Run } from './run';

export interface LoopParts {
  run: Run;
  reminders: Reminders;
  notifier: Notifier;
  recorder: Recorder | null;
  /** Continue as new once history is this long (or Temporal suggests it). */
  continueAfter: number;
  /** Hands the run's state, timeline and schedule to the next run (never returns). */
  continueAsNew(): Promise<never>;
}

/** Until the request closes (or the run continues as new). */
export async function runUntilClosed({ run, reminders, notifier, recorder, continueAfter, continueAsNew }: LoopParts): Promise<void> {
  const { state } = run;
  while (isOpen(state)) {
    await reminders.shiftAhead();
    const wakeAt = reminders.nextWakeMs();
    run.wake = false;
    if (wakeAt === null) await condition(() => run.wake || !isOpen(state));
    else if (wakeAt > nowMs()) await condition(() => run.wake || !isOpen(state), wakeAt - nowMs());
    await reminders.runDue();
    recorder?.changed(); // the schedule moved (next reminder time) even without a new event
    if (isOpen(state) && (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > continueAfter)) {
      // Let running deliveries and handlers finish so nothing is lost between runs.
      await Promise.all([...notifier.inFlight]);
      await condition(allHandlersFinished);
      await recorder?.quiesce('2 minutes');
      if (isOpen(state)) await continueAsNew();
    }
  }
}

/** After the request closed: what is still owed, deliveries, handlers, and the record. */
export async function finish(conditions: Conditions, notifier: Notifier, recorder: Recorder | null): Promise<void> {
  await conditions.settled(); // approved with conditions: the requester may still mark them met
  // Closed: finish outstanding deliveries (their outcome goes into the timeline) and handlers.
  while (notifier.inFlight.size > 0) await Promise.all([...notifier.inFlight]);
  await condition(allHandlersFinished);
  // The run ends only once its record is complete (it waits out a database outage, if any).
  await recorder?.flushed();
}
