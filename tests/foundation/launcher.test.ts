/**
 * The README's start command end to end: the real launcher brings up the dev server (SQLite in
 * DATA_DIR), the worker and the API; a workflow started through Temporal is run by that worker;
 * SIGTERM stops everything with no server left behind; a restart on the same DATA_DIR still has
 * the workflow; a second launcher while one runs fails with the port message. A bearer token is
 * never printed to a stdout that is not a terminal, nor for an operator's own JWT_SECRET.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { coordinationWorkflow } from '../../workflows';
import { stateQuery, workflowIdFor } from '../../workflows/messages';
import { freePort, isPortFree } from '../../src/process/ports';
import { signDevToken } from '../../src/api/auth';
import { DEV_SECRET_FILE } from '../../src/process/devSecret';
import { requestInput } from '../support/workflowHarness';
import { devServerPgid, groupAlive, killAll, launch, launchEnv, waitForStatus, type Launched, type LaunchEnv } from './launcher';

jest.setTimeout(240_000);

/** A compact JWS, i.e. a bearer token, anywhere in the output. */
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

let env: LaunchEnv;
let running: Launched | undefined;
const input = requestInput();
const workflowId = workflowIdFor(input.id);

async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_DEV_PORT}` });
  try {
    return await fn(new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }));
  } finally {
    await connection.close();
  }
}

async function stop(launched: Launched) {
  launched.proc.kill('SIGTERM');
  return launched.exit;
}

beforeAll(async () => {
  env = await launchEnv();
  env.WORKER_METRICS_ADDRESS = `127.0.0.1:${await freePort()}`;
});

afterAll(() => killAll(running, env?.DATA_DIR));

test('start: ready API, UI, banner; a workflow runs on the worker; SIGTERM leaves nothing behind', async () => {
  running = launch(env);
  const api = `http://127.0.0.1:${env.PORT}`;
  await waitForStatus(running, `${api}/readyz`, (s) => s === 200);
  expect(await waitForStatus(running, `${api}/healthz`, (s) => s === 200)).toBe(200);

  const ui = `http://127.0.0.1:${env.TEMPORAL_DEV_UI_PORT}`;
  expect(running.stdout()).toContain(ui);
  expect(running.stdout()).toContain(`${api}/docs`);
  expect((await fetch(ui)).status).toBe(200);

  // stdout is a pipe here, as under a process manager or a log collector: no token is printed,
  // only how to make one; a token signed with the secret it generated in DATA_DIR is accepted.
  expect(running.stdout() + running.stderr()).not.toMatch(JWT);
  expect(running.stdout()).toMatch(/More tokens\s+.*npm run token/);
  const secret = readFileSync(path.join(env.DATA_DIR, DEV_SECRET_FILE), 'utf8').trim();
  const token = await signDevToken(secret, { sub: 'dev', org: 'kpu-ri', roles: ['staff'] });
  expect((await fetch(`${api}/v1/organizations`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  expect((await fetch(`${api}/v1/organizations`)).status).toBe(401);
  // The banner says where people open the pages; the development sign-in is there.
  expect(running.stdout()).toContain(`${api}/  — sign in by picking an organization (development only)`);
  const signIn = await fetch(`${api}/sign-in`);
  expect(signIn.status).toBe(200);
  expect(await signIn.text()).toContain('Masuk untuk pengembangan');

  const state = await withClient(async (client) => {
    await client.workflow.start(coordinationWorkflow, { args: [input], taskQueue: env.TEMPORAL_TASK_QUEUE, workflowId });
    // A query is answered by a worker only: this proves the launcher's worker runs the workflow.
    return client.workflow.getHandle(workflowId).query(stateQuery);
  });
  expect(state.status).toBe('IN_PROGRESS');

  // The worker's own Temporal SDK metrics are served where WORKER_METRICS_ADDRESS says.
  expect(running.stdout()).toContain(`http://${env.WORKER_METRICS_ADDRESS}/metrics`);
  const workerMetrics = await (await fetch(`http://${env.WORKER_METRICS_ADDRESS}/metrics`)).text();
  expect(workerMetrics).toMatch(/^temporal_\w+/m);

  const pgid = devServerPgid(env.DATA_DIR);
  expect(groupAlive(pgid)).toBe(true);
  const { code } = await stop(running);
  expect(code).toBe(0);
  expect(groupAlive(pgid)).toBe(false);
  expect(await isPortFree('127.0.0.1', Number(env.TEMPORAL_DEV_PORT))).toBe(true);
  expect(await isPortFree('127.0.0.1', Number(env.PORT))).toBe(true);
});

test('restart on the same DATA_DIR finds the earlier workflow; a second launcher fails on the taken port', async () => {
  // An operator's own JWT_SECRET outside production: a token for it is never printed.
  running = launch({ ...env, JWT_SECRET: 'an-operators-own-secret-0123456789' });
  await waitForStatus(running, `http://127.0.0.1:${env.PORT}/readyz`, (s) => s === 200);
  expect(running.stdout() + running.stderr()).not.toMatch(JWT);
  expect(running.stdout()).not.toContain('token');
  const state = await withClient((client) => client.workflow.getHandle(workflowId).query(stateQuery));
  expect(state.title).toBe(input.title);
  expect(state.status).toBe('IN_PROGRESS');

  const second = launch(env);
  const { code } = await second.exit;
  expect(code).not.toBe(0);
  // Every port is named in one line: the API, the dev server and its UI, the worker metrics.
  expect(second.stderr()).toMatch(/ports already in use: .* — is Koordinasi already running\?/);
  for (const variable of ['PORT', 'TEMPORAL_DEV_PORT', 'TEMPORAL_DEV_UI_PORT', 'WORKER_METRICS_ADDRESS']) expect(second.stderr()).toContain(`, ${variable})`);
  expect(second.stderr()).not.toMatch(/\n\s+at /); // no stack trace
  expect(second.stderr().trim().split('\n')).toHaveLength(1);

  const pgid = devServerPgid(env.DATA_DIR);
  expect((await stop(running)).code).toBe(0);
  expect(groupAlive(pgid)).toBe(false);
});
