/**
 * The worker: runs the coordination workflow and its activities on TEMPORAL_TASK_QUEUE.
 * `npm run worker` runs one alone (production runs many, all stateless); the launcher
 * (src/start.ts) embeds one through `createWorker`.
 */
import type { Logger } from 'pino';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { closeMailTransports } from '../activities/notifications/deliver';
import { loadConfig, type Config } from './config';
import { loadStages } from './stages/stages';
import { loadDirectory, type Directory } from './directory/directory';
import { createLogger } from './logger';
import { connectRecordsWithRetry, type RecordsDb } from './records/database';
import { requireDatabaseUrl } from './records/launch';
import { runWithPresence } from './records/presence';
import { connectClient, connectWorkerWithRetry, temporalTarget, type TemporalTarget } from './temporal/connection';
import { onShutdownSignal, runMain } from './process/lifecycle';
import { registerSearchAttributes } from './temporal/registerSearchAttributes';
import { installTemporalRuntime } from './temporal/runtime';

export interface WorkerDeps {
  config: Config;
  directory: Directory;
  logger: Logger;
  connection: NativeConnection;
  namespace: string;
  records: RecordsDb;
}

export function createWorker({ config, directory, logger, connection, namespace, records }: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowsPath: require.resolve('../workflows'),
    activities: createActivities({ config, directory, logger: logger.child({ component: 'activities' }), records }),
    maxCachedWorkflows: config.WORKER_CACHE_SIZE,
  });
}

/** On an existing cluster the worker makes sure the search attributes exist (the dev server gets them by flag). */
export async function ensureSearchAttributes(target: TemporalTarget, logger: Logger): Promise<void> {
  if (target.embedded) return;
  const conn = await connectClient(target);
  try {
    await registerSearchAttributes(conn, target.namespace, logger);
  } finally {
    await conn.close();
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config, 'koordinasi-worker');
  installTemporalRuntime(logger, config.WORKER_METRICS_ADDRESS);
  const directory = loadDirectory(config.DIRECTORY_PATH);
  loadStages(config.STAGES_PATH); // a bad election schedule stops the start, like a bad directory
  const target = temporalTarget(config);
  const records = connectRecordsWithRetry(requireDatabaseUrl(config), {
    poolSize: config.DATABASE_POOL_SIZE,
    onRetry: (err) => logger.warn({ err: err.message }, 'records store not reachable yet; retrying'),
  });
  const aborted = new AbortController();
  let worker: Worker | undefined;

  async function run(): Promise<void> {
    let connection: NativeConnection;
    try {
      connection = await connectWorkerWithRetry(target, {
        signal: aborted.signal,
        onRetry: (err, attempt) =>
          logger.warn({ address: target.address, attempt, err: (err as Error).message }, 'Temporal not reachable yet; retrying'),
      });
    } catch (err) {
      if (aborted.signal.aborted) return; // stopped while waiting for the server
      throw err;
    }
    try {
      await ensureSearchAttributes(target, logger);
      worker = await createWorker({ config, directory, logger, connection, namespace: target.namespace, records: records.db });
      if (aborted.signal.aborted) return;
      logger.info({ address: target.address, namespace: target.namespace, taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker running');
      await runWithPresence(worker, records.db, config.TEMPORAL_TASK_QUEUE); // resolves after shutdown(), once in-flight tasks are done
    } finally {
      closeMailTransports(); // pooled SMTP connections would keep the process alive
      await connection.close();
      await records.close();
    }
  }

  const done = run();
  onShutdownSignal('koordinasi-worker', async (signal) => {
    logger.info({ signal }, 'worker shutting down');
    aborted.abort();
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await done;
  });
  await done;
  logger.info('worker stopped');
}

if (require.main === module) runMain('koordinasi-worker', main);
