/** Connection settings follow Temporal's environment conventions (through @temporalio/envconfig). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { temporalTarget } from '../../src/temporal/connection';

const isolated = { TEMPORAL_CONFIG_FILE: '/nonexistent/temporal.toml' };

test('without TEMPORAL_ADDRESS: the embedded dev server on loopback, plain text', () => {
  const env = { ...isolated, TEMPORAL_DEV_PORT: '17345', TEMPORAL_NAMESPACE: 'koordinasi' };
  const target = temporalTarget(loadConfig(env), env);
  expect(target).toEqual({ address: '127.0.0.1:17345', namespace: 'koordinasi', embedded: true });
});

test('TEMPORAL_ADDRESS + API key: TLS on, key passed, namespace from TEMPORAL_NAMESPACE', () => {
  const env = { ...isolated, TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'ns.acct', TEMPORAL_API_KEY: 'secret-key' };
  const target = temporalTarget(loadConfig(env), env);
  expect(target).toMatchObject({ address: 'ns.acct.tmprl.cloud:7233', namespace: 'ns.acct', apiKey: 'secret-key', tls: true, embedded: false });
});

test('mTLS files: our TEMPORAL_TLS_CERT_PATH / _KEY_PATH and the server CA are read', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koordinasi-tls-'));
  const file = (name: string, text: string) => (writeFileSync(path.join(dir, name), text), path.join(dir, name));
  const env = {
    ...isolated,
    TEMPORAL_ADDRESS: 'temporal.internal:7233',
    TEMPORAL_TLS_CERT_PATH: file('client.pem', 'CERT'),
    TEMPORAL_TLS_KEY_PATH: file('client.key', 'KEY'),
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem', 'CA'),
  };
  const target = temporalTarget(loadConfig(env), env);
  expect(target.namespace).toBe('default');
  const tls = target.tls as { clientCertPair?: { crt: Buffer; key: Buffer }; serverRootCACertificate?: Buffer };
  expect(tls.clientCertPair?.crt.toString()).toBe('CERT');
  expect(tls.clientCertPair?.key.toString()).toBe('KEY');
  expect(tls.serverRootCACertificate?.toString()).toBe('CA');
});

test('a temporal.toml profile supplies the namespace when TEMPORAL_NAMESPACE is not set', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koordinasi-toml-'));
  const toml = path.join(dir, 'temporal.toml');
  writeFileSync(toml, '[profile.default]\naddress = "ignored:7233"\nnamespace = "from-profile"\n');
  const env = { TEMPORAL_CONFIG_FILE: toml, TEMPORAL_ADDRESS: 'temporal.internal:7233' };
  expect(temporalTarget(loadConfig(env), env)).toMatchObject({ address: 'temporal.internal:7233', namespace: 'from-profile' });
});
