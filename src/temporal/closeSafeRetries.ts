/**
 * The Temporal client's gRPC retries, made safe to close under.
 *
 * `@temporalio/client` retries a failed call (UNAVAILABLE and the like) from a `setTimeout`, and
 * `Connection.close()` does not clear those timers. A retry that fires after the close asks the
 * closed channel for a new call; grpc-js throws "Channel has been shut down" synchronously inside
 * the timer, off every awaited path, and the process gets an uncaught exception (a server stopping
 * mid-request, a test file that closed its connection while a call to an unreachable server was
 * backing off). This keeps the SDK's own retry policy and only changes that last step: the closed
 * channel's refusal becomes the call's final status, CANCELLED, which is not retried and reaches
 * the caller like any other failed call.
 */
import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions, type ConnectionPlugin } from '@temporalio/client';

type Interceptor = NonNullable<ConnectionOptions['interceptors']>[number];
type NextCall = Parameters<Interceptor>[1];
type Call = ReturnType<NextCall>;

/** gRPC status CANCELLED (not in the retryable set). */
const CANCELLED = 1;
const SHUT_DOWN = /Channel has been shut down/;

/** A call that never reaches a channel: it ends at once with CANCELLED and the channel's message. */
function refusedCall(reason: string): Call {
  return {
    start(metadata, listener) {
      setImmediate(() => listener?.onReceiveStatus?.({ code: CANCELLED, details: reason, metadata }));
    },
    sendMessage() {},
    sendMessageWithContext() {},
    startRead() {},
    halfClose() {},
    cancelWithStatus() {},
    getPeer: () => '',
    getAuthContext: () => null,
  } as Call;
}

const sdkRetries = makeGrpcRetryInterceptor(defaultGrpcRetryOptions());

export const closeSafeRetryInterceptor: Interceptor = (options, nextCall) =>
  sdkRetries(options, (callOptions) => {
    try {
      return nextCall(callOptions);
    } catch (err) {
      if (err instanceof Error && SHUT_DOWN.test(err.message)) return refusedCall(err.message);
      throw err;
    }
  });

/** For connections made by others (the test environment's): installs the interceptor above. */
export const closeSafeRetries: ConnectionPlugin = {
  name: 'koordinasi-close-safe-retries',
  configureConnection: (options) => ({ ...options, interceptors: [closeSafeRetryInterceptor] }),
};
