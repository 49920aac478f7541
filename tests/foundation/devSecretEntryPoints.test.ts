/**
 * `npm run api` alone and `npm run token` use the development secret `npm start` generates in
 * DATA_DIR (outside production, when no authentication is configured): a token from the command
 * is accepted by the API, with no secret copied by hand.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { freePort } from '../../src/process/ports';
import { DEV_SECRET_FILE } from '../../src/process/devSecret';
import { killAll, launch, waitForStatus, type Launched } from './launcher';

jest.setTimeout(120_000);

let api: Launched | undefined;
afterAll(() => killAll(api, undefined));

test('npm run token and npm run api share DATA_DIR/dev-jwt-secret', async () => {
  const env = {
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'koordinasi-devsecret-')),
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    // Nothing listens there: the API starts anyway (readiness says 503); organizations need no Temporal.
    TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    // Likewise the records store: `npm run api` alone needs one named, and keeps retrying it.
    DATABASE_URL: `postgres://koordinasi:unused@127.0.0.1:${await freePort()}/koordinasi`,
    LOG_LEVEL: 'warn',
  };
  const token = launch(env, 'src/cli/token.ts', ['--org', 'kpu-sumbawa', '--sub', 'alice']);
  expect((await token.exit).code).toBe(0);
  const jwt = token.stdout().trim();
  expect(decodeJwt(jwt)).toMatchObject({ sub: 'alice', org: 'kpu-sumbawa', roles: ['staff'] });
  expect(readFileSync(path.join(env.DATA_DIR, DEV_SECRET_FILE), 'utf8').trim()).toMatch(/^[\w-]{40,}$/);

  api = launch(env, 'src/server.ts');
  const url = `http://127.0.0.1:${env.PORT}`;
  await waitForStatus(api, `${url}/healthz`, (s) => s === 200);
  expect((await fetch(`${url}/v1/organizations`, { headers: { authorization: `Bearer ${jwt}` } })).status).toBe(200);
  expect((await fetch(`${url}/v1/organizations`)).status).toBe(401);
  api.proc.kill('SIGTERM');
  expect((await api.exit).code).toBe(0);
});
