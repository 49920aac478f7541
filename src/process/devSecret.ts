/**
 * Development identity for `npm start` with no authentication configured: the API refuses to run
 * without JWT_SECRET or JWKS, but a newcomer's first `npm start` must just work. Outside
 * production we create a random HS256 secret once, keep it in DATA_DIR (so tokens survive a
 * restart), and the launcher may print a ready token (see `mayPrintDevToken`). Never used when
 * NODE_ENV=production.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';

export const DEV_SECRET_FILE = 'dev-jwt-secret';

/** The config with a development JWT_SECRET filled in when nothing else is configured. */
export function withDevSecret(config: Config): { config: Config; secretFile?: string } {
  if (config.NODE_ENV === 'production' || config.JWT_SECRET || config.JWKS_URL) return { config };
  const file = path.join(config.DATA_DIR, DEV_SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(config.DATA_DIR, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  }
  return { config: { ...config, JWT_SECRET: readFileSync(file, 'utf8').trim() }, secretFile: file };
}

/**
 * A token may be printed only for the secret we invented ourselves (`secretFile` set by
 * `withDevSecret`: never an operator's JWT_SECRET, which would make a valid token for a real
 * deployment), and only to a person at a terminal: piped or redirected stdout usually ends in a
 * log collector, where a bearer token must never land.
 */
export function mayPrintDevToken(opts: { secretFile?: string; stdoutIsTTY: boolean }): boolean {
  return Boolean(opts.secretFile) && opts.stdoutIsTTY;
}
