/**
 * How this process reaches Temporal, following Temporal's own conventions so a Temporal user needs
 * no new vocabulary: `@temporalio/envconfig` reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_API_KEY, TEMPORAL_TLS_*, TEMPORAL_GRPC_META_* and the optional temporal.toml profile
 * (TEMPORAL_CONFIG_FILE / TEMPORAL_PROFILE).
 *
 * Our config names the client certificate TEMPORAL_TLS_CERT_PATH / TEMPORAL_TLS_KEY_PATH (shorter
 * than envconfig's TEMPORAL_TLS_CLIENT_CERT_PATH / _KEY_PATH); both spellings work, ours wins.
 *
 * Without TEMPORAL_ADDRESS we talk to the embedded dev server on 127.0.0.1:TEMPORAL_DEV_PORT, in
 * plain text, ignoring any toml profile (which would otherwise point a developer at their cloud).
 */
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { Config } from '../config';
import { closeSafeRetries } from './closeSafeRetries';

/** The options both the client `Connection` and the worker `NativeConnection` accept. */
export interface TemporalTarget {
  address: string;
  namespace: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
  metadata?: Record<string, string>;
  /** True when this is the embedded dev server (no TEMPORAL_ADDRESS). */
  embedded: boolean;
}

export function devServerAddress(config: Pick<Config, 'TEMPORAL_DEV_PORT'>): string {
  return `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
}

export function temporalTarget(config: Config, env: NodeJS.ProcessEnv = process.env): TemporalTarget {
  if (!config.TEMPORAL_ADDRESS) {
    return { address: devServerAddress(config), namespace: config.TEMPORAL_NAMESPACE, embedded: true };
  }
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) vars[k] = v;
  if (config.TEMPORAL_TLS_CERT_PATH) vars.TEMPORAL_TLS_CLIENT_CERT_PATH = config.TEMPORAL_TLS_CERT_PATH;
  if (config.TEMPORAL_TLS_KEY_PATH) vars.TEMPORAL_TLS_CLIENT_KEY_PATH = config.TEMPORAL_TLS_KEY_PATH;
  vars.TEMPORAL_ADDRESS = config.TEMPORAL_ADDRESS;
  const { connectionOptions, namespace } = loadClientConnectConfig({ overrideEnvVars: vars });
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(connectionOptions.metadata ?? {})) metadata[k] = String(v);
  return {
    address: config.TEMPORAL_ADDRESS,
    // An explicit TEMPORAL_NAMESPACE wins; else the toml profile's; else our default ('default').
    namespace: env.TEMPORAL_NAMESPACE ?? namespace ?? config.TEMPORAL_NAMESPACE,
    tls: asBuffers(connectionOptions.tls ?? undefined),
    apiKey: typeof connectionOptions.apiKey === 'string' ? connectionOptions.apiKey : undefined,
    metadata: Object.keys(metadata).length ? metadata : undefined,
    embedded: false,
  };
}

/** envconfig reads files as Uint8Array; the native worker bridge wants Node Buffers. */
function asBuffers(tls: TLSConfig | boolean | undefined): TLSConfig | boolean | undefined {
  if (typeof tls !== 'object') return tls;
  const buf = (b: Uint8Array | undefined) => (b === undefined ? undefined : Buffer.from(b));
  return {
    ...tls,
    serverRootCACertificate: buf(tls.serverRootCACertificate),
    clientCertPair: tls.clientCertPair && { crt: buf(tls.clientCertPair.crt)!, key: buf(tls.clientCertPair.key)! },
  };
}

function options(target: TemporalTarget) {
  return { address: target.address, tls: target.tls, apiKey: target.apiKey, metadata: target.metadata };
}

/**
 * A client connection that does not need the server yet: the API starts and answers /readyz 503
 * until Temporal is reachable; gRPC reconnects by itself.
 */
export function lazyClientConnection(target: TemporalTarget): Connection {
  return Connection.lazy({ ...options(target), plugins: [closeSafeRetries] });
}

/** Resolves after `ms`, or at once when `signal` aborts (a stop must not wait out a back-off). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * The worker's connection. Retries until the server answers (a worker started before its server,
 * as in docker compose, waits instead of crashing), unless `signal` aborts.
 */
export async function connectWorkerWithRetry(
  target: TemporalTarget,
  opts: { signal?: AbortSignal; onRetry?: (err: unknown, attempt: number) => void } = {},
): Promise<NativeConnection> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await NativeConnection.connect(options(target));
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      opts.onRetry?.(err, attempt);
      await sleep(Math.min(5000, 250 * attempt), opts.signal);
      if (opts.signal?.aborted) throw err;
    }
  }
}

/** Client connection that is known to work (used by the launcher and the operator-service calls). */
export function connectClient(target: TemporalTarget): Promise<Connection> {
  return Connection.connect({ ...options(target), connectTimeout: '5s', plugins: [closeSafeRetries] });
}
