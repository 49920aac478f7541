/**
 * `npm start`: the whole system in one process and one terminal, for development and small
 * installations — the embedded Temporal dev server (unless TEMPORAL_ADDRESS names an existing
 * one), the records store (embedded PostgreSQL unless DATABASE_URL names one), the worker and the
 * HTTP API. One banner with the URLs; Ctrl-C / SIGTERM stops the API first (no new work), then the
 * worker (in-flight tasks finish), then the records store and the Temporal server.
 */
import { Client, Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from './config';
import { loadStages } from './stages/stages';
import { loadDirectory } from './directory/directory';
import { createLogger } from './logger';
import { apiPortClaim, startApi, type ApiHandle } from './server';
import { connectClient, connectWorkerWithRetry, temporalTarget } from './temporal/connection';
import { startDevServer, type DevServer } from './temporal/devServer';
import { onShutdownSignal, runMain } from './process/lifecycle';
import { assertPortsFree } from './process/ports';
import { installTemporalRuntime } from './temporal/runtime';
import { closeMailTransports } from '../activities/notifications/deliver';
import { createWorker, ensureSearchAttributes } from './worker';
import { createVerifier } from './api/auth';
import { banner, devTokenRows, shortPath } from './launcher/banner';
import { withDevSecret } from './process/devSecret';
import { startRecordsStore, type RecordsStore } from './records/launch';
import { runWithPresence } from './records/presence';

function metricsPortClaim(address: string) {
  const i = address.lastIndexOf(':');
  return { host: address.slice(0, i), port: Number(address.slice(i + 1)), what: 'worker metrics', variable: 'WORKER_METRICS_ADDRESS' };
}

async function main(): Promise<void> {
  const { config, secretFile } = withDevSecret(loadConfig());
  const logger = createLogger(config);
  const directory = loadDirectory(config.DIRECTORY_PATH);
  loadStages(config.STAGES_PATH); // a bad election schedule stops the start, like a bad directory
  // The API's authentication rule, applied before anything is spawned: production without
  // JWT_SECRET or JWKS_URL stops here with one line, not after a dev server came and went.
  createVerifier(config);
  const embedded = !config.TEMPORAL_ADDRESS;

  // Every port we will bind, checked before anything is spawned (a second `npm start` stops here).
  await assertPortsFree([
    apiPortClaim(config),
    ...(embedded
      ? [
          { host: '127.0.0.1', port: config.TEMPORAL_DEV_PORT, what: 'Temporal dev server', variable: 'TEMPORAL_DEV_PORT' },
          { host: '127.0.0.1', port: config.TEMPORAL_DEV_UI_PORT, what: 'Temporal UI', variable: 'TEMPORAL_DEV_UI_PORT' },
        ]
      : []),
    ...(config.WORKER_METRICS_ADDRESS ? [metricsPortClaim(config.WORKER_METRICS_ADDRESS)] : []),
    ...(config.DATABASE_URL ? [] : [{ host: '127.0.0.1', port: config.EMBEDDED_POSTGRES_PORT, what: 'embedded PostgreSQL', variable: 'EMBEDDED_POSTGRES_PORT' }]),
  ]);
  // After the port check: the SDK runtime binds the worker-metrics port as it is installed.
  installTemporalRuntime(logger, config.WORKER_METRICS_ADDRESS);

  // Resources in start order; shutdown releases whatever got started, in reverse.
  let dev: DevServer | undefined;
  let records: RecordsStore | undefined;
  let workerConnection: NativeConnection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let clientConnection: Connection | undefined;
  let api: ApiHandle | undefined;
  let stopping: Promise<void> | undefined;

  const shutdown = () =>
    (stopping ??= (async () => {
      await api?.close().catch((err) => logger.error({ err }, 'closing the API failed'));
      if (worker?.getState() === 'RUNNING') worker.shutdown();
      await running?.catch((err) => logger.error({ err }, 'worker failed while stopping'));
      await clientConnection?.close().catch(() => undefined);
      closeMailTransports(); // pooled SMTP connections would keep the process alive
      await workerConnection?.close().catch(() => undefined);
      await records?.close().catch((err) => logger.error({ err }, 'stopping the records store failed'));
      await dev?.stop();
      logger.info('stopped');
    })());
  onShutdownSignal('koordinasi', async (signal) => {
    logger.info({ signal }, 'shutting down');
    await shutdown();
  });

  let target = temporalTarget(config);
  try {
    if (embedded) {
      logger.info('starting the Temporal dev server (first start may take a few seconds)');
      dev = await startDevServer(config, logger);
      target = { ...target, address: dev.address };
    }
    records = await startRecordsStore(config, logger);
    workerConnection = await connectWorkerWithRetry(target, {
      onRetry: (err, attempt) => logger.warn({ address: target.address, attempt, err: (err as Error).message }, 'Temporal not reachable yet; retrying'),
    });
    await ensureSearchAttributes(target, logger);
    worker = await createWorker({ config, directory, logger, connection: workerConnection, namespace: target.namespace, records: records.db });
    running = runWithPresence(worker, records.db, config.TEMPORAL_TASK_QUEUE);
    // A worker that dies on its own (not through shutdown) takes the whole launcher down with it.
    running.then(
      () => undefined,
      (err: unknown) => {
        if (stopping) return;
        logger.error({ err }, 'worker failed');
        void shutdown().finally(() => process.exit(1));
      },
    );
    clientConnection = await connectClient(target);
    const client = new Client({ connection: clientConnection, namespace: target.namespace });
    api = await startApi({ config, directory, client, logger, records: records.db });
  } catch (err) {
    await shutdown();
    throw err;
  }

  const signIn = config.OIDC_ISSUER ? 'sign in with your organization account' : config.NODE_ENV === 'production' ? 'sign-in: set OIDC_ISSUER' : 'sign in by picking an organization (development only)';
  const rows: [string, string][] = [
    ['Open in a browser', `${api.url}/  — ${signIn}`],
    ['API', api.url],
    ['API docs', `${api.url}/docs`],
    ['Readiness', `${api.url}/readyz`],
  ];
  if (dev) {
    rows.push(['Temporal UI', dev.uiUrl]);
    rows.push(['Temporal', `${dev.address} (namespace ${dev.namespace})`]);
    rows.push(['Data', shortPath(dev.dbFile)]);
  } else {
    rows.push(['Temporal', `${target.address} (namespace ${target.namespace})`]);
  }
  rows.push(['Records', records!.where]);
  rows.push(['Task queue', config.TEMPORAL_TASK_QUEUE]);
  if (config.WORKER_METRICS_ADDRESS) rows.push(['Worker metrics', `http://${config.WORKER_METRICS_ADDRESS}/metrics`]);
  rows.push(...(await devTokenRows(config, directory, secretFile)));
  process.stdout.write(banner('Koordinasi is running', rows));
}

if (require.main === module) runMain('koordinasi', main);
