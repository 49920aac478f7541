/**
 * The benchmark's default system, on loopback only: a Temporal dev server (the product's own
 * launcher code, src/temporal/devServer.ts: SQLite in the temporary DATA_DIR, free ports, search
 * attributes by flag), an embedded PostgreSQL as the records store, and the product's worker in a
 * child process; the shared part (system.ts) adds the SMTP sink and the HTTP API in this process.
 */
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { openRecords } from '../../src/records/database';
import { startEmbeddedPostgres } from '../../src/postgres/embedded';
import { freePort } from '../../src/process/ports';
import { startDevServer } from '../../src/temporal/devServer';
import { startSystem, type BenchEnv, type EnvOptions } from './system';
import { startWorkerChild } from './workerChild';

export async function startBenchEnv(opts: EnvOptions): Promise<BenchEnv> {
  const extraVars = { TEMPORAL_DEV_PORT: '0', TEMPORAL_DEV_UI_PORT: '0' };
  return startSystem({ ...opts, tmpPrefix: 'koordinasi-bench-', extraVars }, async ({ dataDir, logFile, vars, config, logger, onStop }) => {
    opts.say('starting the embedded PostgreSQL (records store, temporary folder)');
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: await freePort() });
    onStop(() => pg.stop());
    vars.DATABASE_URL = pg.url;
    const records = await openRecords(pg.url);
    onStop(() => records.destroy());

    opts.say('starting the Temporal dev server (SQLite in a temporary folder)');
    const dev = await startDevServer(config, logger);
    onStop(() => dev.stop());

    const workerEnv = { ...process.env, ...vars, BENCH_TEMPORAL_ADDRESS: dev.address, BENCH_LOG_FILE: logFile };
    opts.say(`starting the worker process (maxCachedWorkflows ${opts.cacheSize})`);
    let worker = await startWorkerChild(workerEnv, opts.say);
    onStop(() => worker.stop());

    return {
      address: dev.address,
      namespace: dev.namespace,
      records,
      get worker() {
        return worker;
      },
      async restartWorker() {
        await worker.stop();
        worker = await startWorkerChild(workerEnv, opts.say);
      },
      async startExtraWorker(overrides) {
        const extra = await startWorkerChild({ ...workerEnv, ...overrides }, opts.say);
        onStop(() => extra.stop());
        return extra;
      },
      apiConfig: loadConfig({ ...vars }),
    };
  });
}
