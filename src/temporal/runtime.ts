/**
 * Routes the Temporal SDK's own logs (worker, core bridge) into our pino logger, so one process
 * writes one log format. Must run before the first NativeConnection is made.
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';

const levels: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'ERROR', silent: 'ERROR' };

/**
 * @param metricsAddress host:port for the SDK's Prometheus exporter (worker metrics); none when
 * undefined. Only the first install in a process counts, so the worker's wish must come first.
 */
export function installTemporalRuntime(logger: Logger, metricsAddress?: string): void {
  const sdk = logger.child({ component: 'temporal-sdk' });
  const sdkLogger = new DefaultLogger(levels[logger.level] ?? 'INFO', ({ level, message, meta }) => {
    const method = level === 'TRACE' ? 'trace' : level === 'DEBUG' ? 'debug' : level === 'INFO' ? 'info' : level === 'WARN' ? 'warn' : 'error';
    sdk[method](meta ?? {}, message);
  });
  try {
    Runtime.install({
      logger: sdkLogger,
      ...(metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } } : {}),
    });
  } catch {
    // Already installed in this process (tests, or a second call): keep the first one.
  }
}
