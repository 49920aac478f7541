/**
 * Idempotent create without a second store.
 *
 * Request id: with an `Idempotency-Key` header or a client `id`, the request id is
 * `rq-` + the first 128 bits of SHA-256(requester org, key), so the same key from the same
 * organization always names the same workflow, two organizations using the same key never
 * collide (nor learn of each other), and whatever the client put in its key (it might be a name
 * or an e-mail) never reaches Temporal, whose workflow ids are stored and shown in plain text.
 * Without a key the id is random.
 *
 * Same body or not: the SHA-256 of the canonical JSON of the validated body (after defaults, so
 * `{}` and `{"workingHours":true}` are the same request) travels in the workflow memo. The start
 * uses conflict policy FAIL and reuse policy REJECT_DUPLICATE, so Temporal itself is the lock:
 * exactly one concurrent start wins; every loser gets WorkflowExecutionAlreadyStartedError, reads
 * the memo and answers 200 (same hash) or 409 (different hash). REJECT_DUPLICATE also keeps a
 * retry after the request closed from starting a second one.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OrgId } from '../domain/types';

export const MEMO_BODY_HASH = 'koordinasiBodyHash';

export function requestIdFor(requester: OrgId, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return `rq-${randomBytes(16).toString('hex')}`;
  const digest = createHash('sha256').update(`koordinasi/v1\n${requester}\n${idempotencyKey}`).digest('hex');
  return `rq-${digest.slice(0, 32)}`;
}

/** JSON with object keys sorted at every level, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const bodyHash = (body: unknown): string => createHash('sha256').update(canonicalJson(body)).digest('hex');

/**
 * What an idempotency key may be, for the API's Idempotency-Key header and the pages' form key
 * alike: 1 to 255 printable ASCII characters without spaces.
 */
export const IDEMPOTENCY_KEY = { chars: /^[\x21-\x7e]+$/, maxLength: 255 } as const;

/** A form field or header as an idempotency key: the value when it is one, else none. */
export const idempotencyKeyOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length >= 1 && value.length <= IDEMPOTENCY_KEY.maxLength && IDEMPOTENCY_KEY.chars.test(value) ? value : undefined;

/**
 * Update id of a state-changing action retried with an Idempotency-Key: Temporal runs an update
 * once per id and hands a retry the first outcome. Scoped like request ids (caller organization,
 * request, action) and bound to the body, so the same key with another body is a new action
 * (which the workflow then judges on its own), never a false "done".
 */
export function actionUpdateIdFor(caller: OrgId, requestId: string, action: string, idempotencyKey: string, body: unknown): string {
  const digest = createHash('sha256').update(`koordinasi/v1/action\n${caller}\n${requestId}\n${action}\n${idempotencyKey}\n${bodyHash(body)}`).digest('hex');
  return `act-${digest.slice(0, 32)}`;
}
