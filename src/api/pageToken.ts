/**
 * Page tokens handed to clients: Temporal's opaque visibility token, prefixed with an HMAC over
 * (visibility query, token). Why wrap it:
 * - a garbled or forged token never reaches Temporal (which answers those after ~20 s with a
 *   generic UNKNOWN error) but is a prompt 400;
 * - a token only continues the listing it came from: reused with other filters, or by a caller
 *   with another scope (the scope is part of the query), it is refused.
 * The key is JWT_SECRET when set, so tokens work across API instances; in JWKS mode there is no
 * shared secret and the MAC is an integrity check only — scope is enforced anyway, because the
 * query is always rebuilt from the caller's own token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAC_BYTES = 16;

export class PageTokens {
  private readonly key: Buffer;

  constructor(secret: string | undefined) {
    this.key = Buffer.from(`koordinasi/page-token/${secret ?? ''}`);
  }

  private mac(query: string, raw: Uint8Array): Buffer {
    return createHmac('sha256', this.key).update(query).update('\n').update(raw).digest().subarray(0, MAC_BYTES);
  }

  encode(query: string, raw: Uint8Array | null | undefined): string | null {
    if (!raw || raw.length === 0) return null;
    return Buffer.concat([this.mac(query, raw), Buffer.from(raw)]).toString('base64url');
  }

  /** Temporal's token, or null when the token is not one we issued for this query. */
  decode(query: string, token: string): Buffer | null {
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length <= MAC_BYTES) return null;
    const raw = bytes.subarray(MAC_BYTES);
    return timingSafeEqual(bytes.subarray(0, MAC_BYTES), this.mac(query, raw)) ? raw : null;
  }
}
