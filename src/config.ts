/**
 * Configuration from environment variables, validated by zod at start-up. An invalid value stops
 * the process with a message naming the variable and what is allowed (see `loadConfig`).
 */
import path from 'node:path';
import { z } from 'zod';
import { isValidDuration, parseDuration } from './domain/duration';
import { EMAIL_LINK_SETTINGS } from './links/emailLinks';

const PORT_RANGE = 'a port number from 0 to 65535 (0: any free port)';
const port = z.coerce.number({ error: PORT_RANGE }).int(PORT_RANGE).min(0, PORT_RANGE).max(65535, PORT_RANGE);
const positiveDuration = (example: string) =>
  z.string().refine((v) => isValidDuration(v) && parseDuration(v) > 0, `a positive ISO 8601 duration such as ${example}`);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const configSchema = z.object({
  /** API listen port and host. */
  PORT: port.default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Existing Temporal server/cluster; when unset, `npm start` runs the embedded dev server. */
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('koordinasi'),
  /** Embedded dev server: gRPC and UI ports, and the folder holding its SQLite file. */
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_DEV_UI_PORT: port.default(8233),
  DATA_DIR: z.string().min(1).default(path.resolve('data')),
  /**
   * Records store (PostgreSQL). When unset, `npm start` runs an embedded PostgreSQL with its data
   * in DATA_DIR/postgres on EMBEDDED_POSTGRES_PORT; the separate worker and API processes need it.
   */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL').optional(),
  EMBEDDED_POSTGRES_PORT: port.default(5433),
  /** Connections per process to the records store. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Organization directory JSON (docs/ARCHITECTURE.md#organization-directory). */
  DIRECTORY_PATH: z.string().min(1).default(path.resolve(__dirname, '..', 'config', 'organizations.json')),
  /** Election schedule (tahapan) JSON: the stages `STAGE` deadlines name; re-read when it changes. */
  STAGES_PATH: z.string().min(1).default(path.resolve(__dirname, '..', 'config', 'stages.json')),
  /** Joint-leave days (cuti bersama), comma separated YYYY-MM-DD, on top of public holidays. */
  CUTI_BERSAMA: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((d) => d.trim()).filter(Boolean))
    .pipe(z.array(isoDate)),
  /** Working window, local time of the recipient, HH:MM. */
  WORKING_HOURS_START: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').default('08:00'),
  WORKING_HOURS_END: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').default('16:00'),
  /** Authentication: HS256 secret (development) or JWKS URL + issuer + audience (production). */
  JWT_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  JWKS_URL: z.url().optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  /** Longest accepted token lifetime (`exp` − `iat`, and age since `iat`), ISO 8601 duration. */
  JWT_MAX_LIFETIME: z
    .string()
    .refine((v) => isValidDuration(v) && parseDuration(v) > 0, 'a positive ISO 8601 duration such as PT12H')
    .default('PT12H'),
  /**
   * Key of the page-token MAC. Defaults to JWT_SECRET; JWKS deployments (no shared secret) set it
   * so that page tokens work across API instances. The API refuses to start in production without one.
   */
  PAGE_TOKEN_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** Notifications. No SMTP_URL: mails are written to the outbox folder, never dropped. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).default('Koordinasi <noreply@koordinasi.example>'),
  /** Base of links in notifications and of the OpenAPI server; default: the API's own HOST:PORT. */
  PUBLIC_BASE_URL: z.url().optional(),
  /**
   * Web pages (docs/ARCHITECTURE.md#web-app-and-sign-in): the key behind sessions, CSRF tokens and email links (at least 32
   * characters). Unset outside production: derived from JWT_SECRET; with neither, pages cannot
   * sign anyone in. Required in production.
   */
  WEB_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** How long a page sign-in lasts (ISO 8601 duration). */
  SESSION_TTL: z.string().refine(isValidDuration, 'an ISO 8601 duration such as PT8H').default('PT8H'),
  /** OpenID Connect sign-in for staff: issuer URL, client id and secret; claims carrying organization and roles. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().min(1).default('openid profile email'),
  OIDC_ORG_CLAIM: z.string().min(1).default('org'),
  OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
  /** Links in notifications: `on` (participants answer through them), `view-only`, `off` (sign-in needed). */
  EMAIL_LINK_ACCESS: z.enum(EMAIL_LINK_SETTINGS).default('on'),
  /** Lifetime of an email link (ISO 8601 duration); links also stop working when the request closes. */
  EMAIL_LINK_TTL: z.string().refine(isValidDuration, 'an ISO 8601 duration such as P14D').default('P14D'),
  /** Limits. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Per client address, on /metrics, /openapi.json and /docs (no token there). */
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  /** Web pages: per signed-in person (or email link), else per client address. */
  WEB_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  BODY_LIMIT: z.string().default('100kb'),
  /** Attachments (lampiran): largest file in bytes, and most files per request (with its revisions). */
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  ATTACHMENT_MAX_COUNT: z.coerce.number().int().min(1).max(20).default(5),
  /**
   * Per organization: uploads no request has claimed yet, at most this many bytes and files
   * together (429 beyond; claimed or swept uploads make room again).
   */
  ATTACHMENT_UNCLAIMED_MAX_BYTES: z.coerce.number().int().min(1).default(100 * 1024 * 1024),
  ATTACHMENT_UNCLAIMED_MAX_COUNT: z.coerce.number().int().min(1).default(50),
  /** Per caller (organization + user): uploads (API calls, form posts with files) per minute. */
  ATTACHMENT_UPLOAD_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Uploads no request claimed are deleted after this long (ISO 8601 duration, at least a minute). */
  ATTACHMENT_UNUSED_TTL: z
    .string()
    .refine((v) => isValidDuration(v) && parseDuration(v) >= 60_000, 'an ISO 8601 duration of at least a minute, such as P1D')
    .default('P1D'),
  /**
   * Frequency floors (docs/ARCHITECTURE.md#frequency-floors): the closest two reminders of a step
   * may be, and the closest two occurrences of a schedule (ISO 8601 durations). Tests and demos that
   * play a coordination in seconds set them lower (PT1S).
   */
  MIN_REMINDER_INTERVAL: positiveDuration('PT1H').default('PT1H'),
  MIN_SCHEDULE_INTERVAL: positiveDuration('PT1H').default('PT1H'),
  /** Most notifications one organization gets about one request per day and channel; the rest are skipped and logged. */
  MAX_MAILS_PER_RECIPIENT_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Development convenience: print a ready token at start (never in production). */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /**
   * Workflow runs the worker keeps in memory (sticky cache). About 0.2 MiB each on top of ~400 MiB:
   * 1,000 keeps a worker with 10,000 open requests under 1 GiB (docs/PERFORMANCE.md); a request
   * not cached is replayed from history on its next task or query.
   */
  WORKER_CACHE_SIZE: z.coerce.number().int().positive().default(1000),
  /**
   * Worker: where the Temporal SDK serves its own Prometheus metrics (workflow/activity task
   * latencies, cache, pollers), host:port; off when unset. The API's /metrics covers HTTP.
   */
  WORKER_METRICS_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, 'host:port, e.g. 127.0.0.1:9464')
    .optional(),
});

export type Config = Omit<z.infer<typeof configSchema>, 'PUBLIC_BASE_URL'> & { PUBLIC_BASE_URL: string };

export class ConfigError extends Error {}

/** Parse the environment; throws ConfigError listing every bad variable and what it allows. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  if (cfg.JWKS_URL && (!cfg.JWT_ISSUER || !cfg.JWT_AUDIENCE)) {
    throw new ConfigError('invalid configuration:\n  JWKS_URL: needs JWT_ISSUER and JWT_AUDIENCE as well');
  }
  if (cfg.OIDC_ISSUER && !cfg.OIDC_CLIENT_ID) {
    throw new ConfigError('invalid configuration:\n  OIDC_ISSUER: needs OIDC_CLIENT_ID (and usually OIDC_CLIENT_SECRET) as well');
  }
  if (cfg.WORKING_HOURS_START >= cfg.WORKING_HOURS_END) {
    throw new ConfigError('invalid configuration:\n  WORKING_HOURS_START: must be before WORKING_HOURS_END');
  }
  if (cfg.NODE_ENV === 'production') productionChecks(cfg);
  // Links must reach this API even when only PORT was changed.
  const host = cfg.HOST === '0.0.0.0' || cfg.HOST === '::' ? '127.0.0.1' : cfg.HOST;
  return { ...cfg, PUBLIC_BASE_URL: cfg.PUBLIC_BASE_URL ?? `http://${host}:${cfg.PORT}` };
}

/**
 * Production serves people over the network: the pages' keys come from their own long secret (not
 * the 16-character JWT_SECRET a development setup may use), and the public address is https, so
 * session cookies are `Secure` with the `__Host-` prefix and HSTS is sent.
 */
function productionChecks(cfg: z.infer<typeof configSchema>): void {
  const problems: string[] = [];
  if (!cfg.WEB_SECRET) problems.push('  WEB_SECRET: required in production (at least 32 characters, e.g. openssl rand -base64 32)');
  if (!cfg.PUBLIC_BASE_URL) problems.push('  PUBLIC_BASE_URL: required in production (the https:// address people open)');
  else if (new URL(cfg.PUBLIC_BASE_URL).protocol !== 'https:') problems.push('  PUBLIC_BASE_URL: must be https:// in production');
  if (problems.length) throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
}
