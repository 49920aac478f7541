/**
 * `npm run cluster`: the production topology on this machine without Docker — PostgreSQL, the
 * self-hosted Temporal server (built from Go modules on first use), two workers and two API
 * instances, all on 127.0.0.1, data in DATA_DIR/cluster. Prints where everything is; Ctrl-C stops
 * it all (APIs, workers, server, PostgreSQL, in that order).
 */
import path from 'node:path';
import { STACK } from '../cluster/settings';
import { ClusterStack } from '../cluster/stack';
import { loadConfig } from '../config';
import { loadDirectory } from '../directory/directory';
import { createLogger } from '../logger';
import { banner, devTokenRows, shortPath } from '../launcher/banner';
import { withDevSecret } from '../process/devSecret';
import { onShutdownSignal, runMain } from '../process/lifecycle';
import { assertPortsFree } from '../process/ports';



async function main(): Promise<void> {
  const base = loadConfig();
  const dataDir = path.join(base.DATA_DIR, 'cluster');
  const { config, secretFile } = withDevSecret({ ...base, DATA_DIR: path.join(dataDir, 'app') });
  const logger = createLogger(config, 'koordinasi-cluster');
  const directory = loadDirectory(config.DIRECTORY_PATH);
  const apiPorts = Array.from({ length: STACK.apis }, (_, i) => config.PORT + i);
  await assertPortsFree(apiPorts.map((port) => ({ host: '127.0.0.1', port, what: 'HTTP API', variable: 'PORT' })));

  const stack = new ClusterStack({
    dataDir,
    apiPorts,
    namespace: process.env.TEMPORAL_NAMESPACE ?? STACK.namespace,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    appEnv: config.JWT_SECRET ? { JWT_SECRET: config.JWT_SECRET } : {},
    logger,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  let stopping: Promise<void> | undefined;
  onShutdownSignal('koordinasi-cluster', async () => {
    process.stderr.write('stopping the stack: APIs, workers, Temporal server, PostgreSQL\n');
    await (stopping ??= stack.stop());
  });
  logger.info({ dataDir }, 'starting the production stack');
  await stack.start();

  for (const child of [...stack.workers, ...stack.apis, stack.server, stack.postgres]) {
    void child?.exited.then(({ code, signal }) => {
      if (!stopping) logger.error({ process: child.name, code, signal, log: child.logFile }, 'a process of the stack exited on its own');
    });
  }
  const rows: [string, string][] = stack.apiUrls.map((url, i) => [`API ${i + 1}`, `${url}  (docs ${url}/docs)`]);
  rows.push(['Temporal', `${stack.temporalAddress} (namespace ${stack.namespace}, retention ${STACK.retentionDays} days)`]);
  rows.push(['Temporal server', `v${STACK.temporalVersion}, ${shortPath(stack.binaries!.server)}`]);
  rows.push(['PostgreSQL', `127.0.0.1:${stack.pgPort} (databases ${STACK.databases.main}, ${STACK.databases.visibility})`]);
  rows.push(['Workers', `${stack.workers.length} on task queue ${stack.taskQueue}`]);
  rows.push(['Data', shortPath(dataDir)]);
  rows.push(['Logs', shortPath(stack.logDir)]);
  rows.push(...(await devTokenRows(config, directory, secretFile)));
  process.stdout.write(banner('Koordinasi production stack is running', rows));
}

runMain('koordinasi-cluster', main);
