/**
 * Email delivery: nodemailer over SMTP (one pooled transport per SMTP URL per process), or — when
 * no SMTP_URL is configured — an outbox folder of .eml files plus a log line, so a mail is never
 * silently dropped in development.
 */
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { ApplicationFailure } from '@temporalio/activity';
import { PERMANENT_DELIVERY_FAILURE } from './webhook';

export interface OutgoingMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** With angle brackets: `<...@koordinasi>`. */
  messageId: string;
  /** Thread all notifications of a request together in mail clients. */
  references: string;
  headers: Record<string, string>;
}

type Transport = ReturnType<typeof nodemailer.createTransport>;

const pools = new Map<string, Transport>();

/** The process-wide pooled transport for an SMTP URL (created on first use). */
export function smtpTransport(smtpUrl: string): Transport {
  let t = pools.get(smtpUrl);
  if (!t) {
    t = nodemailer.createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 3,
      // Fail fast enough to stay well within the activity's 30 s start-to-close timeout; Temporal retries.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    pools.set(smtpUrl, t);
  }
  return t;
}

/** Close every pooled SMTP transport (worker shutdown, tests). */
export function closeMailTransports(): void {
  for (const t of pools.values()) t.close();
  pools.clear();
}

/**
 * Characters safe in a Message-ID local part and a file name: letters, digits, `-`, `_`; anything
 * else is percent-encoded, so the mapping is injective (distinct keys never collide).
 */
export function encodeKey(key: string): string {
  return Array.from(new TextEncoder().encode(key))
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9_-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

export const MESSAGE_ID_DOMAIN = 'koordinasi';

/** `<encoded-key@koordinasi>`: the same on every retry of the same notification. */
export function messageIdFor(idempotencyKey: string): string {
  return `<${encodeKey(idempotencyKey)}@${MESSAGE_ID_DOMAIN}>`;
}

export function threadIdFor(requestId: string): string {
  return `<request.${encodeKey(requestId)}@${MESSAGE_ID_DOMAIN}>`;
}

function mailOptions(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    references: mail.references,
    headers: mail.headers,
  };
}

export interface SmtpOutcome {
  accepted: string[];
  rejected: string[];
  response: string;
}

/**
 * Send over SMTP. Connection problems, timeouts and temporary (4xx) refusals throw plain errors
 * (retried); only a permanent refusal of every recipient (5xx at RCPT TO) is non-retryable.
 */
export async function sendSmtp(smtpUrl: string, mail: OutgoingMail): Promise<SmtpOutcome> {
  try {
    const info = await smtpTransport(smtpUrl).sendMail(mailOptions(mail));
    const list = (xs: unknown): string[] => (Array.isArray(xs) ? xs.map((x) => (typeof x === 'string' ? x : String((x as { address?: string }).address))) : []);
    return { accepted: list(info.accepted), rejected: list(info.rejected), response: String(info.response ?? '') };
  } catch (err) {
    const e = err as { code?: string; responseCode?: number; message?: string };
    const message = `smtp: ${e.code ? `${e.code} ` : ''}${e.message ?? String(err)}`;
    if (e.code === 'EENVELOPE' && typeof e.responseCode === 'number' && e.responseCode >= 500) {
      throw ApplicationFailure.nonRetryable(message, PERMANENT_DELIVERY_FAILURE);
    }
    throw new Error(message);
  }
}

let composer: Transport | undefined;

/** Raw RFC 5322 bytes of the mail, as an SMTP server would receive them. */
export async function composeRaw(mail: OutgoingMail): Promise<Buffer> {
  composer ??= nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await composer.sendMail(mailOptions(mail));
  return info.message as Buffer;
}

/** Outbox folder and files: the worker's user only. Each mail holds a personal link that answers for a seat. */
export const OUTBOX_DIR_MODE = 0o700;
export const OUTBOX_FILE_MODE = 0o600;

/**
 * Development without SMTP: write `<outboxDir>/<encoded key>.eml` (atomically; a retry overwrites
 * the same file, so a reader never sees a duplicate). Returns the file path. The folder is made
 * (or, made earlier by an older version, narrowed to) 0700 and each file 0600: a mail's link
 * answers for its recipient until it expires, so no other user of the machine may read one.
 */
export async function writeOutbox(outboxDir: string, idempotencyKey: string, mail: OutgoingMail): Promise<string> {
  const raw = await composeRaw(mail);
  await mkdir(outboxDir, { recursive: true, mode: OUTBOX_DIR_MODE });
  await chmod(outboxDir, OUTBOX_DIR_MODE);
  const file = path.join(outboxDir, `${encodeKey(idempotencyKey)}.eml`);
  const tmp = `${file}.${process.pid}.tmp`;
  // `mode` applies only when the file is created; a leftover temporary file is narrowed too.
  await writeFile(tmp, raw, { mode: OUTBOX_FILE_MODE });
  await chmod(tmp, OUTBOX_FILE_MODE);
  await rename(tmp, file);
  return file;
}
