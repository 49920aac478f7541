/**
 * Runs a local PostgreSQL (localPostgres.ts) as a process of its own, so the stack that starts it
 * can stop or restart it like any other service: prints one JSON line `{"ready":true,...}` once it
 * accepts connections, and shuts PostgreSQL down (fast shutdown) on SIGINT/SIGTERM.
 *
 *   tsx src/postgres/serve.ts --dir <folder> --port <port> --user <name> [--set name=value ...]
 */
import { parseArgs } from 'node:util';
import { onShutdownSignal, runMain } from '../process/lifecycle';
import { startLocalPostgres } from './localPostgres';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { dir: { type: 'string' }, port: { type: 'string' }, user: { type: 'string' }, set: { type: 'string', multiple: true } },
  });
  if (!values.dir || !values.port || !values.user) throw new Error('usage: serve.ts --dir <folder> --port <port> --user <name> [--set k=v]');
  const settings = Object.fromEntries((values.set ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const pg = await startLocalPostgres({
    baseDir: values.dir,
    port: Number(values.port),
    user: values.user,
    settings,
    onLog: (line) => process.stderr.write(`${line}\n`),
  });
  onShutdownSignal('postgres', () => pg.stop());
  process.stdout.write(`${JSON.stringify({ ready: true, port: pg.port, dataDir: pg.dataDir })}\n`);
}

runMain('postgres', main);
