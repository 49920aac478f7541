/**
 * Registers the coordination workflow's custom search attributes on an existing cluster, through
 * the operator service, so listing works there as on the dev server (which gets them by flag).
 *
 * Idempotent: only missing attributes are added, and a concurrent "already exists" (two workers
 * starting together) is fine. Temporal Cloud refuses the operator service to API keys/mTLS certs of
 * workers; there we log exactly what to create (UI or `tcld`) instead of failing start-up.
 */
import type { Connection } from '@temporalio/client';
import { isGrpcServiceError } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import type { Logger } from 'pino';
import { ALL_SEARCH_ATTRIBUTE_KEYS } from '../domain/searchAttributes';

export type RegistrationOutcome = { outcome: 'ok'; added: string[] } | { outcome: 'skipped'; reason: string };

export class SearchAttributeMismatchError extends Error {}

// gRPC status codes (numbers fixed by the gRPC spec; @grpc/grpc-js is not our direct dependency).
const ALREADY_EXISTS = 6;

/** The SDK type name of a server-side IndexedValueType number (the SDK exports only the encoder). */
function typeName(indexed: unknown): string {
  return Object.values(SearchAttributeType).find((t) => encodeSearchAttributeIndexedValueType(t) === indexed) ?? String(indexed);
}
const REFUSED = new Set<number>([7 /* PERMISSION_DENIED */, 12 /* UNIMPLEMENTED */, 16 /* UNAUTHENTICATED */]);

export async function registerSearchAttributes(connection: Connection, namespace: string, logger: Logger): Promise<RegistrationOutcome> {
  const wanted = ALL_SEARCH_ATTRIBUTE_KEYS.map((k) => ({ name: k.name, type: k.type }));
  const describe = wanted.map((w) => `${w.name}=${w.type}`).join(', ');
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const custom = existing.customAttributes ?? {};
    const mismatched = wanted.filter((w) => w.name in custom && typeName(custom[w.name]) !== w.type);
    if (mismatched.length) {
      const got = mismatched.map((w) => `${w.name} is ${typeName(custom[w.name])}, needs ${w.type}`);
      throw new SearchAttributeMismatchError(`search attributes of namespace ${namespace} have the wrong type: ${got.join('; ')}`);
    }
    const missing = wanted.filter((w) => !(w.name in custom));
    if (!missing.length) return { outcome: 'ok', added: [] };
    try {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map((m) => [m.name, encodeSearchAttributeIndexedValueType(m.type)!])),
      });
    } catch (err) {
      if (!(isGrpcServiceError(err) && err.code === ALREADY_EXISTS)) throw err;
    }
    logger.info({ namespace, added: missing.map((m) => m.name) }, 'registered custom search attributes');
    return { outcome: 'ok', added: missing.map((m) => m.name) };
  } catch (err) {
    if (isGrpcServiceError(err) && err.code !== undefined && REFUSED.has(err.code)) {
      const reason =
        `the server refused the operator service (${err.details ?? err.message}); on Temporal Cloud create these ` +
        `search attributes in namespace ${namespace} yourself (UI or tcld): ${describe}`;
      logger.warn(reason);
      return { outcome: 'skipped', reason };
    }
    throw err;
  }
}
