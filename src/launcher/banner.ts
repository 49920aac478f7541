/**
 * The banner `npm start` and `npm run cluster` print when everything is up: one aligned row per
 * address, and the development token rows (the one rule for printing a token, `mayPrintDevToken`).
 */
import path from 'node:path';
import { signDevToken } from '../api/auth';
import type { Config } from '../config';
import type { Directory } from '../directory/directory';
import { mayPrintDevToken } from '../process/devSecret';

export type BannerRow = [label: string, value: string];

export function banner(title: string, rows: BannerRow[]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  const body = rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
  return `\n${title}\n${body}\nPress Ctrl-C to stop.\n\n`;
}

/** Relative to the working directory when inside it, else absolute. */
export function shortPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/**
 * Rows about development tokens, only when the launcher generated the secret itself
 * (`secretFile`): a staff token (never admin) for the first organization, valid 8 hours, when a
 * person reads the terminal; always the command that makes more.
 */
export async function devTokenRows(config: Config, directory: Directory, secretFile: string | undefined): Promise<BannerRow[]> {
  if (!secretFile || !config.JWT_SECRET) return [];
  const rows: BannerRow[] = [];
  if (mayPrintDevToken({ secretFile, stdoutIsTTY: Boolean(process.stdout.isTTY) })) {
    const org = directory.organizations[0].id;
    const token = await signDevToken(config.JWT_SECRET, { sub: 'dev', org, roles: ['staff'] }, {
      expiresIn: '8h',
      ...(config.JWT_ISSUER ? { issuer: config.JWT_ISSUER } : {}),
      ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
    });
    rows.push([`Dev token (${org}, staff, 8 h)`, token]);
  }
  // `npm run token` reads the same secret from DATA_DIR, so it needs the same DATA_DIR.
  const dataDir = path.resolve(config.DATA_DIR) === path.resolve('data') ? '' : `DATA_DIR=${config.DATA_DIR} `;
  rows.push(['More tokens', `${dataDir}npm run token -- --org <id> --sub <user> [--role admin] [--ttl 8h]`]);
  return rows;
}
