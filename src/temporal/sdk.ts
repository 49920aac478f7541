/**
 * The few Temporal SDK details the application needs beyond the SDK's public surface, in one
 * place: gRPC status codes of client errors and "the workflow does not exist" in its several forms.
 * An SDK upgrade that moves these breaks here only.
 */
import { WorkflowNotFoundError } from '@temporalio/common';

/** gRPC status codes we branch on (see @grpc/grpc-js `status`). */
const GRPC = { INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14 } as const;

/** gRPC status code of an error or of any error in its cause chain. */
export function grpcCode(err: unknown): number | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The workflow (execution) does not exist: the SDK's error, or a bare NOT_FOUND from the service. */
export function isWorkflowNotFound(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || grpcCode(err) === GRPC.NOT_FOUND || (err instanceof Error && err.name === 'WorkflowNotFoundError');
}

/** Temporal could not be reached, or did not answer in time. */
export function isTemporalUnavailable(err: unknown): boolean {
  const code = grpcCode(err);
  if (code === GRPC.UNAVAILABLE || code === GRPC.DEADLINE_EXCEEDED || code === GRPC.RESOURCE_EXHAUSTED) return true;
  // Connection set-up failures surface as plain errors before any gRPC status exists.
  const msg = err instanceof Error ? `${err.name} ${err.message}` : '';
  return /TransportError|ECONNREFUSED|Failed to connect|connection (?:refused|closed)/i.test(msg);
}
