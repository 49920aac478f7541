/**
 * The next occasion's working-hours shift, computed before it comes (one local activity per
 * occasion), so readers see when a reminder will really be sent (`nextReminderAt`) and the
 * occasion, when due, uses the shift already recorded instead of asking again.
 */
import { patched } from '@temporalio/workflow';
import { isOpen } from '../src/domain/requestState';
import type { NominalEvent } from '../src/domain/schedule';
import { local } from './localActivities';
import type { Occasions } from './occasions';
import { PATCHES } from './patches';
import { iso, type Run } from './run';
import { nextReminderEvent, type ScheduleState, type ShiftPreview } from './scheduleState';

export type ShiftAhead = ReturnType<typeof createShiftAhead>;

export function createShiftAhead(run: Run, occasions: Pick<Occasions, 'zonesOf'>, current: () => ScheduleState | null, refreshNextReminder: () => void) {
  const { state } = run;
  let preview: ShiftPreview | null = null;

  /** The shift computed ahead for this occasion of the current plan, to these zones, or null. */
  function matching(s: ScheduleState, ev: NominalEvent, zones: string[]): number[] | null {
    return preview && preview.version === s.version && preview.atMs === ev.atMs && preview.zones.join() === zones.join() ? preview.shifted : null;
  }

  return {
    matching,
    /** The earliest shifted instant of this occasion, when it was computed ahead for the current plan. */
    shiftedAhead(ev: NominalEvent): number | null {
      const schedule = current();
      return preview && schedule && preview.version === schedule.version && preview.atMs === ev.atMs ? Math.min(...preview.shifted) : null;
    },
    /** Called by the main loop before it sleeps: the next reminder's shift, if not known yet. */
    async shiftAhead(): Promise<void> {
      if (!patched(PATCHES.shiftAhead)) return;
      const s = current();
      if (!s || !isOpen(state) || !state.workingHours) return;
      const ev = nextReminderEvent(state, s);
      if (!ev) return;
      const zones = occasions.zonesOf(ev.kind);
      if (zones.length === 0) return;
      if (matching(s, ev, zones)) return;
      const shifted = (await local.shiftToWorkingTime(zones.map((timeZone) => ({ at: iso(ev.atMs), timeZone })))).map((x) => Date.parse(x));
      preview = { version: s.version, atMs: ev.atMs, zones, shifted };
      refreshNextReminder();
    },
  };
}
