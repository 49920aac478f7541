/**
 * What the reminder engine does when a nominal event of the plan comes due: the overdue flag, the
 * expiry, or an occasion (reminder, escalation) shifted into each recipient zone's working window
 * and queued as deliveries.
 */
import { patched } from '@temporalio/workflow';
import type { NominalEvent } from '../src/domain/schedule';
import { local } from './localActivities';
import type { Notifier } from './notifications';
import type { Occasions } from './occasions';
import type { Organizations } from './organizations';
import { PATCHES } from './patches';
import { iso, SYSTEM, type Run } from './run';
import type { ScheduledDelivery, ScheduleState } from './scheduleState';
import { onlyOwnDeadlinesWait } from './seatReminders';
import type { ShiftAhead } from './shiftPreview';

export interface ReminderHooks {
  /** The request expired: close it (and tell everyone). */
  expire(): void;
  /** State changed: refresh progress, times and search attributes. */
  changed(): void;
}

export interface NominalEventParts {
  run: Run;
  orgs: Organizations;
  notifier: Notifier;
  occasions: Occasions;
  shift: Pick<ShiftAhead, 'matching'>;
  /** The schedule as it is now (an update may replace it while an occasion awaits its shift). */
  current(): ScheduleState | null;
  hooks: ReminderHooks;
}

export function createNominalEvents({ run, orgs, notifier, occasions, shift, current, hooks }: NominalEventParts) {
  const { state } = run;

  return async function onNominalEvent(ev: NominalEvent, s: ScheduleState): Promise<void> {
    const step = state.steps[s.step];
    switch (ev.kind) {
      case 'OVERDUE':
        if (!step.overdue && !onlyOwnDeadlinesWait(step)) {
          step.overdue = true;
          run.record('OVERDUE', SYSTEM, { data: { deadline: step.deadline } });
          hooks.changed();
        }
        return;
      case 'EXPIRY':
        hooks.expire();
        return;
      default: {
        const recipients = ev.kind === 'ESCALATION' ? occasions.escalationRecipients() : occasions.reminderRecipients();
        if (recipients.length === 0) return;
        const zones = [...new Set(recipients.map(orgs.zoneOf))].sort();
        const settle = patched(PATCHES.settleFirst);
        const early = settle ? 0 : notifier.nextSequence();
        const ahead = settle ? shift.matching(s, ev, zones) : null;
        const shifted =
          ahead ??
          (state.workingHours
            ? (await local.shiftToWorkingTime(zones.map((timeZone) => ({ at: iso(ev.atMs), timeZone })))).map((x) => Date.parse(x))
            : zones.map(() => ev.atMs));
        const schedule = current();
        if (schedule !== s || s.version !== schedule.version) return; // the plan changed meanwhile
        const sequence = settle ? notifier.nextSequence() : early;
        zones.forEach((timeZone, i) => {
          const d: ScheduledDelivery = { atMs: shifted[i], kind: ev.kind as ScheduledDelivery['kind'], label: ev.label, timeZone, sequence, step: s.step, planVersion: s.version };
          // One pending reminder per zone: repeats that pile up outside working hours (a long
          // weekend) collapse into the latest one instead of a burst at the next 08:00.
          if (d.kind !== 'ESCALATION') s.deliveries = s.deliveries.filter((x) => x.kind === 'ESCALATION' || x.timeZone !== timeZone);
          s.deliveries.push(d);
        });
        if (ev.kind === 'ESCALATION') {
          step.escalated = true;
          hooks.changed();
        }
      }
    }
  };
}
