/**
 * The benchmark's worker, in its own process so its resident memory is its own: the product's
 * `createWorker` (real activities: SMTP email through the pooled nodemailer transport) on a
 * NativeConnection to the harness's dev server. Configuration comes from the environment
 * (src/config.ts, e.g. WORKER_CACHE_SIZE, SMTP_URL); BENCH_TEMPORAL_ADDRESS names the server and
 * BENCH_LOG_FILE where the JSON log lines go. BENCH_RECORDING=off: the recording activity runs but
 * writes nothing (a store that executes no query), for the records phase's on/off comparison.
 *
 * IPC: sends {type:'ready'} once polling; answers {type:'mem'} with process.memoryUsage();
 * {type:'stop'} shuts down gracefully. Exits when the parent goes away (IPC disconnect).
 */
import { NativeConnection, type Worker } from '@temporalio/worker';
import pino from 'pino';
import { closeMailTransports } from '../activities/notifications/deliver';
import { loadConfig } from '../src/config';
import { loadDirectory } from '../src/directory/directory';
import { installTemporalRuntime } from '../src/temporal/runtime';
import { createWorker } from '../src/worker';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { connectRecords, type RecordsDb } from '../src/records/database';
import type { RecordsSchema } from '../src/records/schema';
import { requireDatabaseUrl } from '../src/records/launch';
import { runWithPresence } from '../src/records/presence';

/** A records store on Kysely's DummyDriver: every write is accepted and nothing is sent anywhere. */
function noRecords(): RecordsDb {
  return new Kysely<RecordsSchema>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

export type WorkerMessage = { type: 'ready' } | { type: 'mem'; mem: NodeJS.MemoryUsage } | { type: 'error'; message: string };
export type ParentMessage = { type: 'mem' } | { type: 'stop' };

function send(msg: WorkerMessage): void {
  if (process.connected) process.send?.(msg);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const address = process.env.BENCH_TEMPORAL_ADDRESS;
  if (!address) throw new Error('BENCH_TEMPORAL_ADDRESS is not set');
  const logger = pino({ name: 'koordinasi-worker', level: config.LOG_LEVEL }, pino.destination({ dest: process.env.BENCH_LOG_FILE ?? 1, sync: false }));
  installTemporalRuntime(logger);
  const directory = loadDirectory(config.DIRECTORY_PATH);
  const connection = await NativeConnection.connect({ address });
  const records = process.env.BENCH_RECORDING === 'off' ? noRecords() : connectRecords(requireDatabaseUrl(config), { poolSize: config.DATABASE_POOL_SIZE });
  let worker: Worker | undefined;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    else process.exit(0);
  };
  process.on('message', (msg: ParentMessage) => {
    if (msg.type === 'mem') send({ type: 'mem', mem: process.memoryUsage() });
    else if (msg.type === 'stop') stop();
  });
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => undefined); // Ctrl-C reaches the whole group: the parent decides when we stop
  try {
    worker = await createWorker({ config, directory, logger, connection, namespace: config.TEMPORAL_NAMESPACE, records });
    const running = runWithPresence(worker, records, config.TEMPORAL_TASK_QUEUE);
    send({ type: 'ready' });
    await running;
  } finally {
    closeMailTransports();
    await connection.close();
    await records.destroy();
    logger.flush();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    send({ type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) });
    console.error(err);
    process.exit(1);
  },
);
