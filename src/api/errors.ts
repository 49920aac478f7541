/**
 * Turning anything thrown in a handler into a problem response. Temporal client errors are mapped
 * here so routes can simply `await` the client: unknown workflow → 404, validator rejection →
 * 409 with the validator's reason, engine unreachable → 503 with Retry-After. Client mistakes
 * never become a 500; only our own bugs do, and those are logged with the request id.
 */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { REJECTED_ACTION } from '../domain/failures';
import { isTemporalUnavailable } from '../temporal/sdk';
import { ProblemError, sendProblem } from './problem';

/** Seconds a client should wait before retrying when the engine is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/** True when the error means "Temporal could not be reached / did not answer in time". */
export const isUnavailable = isTemporalUnavailable;

export const unavailable = (): ProblemError =>
  new ProblemError('unavailable', 'the workflow engine (Temporal) is not reachable; retry later', { retryAfterSeconds: RETRY_AFTER_SECONDS });

/**
 * The validator's reason when an update was rejected by the workflow (ApplicationFailure of type
 * RejectedAction as cause), else undefined.
 */
export function rejectionReason(err: unknown): string | undefined {
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = err.cause;
  if (cause instanceof ApplicationFailure && cause.type === REJECTED_ACTION) return cause.message;
  return undefined;
}

/** Map an error from the Temporal client to a problem, or return it unchanged when unknown. */
export function fromTemporal(err: unknown): unknown {
  if (err instanceof ProblemError) return err;
  if (err instanceof WorkflowNotFoundError) return new ProblemError('notFound', 'no such coordination request');
  const reason = rejectionReason(err);
  if (reason !== undefined) return new ProblemError('conflict', reason);
  if (isUnavailable(err)) return unavailable();
  return err;
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    if (res.headersSent) {
      logger.error({ err, requestId }, 'error after the response started');
      res.end();
      return;
    }
    const mapped = fromTemporal(err);
    if (mapped instanceof ProblemError) {
      sendProblem(res, mapped, requestId);
      return;
    }
    const bp = err as BodyParserError;
    switch (bp?.type) {
      case 'entity.parse.failed':
        return sendProblem(res, new ProblemError('malformedJson', `the body is not valid JSON: ${bp.message}`), requestId);
      case 'entity.too.large':
        return sendProblem(res, new ProblemError('payloadTooLarge', 'the request body is larger than the server accepts'), requestId);
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return sendProblem(res, new ProblemError('unsupportedMediaType', bp.message), requestId);
    }
    if (err instanceof URIError) {
      // The router could not decode a path parameter (`/v1/coordination-requests/%`): the client's URL.
      return sendProblem(res, new ProblemError('validation', `malformed percent-encoding in the URL path: ${req.path}`), requestId);
    }
    if (bp?.expose && typeof bp.status === 'number' && bp.status >= 400 && bp.status < 500) {
      // Any other client error raised by Express or body-parser: keep its status class.
      return sendProblem(res, new ProblemError('validation', bp.message), requestId);
    }
    logger.error({ err, requestId }, 'unhandled error');
    sendProblem(res, new ProblemError('internal', 'an unexpected error occurred; it has been logged'), requestId);
  };
}
