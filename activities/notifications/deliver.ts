/**
 * The notification activity (docs/ARCHITECTURE.md#notifications): one message, one channel, one recipient organization.
 *
 * - `email`: every address of the organization, over SMTP (pooled nodemailer transport), or into
 *   the outbox folder as an .eml file when no SMTP_URL is configured. Message-ID = the message's
 *   idempotency key, so a retried send looks like the same mail to a reader who dedupes.
 * - `webhook`: signed JSON POST (see webhook.ts), `Idempotency-Key` header = the same key.
 * - `log` (an organization without contacts): the rendered text into the outbox folder and a log
 *   line pointing at it.
 * Logs name a notification by idempotency key, kind and recipient organization only: addresses,
 * titles and comments stay out of them.
 * Every delivery attempt logs one line with its outcome.
 * Past MAX_MAILS_PER_RECIPIENT_PER_DAY notifications to one organization about one request on one
 * local day and channel (quota.ts), a notification is skipped: logged, recorded as `capped` in the
 * records store, never retried.
 *
 * Errors follow the activity contract (activities/types.ts): retryable ones thrown plainly,
 * permanent ones as non-retryable ApplicationFailure `PermanentDeliveryFailure`.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Logger } from 'pino';
import type { Directory } from '../../src/directory/directory';
import { toLocal } from '../../src/domain/calendar';
import type { RecordsDb } from '../../src/records/database';
import type { Channel, DeliveryResult, NotificationMessage, Organization, OrgId } from '../../src/domain/types';
import { linkModeFor, personalLink, type EmailLinks, type EmailLinkSetting } from '../../src/links/emailLinks';
import type { CoordinationActivities } from '../types';
import { messageIdFor, sendSmtp, threadIdFor, writeOutbox, type OutgoingMail } from './email';
import { claimQuota } from './quota';
import { mentionedOrganizations, renderNotification, type RenderedNotification } from './templates/render';
import { PERMANENT_DELIVERY_FAILURE, postWebhook } from './webhook';

export { verifyWebhookSignature, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, IDEMPOTENCY_HEADER, PERMANENT_DELIVERY_FAILURE } from './webhook';
export { closeMailTransports, messageIdFor, encodeKey } from './email';
export { renderNotification } from './templates/render';

export interface NotificationDeps {
  directory: Directory;
  publicBaseUrl: string;
  mail: { smtpUrl?: string; from: string; outboxDir: string };
  logger: Logger;
  /** Webhook request timeout (default 10 s, within the activity's 30 s start-to-close). */
  webhookTimeoutMs?: number;
  /** Personal email links (docs/ARCHITECTURE.md#web-app-and-sign-in); without them every mail carries the plain page link. */
  emailLinks?: { links: EmailLinks; setting: EmailLinkSetting };
  /** The per-recipient daily cap, counted in the records store; none: no cap (unit tests). */
  quota?: { records: RecordsDb; max: number };
}

/** The JSON body of a webhook notification (stable across retries: no send time in it). */
export interface WebhookPayload {
  type: 'koordinasi.notification';
  version: 1;
  idempotencyKey: string;
  kind: NotificationMessage['kind'];
  role: NotificationMessage['role'];
  sequence: number;
  recipient: { id: OrgId; name: string };
  request: NotificationMessage['request'] & { requesterName: string; link: string };
  reminderLabel?: string;
  silentOrgs?: Array<{ id: OrgId; name: string }>;
  delegation?: { from: OrgId; to: OrgId };
  comment?: string;
  /** CHANGES_REQUESTED: each asking organization's own words. */
  comments?: Array<{ org: OrgId; text: string }>;
  actor?: { sub: string; org: OrgId };
  language: 'id' | 'en';
  /** The deadline in the recipient's local time, e.g. "Kamis, 10 Desember 2026 16.00 WITA". */
  deadlineLocal: string | null;
  subject: string;
  text: string;
}

function activityAttempt(): { attempt?: number; signal?: AbortSignal; firstScheduledMs?: number } {
  try {
    const ctx = Context.current();
    return { attempt: ctx.info.attempt, signal: ctx.cancellationSignal, firstScheduledMs: ctx.info.scheduledTimestampMs };
  } catch {
    return {}; // called outside an activity (unit tests)
  }
}

export function createNotificationActivities(deps: NotificationDeps): Pick<CoordinationActivities, 'deliverNotification'> {
  const log = deps.logger.child({ component: 'notifications' });

  function orgNames(message: NotificationMessage): Record<OrgId, string> {
    const names: Record<OrgId, string> = {};
    for (const id of mentionedOrganizations(message)) {
      const org = deps.directory.get(id);
      if (org) names[id] = org.name;
    }
    return names;
  }

  function webhookPayload(m: NotificationMessage, org: Organization, r: RenderedNotification, names: Record<OrgId, string>): WebhookPayload {
    return {
      type: 'koordinasi.notification',
      version: 1,
      idempotencyKey: m.idempotencyKey,
      kind: m.kind,
      role: m.role,
      sequence: m.sequence,
      recipient: { id: org.id, name: org.name },
      request: { ...m.request, requesterName: names[m.request.requester] ?? m.request.requester, link: r.link },
      ...(m.reminderLabel ? { reminderLabel: m.reminderLabel } : {}),
      ...(m.silentOrgs ? { silentOrgs: m.silentOrgs.map((id) => ({ id, name: names[id] ?? id })) } : {}),
      ...(m.delegation ? { delegation: m.delegation } : {}),
      ...(m.comment ? { comment: m.comment } : {}),
      ...(m.comments ? { comments: m.comments } : {}),
      ...(m.actor ? { actor: m.actor } : {}),
      language: r.language,
      deadlineLocal: r.deadlineText,
      subject: r.subject,
      text: r.text,
    };
  }

  /**
   * The mails of one notification: one to all the organization's addresses with the page link,
   * or — with personal links — one per address, each with the link made for that address.
   */
  async function mailsFor(message: NotificationMessage, org: Organization, rendered: RenderedNotification, names: Record<OrgId, string>): Promise<OutgoingMail[]> {
    const base = {
      from: deps.mail.from,
      messageId: messageIdFor(message.idempotencyKey),
      references: threadIdFor(message.request.id),
      headers: { 'X-Koordinasi-Idempotency-Key': message.idempotencyKey, 'X-Koordinasi-Request': message.request.id },
    };
    const mode = deps.emailLinks ? linkModeFor(message.role, deps.emailLinks.setting) : undefined;
    if (!deps.emailLinks || !mode) return [{ ...base, to: org.contacts.emails, subject: rendered.subject, text: rendered.text, html: rendered.html }];
    const { links } = deps.emailLinks;
    return Promise.all(
      org.contacts.emails.map(async (address) => {
        // Minted at the activity's first scheduling, not now: a retry (worker killed, server
        // restarted) re-sends the same mail, link included, so a reader who dedupes by key loses nothing.
        const token = await links.mint({ requestId: message.request.id, org: org.id, address, mode, revision: message.request.revision }, activityAttempt().firstScheduledMs);
        const own = renderNotification({ message, recipient: org, orgNames: names, publicBaseUrl: deps.publicBaseUrl, link: personalLink(deps.publicBaseUrl, token) });
        return { ...base, to: [address], subject: own.subject, text: own.text, html: own.html };
      }),
    );
  }

  async function deliver(message: NotificationMessage, channel: Channel, org: Organization, rendered: RenderedNotification, names: Record<OrgId, string>, signal?: AbortSignal): Promise<DeliveryResult> {
    switch (channel) {
      case 'email': {
        if (org.contacts.emails.length === 0) return { channel, outcome: 'skipped', detail: 'skipped' };
        const mails = await mailsFor(message, org, rendered, names);
        if (!deps.mail.smtpUrl) {
          const files: string[] = [];
          for (const [i, mail] of mails.entries()) {
            files.push(await writeOutbox(deps.mail.outboxDir, mails.length > 1 ? `${message.idempotencyKey}:${i + 1}` : message.idempotencyKey, mail));
          }
          // No SMTP configured: the mails are in the outbox files only. The log line names the
          // message, never its addresses, title or text (logs travel further than the outbox does).
          log.info({ notification: { key: message.idempotencyKey, kind: message.kind, recipient: message.recipient }, outbox: files }, 'email not sent (no SMTP_URL): written to outbox');
          return { channel, outcome: 'delivered', detail: `no SMTP_URL: written to ${files.join(', ')}` };
        }
        let accepted = 0;
        const rejected: string[] = [];
        for (const mail of mails) {
          const sent = await sendSmtp(deps.mail.smtpUrl, mail);
          accepted += sent.accepted.length;
          rejected.push(...sent.rejected);
        }
        return { channel, outcome: 'delivered', detail: `smtp: ${accepted} recipient(s) accepted${rejected.length ? `, rejected ${rejected.join(', ')}` : ''}` };
      }
      case 'webhook': {
        const hook = org.contacts.webhook;
        if (!hook) return { channel, outcome: 'skipped', detail: 'skipped' };
        const body = JSON.stringify(webhookPayload(message, org, rendered, names));
        const res = await postWebhook({ url: hook.url, secret: hook.secret, idempotencyKey: message.idempotencyKey, body, timeoutMs: deps.webhookTimeoutMs ?? 10_000, signal });
        return { channel, outcome: 'delivered', detail: `webhook: HTTP ${res.status}` };
      }
      case 'log': {
        // An organization without contacts: the text waits in the outbox for someone to pass on;
        // the log line only points at it (no titles or comments in logs).
        const file = await writeOutbox(deps.mail.outboxDir, message.idempotencyKey, {
          from: deps.mail.from,
          to: [],
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          messageId: messageIdFor(message.idempotencyKey),
          references: threadIdFor(message.request.id),
          headers: { 'X-Koordinasi-Idempotency-Key': message.idempotencyKey, 'X-Koordinasi-Request': message.request.id },
        });
        log.info({ notification: { key: message.idempotencyKey, kind: message.kind, recipient: message.recipient }, outbox: file }, 'notification (log channel)');
        return { channel, outcome: 'delivered', detail: 'log' };
      }
      default:
        throw ApplicationFailure.nonRetryable(`unknown channel ${String(channel)}`, PERMANENT_DELIVERY_FAILURE);
    }
  }

  /**
   * The skipped result when the recipient's cap for this request, day and channel is reached, or
   * null to send. The day is the recipient's local date of the first scheduling, so a retry after
   * midnight still belongs to its day. When the records store does not answer, the notification is
   * sent unchecked (logged): a mail that is due never waits on the store, as nothing else does.
   */
  async function capped(message: NotificationMessage, channel: Channel, org: Organization, fields: object): Promise<DeliveryResult | null> {
    if (!deps.quota) return null;
    const { records, max } = deps.quota;
    const day = toLocal(activityAttempt().firstScheduledMs ?? Date.now(), org.timeZone).date;
    try {
      const decision = await claimQuota(records, { idempotencyKey: message.idempotencyKey, channel, requestId: message.request.id, recipient: org.id, day, max });
      if (decision === 'sent') return null;
    } catch (err) {
      log.warn({ ...fields, err: (err as Error).message }, 'notification cap not checked (records store unavailable): sending');
      return null;
    }
    log.warn({ ...fields, outcome: 'skipped', cap: max, day }, 'notification skipped: daily cap for this recipient and request reached (MAX_MAILS_PER_RECIPIENT_PER_DAY)');
    return { channel, outcome: 'skipped', detail: `capped: more than ${max} notifications to ${org.id} about this request on ${day} (MAX_MAILS_PER_RECIPIENT_PER_DAY)` };
  }

  return {
    async deliverNotification(message: NotificationMessage, channel: Channel): Promise<DeliveryResult> {
      const { attempt, signal } = activityAttempt();
      const fields = {
        notification: { key: message.idempotencyKey, kind: message.kind, recipient: message.recipient, role: message.role, request: message.request.id, step: message.request.step },
        channel,
        ...(attempt !== undefined ? { attempt } : {}),
      };
      const org = deps.directory.get(message.recipient);
      if (!org) {
        log.error({ ...fields, outcome: 'failed' }, 'notification failed: unknown organization');
        throw ApplicationFailure.nonRetryable(`organization ${message.recipient} is not in the directory`, PERMANENT_DELIVERY_FAILURE);
      }
      const skipped = await capped(message, channel, org, fields);
      if (skipped) return skipped;
      try {
        const names = orgNames(message);
        const rendered = renderNotification({ message, recipient: org, orgNames: names, publicBaseUrl: deps.publicBaseUrl });
        const result = await deliver(message, channel, org, rendered, names, signal);
        log.info({ ...fields, outcome: result.outcome, detail: result.detail }, `notification ${result.outcome}`);
        return result;
      } catch (err) {
        const permanent = err instanceof ApplicationFailure && err.nonRetryable;
        log[permanent ? 'error' : 'warn']({ ...fields, outcome: permanent ? 'failed' : 'will retry', err: (err as Error).message }, permanent ? 'notification failed permanently' : 'notification attempt failed');
        throw err;
      }
    },
  };
}
