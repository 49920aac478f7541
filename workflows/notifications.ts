/**
 * Notification fan-out of a run: one occasion (a kind and a sequence number) goes to each of its
 * recipient organizations on every channel each has. Deliveries run as activities without blocking
 * the caller; the timeline records the outcome of the occasion when all its deliveries settled.
 */
import { ActivityFailure } from '@temporalio/workflow';
import { activeStep } from '../src/domain/requestState';
import {
  notificationKey,
  type Channel,
  type NotificationKind,
  type NotificationMessage,
  type OrgId,
  type RecipientRole,
} from '../src/domain/types';
import { deliverNotification } from './localActivities';
import { SYSTEM, type Run } from './run';

export interface Recipient {
  org: OrgId;
  role: RecipientRole;
}

export function failureReason(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}

/** `sequence`: the last occasion number used (carried over at continue-as-new). */
export function createNotifier(run: Run, sequence: number) {
  const { state } = run;
  let seq = sequence;
  /** Deliveries not settled yet: the run waits for them before it closes or continues as new. */
  const inFlight = new Set<Promise<void>>();

  function message(kind: NotificationKind, recipient: OrgId, role: RecipientRole, sequence: number, extra: Partial<NotificationMessage>): NotificationMessage {
    const step = activeStep(state);
    return {
      idempotencyKey: notificationKey(state.id, step.index, recipient, kind, sequence),
      kind,
      recipient,
      role,
      sequence,
      request: {
        id: state.id,
        title: state.title,
        requester: state.requester,
        category: state.category,
        revision: state.revision,
        status: state.status,
        step: step.index,
        stepCount: state.steps.length,
        stepName: step.name,
        deadline: step.deadline,
        ...(state.letter ? { letter: state.letter } : {}),
        ...(state.attachments?.length ? { attachments: state.attachments.map((a) => a.name) } : {}),
      },
      ...extra,
    };
  }

  /**
   * Send one occasion to its recipients on every channel each has (and the log), without blocking
   * the caller; the timeline records the outcome when all deliveries settle.
   */
  function notify(kind: NotificationKind, recipients: Recipient[], extra: Partial<NotificationMessage> = {}, sequence?: number): void {
    const unique = recipients.filter((r, i) => recipients.findIndex((x) => x.org === r.org) === i);
    if (unique.length === 0) return;
    const occasion = sequence ?? ++seq;
    const step = state.currentStep;
    const attempts = unique.flatMap(({ org, role }) => {
      const msg = message(kind, org, role, occasion, extra);
      // Email and webhook deliveries log a line each; an organization without contacts gets the
      // log alone, so no notification is ever silently dropped.
      const configured = run.orgs[org]?.channels ?? [];
      const channels: Channel[] = configured.length ? configured : ['log'];
      return channels.map((channel) =>
        deliverNotification(msg, channel).then(
          (r) => ({ org, channel, ok: r.outcome === 'delivered', skipped: r.outcome === 'skipped', detail: r.detail }),
          (err: unknown) => ({ org, channel, ok: false, skipped: false, detail: failureReason(err) }),
        ),
      );
    });
    const settled: Promise<void> = Promise.all(attempts).then((results) => {
      const delivered: Record<OrgId, Channel[]> = {};
      const failed: Record<OrgId, Record<string, string>> = {};
      for (const r of results) {
        if (r.ok) (delivered[r.org] ??= []).push(r.channel);
        else if (!r.skipped) (failed[r.org] ??= {})[r.channel] = r.detail ?? 'failed';
      }
      const data = { notification: kind, sequence: occasion, delivered, ...(Object.keys(failed).length ? { failed } : {}) };
      run.record(Object.keys(failed).length ? 'NOTIFICATION_FAILED' : 'NOTIFICATION_DELIVERED', SYSTEM, { step, data });
      inFlight.delete(settled);
    });
    inFlight.add(settled);
  }

  return {
    notify,
    inFlight,
    /** A new occasion number (for deliveries planned now and sent later). */
    nextSequence: (): number => ++seq,
    get sequence(): number {
      return seq;
    },
  };
}
export type Notifier = ReturnType<typeof createNotifier>;

/** Who hears of what: the active step's seat holders, the tembusan, the requester. */
export const audience = {
  participants: (run: Run): Recipient[] => activeStep(run.state).participants.map((p) => ({ org: p.org, role: 'PARTICIPANT' as const })),
  tembusan: (run: Run): Recipient[] => run.state.tembusan.map((org) => ({ org, role: 'TEMBUSAN' as const })),
  requester: (run: Run): Recipient[] => [{ org: run.state.requester, role: 'REQUESTER' }],
};
