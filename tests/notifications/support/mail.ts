/**
 * A real SMTP server on loopback (smtp-server) that collects what it receives, can be taken down
 * and brought back on the same port, plus a small MIME parser (headers, RFC 2047 words,
 * multipart, quoted-printable/base64) — enough to read what nodemailer sends.
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ParsedMail {
  headers: Map<string, string>;
  messageId: string;
  subject: string;
  text?: string;
  html?: string;
  raw: string;
}

export interface CaughtMail extends ParsedMail {
  envelope: { from: string; to: string[] };
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_w, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.indexOf('\n\n');
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at + 2);
  const headers = new Map<string, string>();
  let last = '';
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && last) {
      headers.set(last, `${headers.get(last) ?? ''}${line}`.trim()); // unfold: CRLF removed, whitespace kept
    } else {
      const i = line.indexOf(':');
      if (i < 0) continue;
      last = line.slice(0, i).trim().toLowerCase();
      headers.set(last, line.slice(i + 1).trim());
    }
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(body.replace(/=\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
    default:
      return body;
  }
}

function collectParts(raw: string, out: { text?: string; html?: string }): void {
  const { headers, body } = splitHead(raw);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const sections = body.split(`--${boundary}`);
    for (const section of sections.slice(1)) {
      if (section.startsWith('--')) break;
      collectParts(section.replace(/^\n/, ''), out);
    }
    return;
  }
  const decoded = decodeBody(body, headers.get('content-transfer-encoding'));
  if (/^text\/html/i.test(type)) out.html ??= decoded;
  else if (/^text\/plain/i.test(type)) out.text ??= decoded;
}

export function parseMail(rawInput: string): ParsedMail {
  const raw = rawInput.replace(/\r\n/g, '\n');
  const { headers } = splitHead(raw);
  const parts: { text?: string; html?: string } = {};
  collectParts(raw, parts);
  return { headers, messageId: headers.get('message-id') ?? '', subject: decodeWords(headers.get('subject') ?? ''), ...parts, raw };
}

export interface SmtpCatcher {
  url: string;
  port: number;
  mails: CaughtMail[];
  /** Stop listening and drop open connections (clients see connection refused). */
  down(): Promise<void>;
  /** Listen again on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const mails: CaughtMail[] = [];
  let server: SMTPServer | null = null;
  let port = 0;

  const listen = async (): Promise<void> => {
    const s = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 50,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          mails.push({ ...parseMail(Buffer.concat(chunks).toString('utf8')), envelope });
          callback();
        });
      },
    });
    // A client that vanishes mid-session (a SIGKILLed worker resets its sockets) is reported as an
    // 'error' event: not the catcher's failure.
    s.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        s.server.off('error', reject);
        resolve();
      });
    });
    port = (s.server.address() as AddressInfo).port;
    server = s;
  };

  const close = async (): Promise<void> => {
    const s = server;
    server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  await listen();
  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    mails,
    down: close,
    up: listen,
    stop: close,
  };
}
