/**
 * The HTTP API process: the Express app of src/api behind a listening server.
 * `npm run api` runs one alone (stateless; production runs many); the launcher embeds one through
 * `startApi`. The app itself never listens (tests drive it with supertest).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { Client } from '@temporalio/client';
import type { Express } from 'express';
import { createApp, type AppDeps } from './api/app';
import { startUploadSweeper } from './attachments/sweeper';
import { parseDuration } from './domain/duration';
import { loadConfig, type Config } from './config';
import { loadStages } from './stages/stages';
import { loadDirectory, type Directory } from './directory/directory';
import { createLogger } from './logger';
import { connectRecordsWithRetry, type RecordsDb } from './records/database';
import { requireDatabaseUrl } from './records/launch';
import { lazyClientConnection, temporalTarget } from './temporal/connection';
import { withDevSecret } from './process/devSecret';
import { onShutdownSignal, runMain } from './process/lifecycle';
import { assertPortsFree, PortInUseError } from './process/ports';
import { mountWeb } from './web';

/** How long open keep-alive / in-flight requests get before their sockets are cut on shutdown. */
const CLOSE_GRACE_MS = 5000;

export interface ApiDeps {
  config: Config;
  directory: Directory;
  client: Client;
  logger: Logger;
  records: RecordsDb;
}

export interface ApiHandle {
  /** http://host:port the server listens on (127.0.0.1 shown for a wildcard host). */
  url: string;
  server: Server;
  close(): Promise<void>;
}

export function apiPortClaim(config: Config) {
  return { host: config.HOST, port: config.PORT, what: 'HTTP API', variable: 'PORT' };
}

/** The HTTP app: the JSON API at /v1 and the web pages at / on one Express app. */
export function createHttpApp(deps: Omit<AppDeps, 'mount'>): Express {
  return createApp({
    ...deps,
    mount: (app, shared) => mountWeb(app, { config: deps.config, directory: deps.directory, logger: deps.logger, records: deps.records, ...shared }),
  });
}

export function startApi(deps: ApiDeps): Promise<ApiHandle> {
  const { config } = deps;
  const app = createHttpApp(deps);
  const sweeper = startUploadSweeper(deps.records, { ttlMs: parseDuration(config.ATTACHMENT_UNUSED_TTL), logger: deps.logger });
  return new Promise((resolve, reject) => {
    const server = app.listen(config.PORT, config.HOST);
    server.once('error', (err: NodeJS.ErrnoException) => {
      void sweeper.stop();
      if (err.code === 'EADDRINUSE') {
        reject(new PortInUseError(`port ${config.PORT} (HTTP API) on ${config.HOST} is already in use — is Koordinasi already running? Stop it, or set PORT to another port.`));
      } else reject(err);
    });
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
      const close = async (): Promise<void> => {
        await closeServer(server);
        await sweeper.stop();
      };
      resolve({ url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, server, close });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

async function main(): Promise<void> {
  // Outside production with no authentication configured: the same generated secret as `npm start`.
  const { config } = withDevSecret(loadConfig());
  const logger = createLogger(config, 'koordinasi-api');
  const directory = loadDirectory(config.DIRECTORY_PATH);
  loadStages(config.STAGES_PATH); // a bad election schedule stops the start, like a bad directory
  await assertPortsFree([apiPortClaim(config)]);
  const target = temporalTarget(config);
  // Lazy: the API listens even while Temporal is down and says so on /readyz (503).
  const connection = lazyClientConnection(target);
  const client = new Client({ connection, namespace: target.namespace });
  const records = connectRecordsWithRetry(requireDatabaseUrl(config), {
    poolSize: config.DATABASE_POOL_SIZE,
    onRetry: (err) => logger.warn({ err: err.message }, 'records store not reachable yet; retrying'),
  });
  const api = await startApi({ config, directory, client, logger, records: records.db });
  logger.info({ url: api.url, temporal: target.address, namespace: target.namespace }, 'API listening');
  onShutdownSignal('koordinasi-api', async (signal) => {
    logger.info({ signal }, 'API shutting down');
    await api.close();
    await connection.close();
    await records.close();
  });
}

if (require.main === module) runMain('koordinasi-api', main);
