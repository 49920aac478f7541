/**
 * PLACEHOLDER written by the Foundation issue (#2) so the launcher and API process can run before
 * the real HTTP API lands. The API engineer owns this file and replaces it entirely; the contract
 * kept here is `createApp(deps: AppDeps): Express` (no listen), with /healthz and /readyz.
 */
import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Directory } from '../directory/directory';

export interface AppDeps {
  config: Config;
  directory: Directory;
  client: Client;
  logger: Logger;
}

export function createApp({ client }: AppDeps): Express {
  const app = express();
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      // A short deadline: readiness must answer quickly even when Temporal is down.
      await client.connection.withDeadline(Date.now() + 2000, () => client.workflowService.getSystemInfo({}));
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'Temporal not reachable' });
    }
  });
  return app;
}
