/**
 * One pino logger per process. JSON lines to stdout (what log collectors expect) everywhere except
 * a person's terminal in development, where `pino-pretty` prints one readable line per event so
 * that `npm start`'s banner is not buried under JSON.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config';

/** Readable lines only for a terminal outside production; a pipe or a file always gets JSON. */
export function wantsPrettyLogs(config: Pick<Config, 'NODE_ENV'>, stdoutIsTTY: boolean): boolean {
  return config.NODE_ENV !== 'production' && stdoutIsTTY;
}

export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>, name = 'koordinasi'): Logger {
  const options = { name, level: config.LOG_LEVEL };
  if (!wantsPrettyLogs(config, Boolean(process.stdout.isTTY))) return pino(options);
  // In-process and synchronous (no transport thread): lines keep their order with the banner, and
  // nothing is lost when the process exits right after logging.
  return pino(options, pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }));
}
