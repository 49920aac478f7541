/**
 * The staff addresses behind answers made through email links, and who sees them. An answer
 * through a link is recorded with the address the link was sent to (the actor `email:<address>`
 * in the state and timeline, and `data.address` of its timeline event). The requester's
 * organization (and admins) asked for the answer and see the full address; every other reader —
 * tembusan, supervisors, other participants, their email links — sees the organization and a
 * masked address (`b***@pemkab-sumbawa.go.id`): enough to tell answers apart, not a list of staff
 * addresses to harvest. One home for the masking and for that decision: RequestReads and the
 * action responses call `forReader`, so the API's JSON and the pages show the same.
 */
import { isRequesterOrAdmin } from '../domain/requester';
import type { Actor, OrgId } from '../domain/types';

const LINK_ACTOR = 'email:';
/** Fields of the state and timeline that name an actor (`email:<address>` for a link's answer). */
const ACTOR_FIELDS: ReadonlySet<string> = new Set(['sub', 'respondedBy', 'setBy', 'askedBy']);

/** `budi@pemkab-sumbawa.go.id` → `b***@pemkab-sumbawa.go.id` (the domain names the organization's mail, not a person). */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at > 0 ? `${address[0]}***${address.slice(at)}` : '***';
}

/** Whether this reader sees the full addresses of a request whose requester is `requester`. */
export const seesAnswerAddresses = (reader: Actor, requester: OrgId): boolean => isRequesterOrAdmin(reader, requester);

/** `body` (a state, or timeline events) as this reader may see it: unchanged for the requester, else with link addresses masked. */
export function forReader<T>(reader: Actor, requester: OrgId, body: T): T {
  return seesAnswerAddresses(reader, requester) ? body : (masked(body) as T);
}

function masked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(masked);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(obj)) {
    if (typeof v === 'string' && ACTOR_FIELDS.has(key) && v.startsWith(LINK_ACTOR)) out[key] = `${LINK_ACTOR}${maskAddress(v.slice(LINK_ACTOR.length))}`;
    else if (typeof v === 'string' && key === 'address' && obj.via === 'email-link') out[key] = maskAddress(v);
    else out[key] = masked(v);
  }
  return out;
}
