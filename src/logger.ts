/** One pino logger per process, JSON lines to stdout (what log collectors expect in production). */
import pino, { type Logger } from 'pino';
import type { Config } from './config';

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, name = 'koordinasi'): Logger {
  return pino({ name, level: config.LOG_LEVEL });
}
