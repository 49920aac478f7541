/**
 * Loopback notification receivers that can be taken down and brought back on the same port:
 * the SMTP sink of the notification tests, and a webhook receiver that verifies signatures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../../activities/notifications/deliver';
import { startSmtpCatcher, type SmtpCatcher } from '../../notifications/support/mail';

/** The notification tests' SMTP catcher: it survives clients that vanish mid-session. */
export type SmtpSink = SmtpCatcher;
export const startSmtpSink = startSmtpCatcher;

export interface ReceivedHook {
  org: string;
  key: string;
  body: string;
  verified: boolean;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  let server: Server | null = null;
  let port = 0;
  const listen = async (): Promise<void> => {
    const s = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const verified = verifyWebhookSignature(secret, String(req.headers['x-koordinasi-timestamp'] ?? ''), body, String(req.headers['x-koordinasi-signature'] ?? ''));
        const org = new URL(req.url ?? '/', 'http://x').searchParams.get('org') ?? '';
        received.push({ org, key: String(req.headers['idempotency-key'] ?? ''), body, verified });
        res.writeHead(verified ? 200 : 401, { 'Content-Type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        s.off('error', reject);
        resolve();
      });
    });
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const close = async (): Promise<void> => {
    const s = server;
    server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return {
    get url() {
      return `http://127.0.0.1:${port}/hooks/koordinasi`;
    },
    received,
    down: close,
    up: listen,
    stop: close,
  };
}

export interface Receivers {
  smtp: SmtpSink;
  webhook: WebhookReceiver;
  stop(): Promise<void>;
}

export async function startReceivers(secret: string): Promise<Receivers> {
  const smtp = await startSmtpSink();
  const webhook = await startWebhookReceiver(secret);
  return {
    smtp,
    webhook,
    async stop() {
      await smtp.stop();
      await webhook.stop();
    },
  };
}
