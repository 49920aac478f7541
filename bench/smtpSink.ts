/**
 * A loopback SMTP sink (smtp-server) that records, per notification idempotency key, when the
 * first copy arrived and how many copies came. The key is read back from the Message-ID
 * (`<percent-encoded key@koordinasi>`, activities/notifications/email.ts).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Delivery {
  key: string;
  /** Notification kind: the 4th field of `request:step:recipient:kind:sequence`. */
  kind: string;
  firstAt: number;
  copies: number;
}

export interface SmtpSink {
  url: string;
  /** Every distinct key received so far. */
  deliveries: Map<string, Delivery>;
  /** Messages received, copies included. */
  received(): number;
  /** Distinct keys of one kind received so far. */
  countKind(kind: string): number;
  close(): Promise<void>;
}

const MESSAGE_ID = /^message-id:\s*<([^>@]+)@/im;

/** The notification key of a raw message, or null when it carries none. */
export function keyOfMessage(head: string): string | null {
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const m = MESSAGE_ID.exec(unfolded);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const deliveries = new Map<string, Delivery>();
  const kinds = new Map<string, number>();
  let total = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 100,
    closeTimeout: 2000,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        // The head is all we need; keep at most 16 KiB of each message.
        if (size < 16384) chunks.push(c);
        size += c.length;
      });
      stream.on('end', () => {
        const now = Date.now();
        total += 1;
        const raw = Buffer.concat(chunks).toString('utf8');
        const headEnd = raw.search(/\r?\n\r?\n/);
        const key = keyOfMessage(headEnd < 0 ? raw : raw.slice(0, headEnd));
        if (key) {
          const seen = deliveries.get(key);
          if (seen) seen.copies += 1;
          else {
            const kind = key.split(':')[3] ?? '?';
            deliveries.set(key, { key, kind, firstAt: now, copies: 1 });
            kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          }
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined); // a client dropping mid-session is not our concern here
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    deliveries,
    received: () => total,
    countKind: (kind) => kinds.get(kind) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
