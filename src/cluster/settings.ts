/**
 * The production stack's settings, in one place: `npm run cluster` reads them, and
 * tests/cluster/compose.test.ts proves that docker-compose.yml and deploy/temporal/ say the same
 * (server version, namespace, retention, databases, task queue, search attributes).
 */
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export const STACK = {
  /** Temporal server release, built from Go modules natively and pulled as images by compose. */
  temporalVersion: '1.32.2',
  /** The Go toolchain the server's go.mod asks for (the module proxy serves it on demand). */
  goToolchain: 'go1.26.10',
  namespace: 'koordinasi',
  /** How long closed requests stay in Temporal; the records store keeps them for good. */
  retentionDays: 30,
  taskQueue: 'koordinasi',
  /** Temporal's SQL plugin and its two databases (history + visibility) and their owner. */
  sqlPlugin: 'postgres12',
  databases: { main: 'temporal', visibility: 'temporal_visibility' },
  dbUser: 'temporal',
  /** Fixed when the cluster is first created; cannot be changed later (docs/PERFORMANCE.md, sizing). */
  numHistoryShards: 4,
  /** Stateless processes the native stack runs against the one server. */
  workers: 2,
  apis: 2,
  /** Dynamic config shared with compose (mounted into the server container there). */
  dynamicConfigFile: path.join(ROOT, 'deploy', 'temporal', 'dynamicconfig', 'koordinasi.yaml'),
} as const;

/** The Go packages built for the native stack: the server and its schema tool. */
export const TEMPORAL_MODULE = 'go.temporal.io/server';
export const TEMPORAL_PACKAGES = { server: `${TEMPORAL_MODULE}/cmd/server`, sql: `${TEMPORAL_MODULE}/cmd/tools/sql` } as const;
