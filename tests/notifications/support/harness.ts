/**
 * Workers over the REAL notification activity (built by activities/index.ts from a config), a
 * test directory whose contacts point at loopback servers, and a webhook receiver that verifies
 * signatures.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { workflowSource } from '../../support/workflowBundle';
import { testDatabase } from '../../support/postgres';
import { runWithPresence } from '../../../src/records/presence';
import { createActivities } from '../../../activities';
import { verifyWebhookSignature } from '../../../activities/notifications/deliver';
import type { Config } from '../../../src/config';
import { parseDirectory, type Directory } from '../../../src/directory/directory';
import sample from '../../../config/organizations.json';

/** The sample directory, with some organizations' contacts replaced. */
export function testDirectory(contacts: Record<string, { emails?: string[]; webhook?: { url: string; secret: string } }> = {}): Directory {
  const orgs = sample.organizations.map((o) => (contacts[o.id] ? { ...o, contacts: { emails: [], ...contacts[o.id] } } : o));
  return parseDirectory({ organizations: orgs }, 'test directory');
}

export interface LogLines {
  lines: Array<Record<string, unknown>>;
  logger: pino.Logger;
}

export function memoryLogger(): LogLines {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

let queueCounter = 0;

/** A worker running the real workflow and the real activities (no `deliver` override). */
export async function startRealWorker(env: TestWorkflowEnvironment, opts: { config: Config; directory: Directory; logger?: pino.Logger }) {
  const taskQueue = `notif-${process.pid}-${++queueCounter}`;
  const store = await testDatabase();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    ...workflowSource(),
    activities: createActivities({ config: opts.config, directory: opts.directory, logger: opts.logger ?? pino({ level: 'silent' }), records: store.db }),
  });
  const running = runWithPresence(worker, store.db, taskQueue);
  return {
    taskQueue,
    records: store.db,
    async stop() {
      worker.shutdown();
      await running;
      await store.drop();
    },
  };
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
  status: number;
}

/**
 * An HTTP receiver on loopback: verifies X-Koordinasi-Signature with `secret` (401 if wrong),
 * then answers `respond(request)` (default 200).
 */
export async function startWebhookReceiver(secret: string) {
  const received: ReceivedWebhook[] = [];
  let respond: (r: { headers: IncomingHttpHeaders; body: string }) => number = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = verifyWebhookSignature(secret, String(req.headers['x-koordinasi-timestamp'] ?? ''), body, String(req.headers['x-koordinasi-signature'] ?? ''));
      const status = verified ? respond({ headers: req.headers, body }) : 401;
      received.push({ headers: req.headers, body, verified, status });
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(String(status));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/koordinasi`,
    received,
    setResponder(fn: typeof respond) {
      respond = fn;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
