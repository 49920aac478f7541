/**
 * An occasion of the reminder engine: one reminder or escalation of the plan, to whoever it goes
 * to now (the undecided participants, or the parents of the silent ones and the requester's
 * parent secretariat), fired zone by zone as its shifted deliveries come due, recorded once.
 */
import { patched } from '@temporalio/workflow';
import { activeStep, isUndecided } from '../src/domain/requestState';
import type { NominalEvent } from '../src/domain/schedule';
import type { OrgId } from '../src/domain/types';
import type { Notifier } from './notifications';
import type { Organizations } from './organizations';
import { PATCHES } from './patches';
import { iso, SYSTEM, type Run } from './run';
import type { ScheduledDelivery, ScheduleState } from './scheduleState';
import { hasOwnDeadline } from './seatReminders';

export type Occasions = ReturnType<typeof createOccasions>;

export function createOccasions(run: Run, orgs: Organizations, notifier: Notifier, current: () => ScheduleState | null) {
  const { state } = run;

  /** Undecided participants of the active step (nobody while the requester is revising). */
  function reminderRecipients(): OrgId[] {
    if (state.status !== 'IN_PROGRESS') return [];
    const step = activeStep(state);
    return step.participants.filter((p) => isUndecided(p) && !hasOwnDeadline(step)(p)).map((p) => p.org);
  }

  /** Parents of silent participants, and the requester's parent secretariat. */
  function escalationRecipients(): OrgId[] {
    const silent = reminderRecipients();
    if (silent.length === 0) return [];
    const targets = silent.map(orgs.parentOf).concat(orgs.parentOf(state.requester));
    return [...new Set(targets.filter((o): o is OrgId => !!o))];
  }

  /** The zones an occasion goes to now: its recipients' zones, sorted. */
  function zonesOf(kind: NominalEvent['kind']): string[] {
    const recipients = kind === 'ESCALATION' ? escalationRecipients() : reminderRecipients();
    return [...new Set(recipients.map(orgs.zoneOf))].sort();
  }

  /** Whether this occasion is already in the timeline (an earlier zone of it fired). */
  function occasionRecorded(kind: 'REMINDER_SENT' | 'ESCALATED', sequence: number): boolean {
    for (let i = run.timeline.length - 1; i >= 0; i--) {
      const e = run.timeline[i];
      if (e.kind === kind && (e.data as { sequence?: number } | undefined)?.sequence === sequence) return true;
    }
    return false;
  }

  /** Every zone of an occasion still waiting, with its time (for the one event of the occasion). */
  function occasionDeliveries(d: ScheduledDelivery, batch: ScheduledDelivery[]): Array<{ timeZone: string; at: string }> {
    const all = [...batch, ...(current()?.deliveries ?? [])].filter((x) => x.sequence === d.sequence && x.planVersion === d.planVersion);
    return all.map((x) => ({ timeZone: x.timeZone, at: iso(x.atMs) }));
  }

  /** A delivery came due: its zone's recipients are told; the occasion's event is recorded once. */
  function fire(d: ScheduledDelivery, batch: ScheduledDelivery[]): void {
    const once = patched(PATCHES.oneEventPerOccasion);
    if (d.kind === 'ESCALATION') {
      const silent = reminderRecipients();
      if (silent.length === 0) return;
      const recipients = escalationRecipients().filter((o) => orgs.zoneOf(o) === d.timeZone);
      if (recipients.length === 0) return;
      if (!once) run.record('ESCALATED', SYSTEM, { step: d.step, data: { recipients, silent, sequence: d.sequence } });
      else if (!occasionRecorded('ESCALATED', d.sequence)) {
        run.record('ESCALATED', SYSTEM, { step: d.step, data: { recipients: escalationRecipients(), silent, sequence: d.sequence, deliveries: occasionDeliveries(d, batch) } });
      }
      notifier.notify('ESCALATION', recipients.map((org) => ({ org, role: 'SUPERVISOR' as const })), { silentOrgs: silent }, d.sequence);
      return;
    }
    const recipients = reminderRecipients().filter((o) => orgs.zoneOf(o) === d.timeZone);
    if (recipients.length === 0) return;
    if (!once) run.record('REMINDER_SENT', SYSTEM, { step: d.step, data: { kind: d.kind, label: d.label, recipients, sequence: d.sequence } });
    else if (!occasionRecorded('REMINDER_SENT', d.sequence)) {
      // One occasion, one event: every recipient it goes to, in whichever zone and at whatever time.
      run.record('REMINDER_SENT', SYSTEM, { step: d.step, data: { kind: d.kind, label: d.label, recipients: reminderRecipients(), sequence: d.sequence, deliveries: occasionDeliveries(d, batch) } });
    }
    notifier.notify(d.kind, recipients.map((org) => ({ org, role: 'PARTICIPANT' as const })), { reminderLabel: d.label }, d.sequence);
  }

  return { reminderRecipients, escalationRecipients, zonesOf, fire };
}
