/**
 * The reads of a run: its state, its timeline (written out in full), and the `ready` update a
 * creator waits on. None of them changes anything.
 */
import { condition, setHandler } from '@temporalio/workflow';
import { readable } from './compactTimeline';
import { readyUpdate, stateQuery, timelineQuery } from './messages';
import type { Run } from './run';

export function installQueries(run: Run, ready: () => boolean): void {
  const { state } = run;
  setHandler(stateQuery, () => state);
  setHandler(timelineQuery, (afterSeq?: number) => readable(run.timeline, afterSeq));
  // Lets a creator read the request as set up (first step active, deadline computed), not as it
  // looks before the first workflow task finished; a query right after start may see the latter.
  setHandler(readyUpdate, async () => {
    await condition(() => ready());
    return state;
  });
}
