/**
 * Page tokens handed to clients: Temporal's opaque visibility token, prefixed with an HMAC over
 * (visibility query, token). Why wrap it:
 * - a garbled or forged token never reaches Temporal (which answers those after ~20 s with a
 *   generic UNKNOWN error) but is a prompt 400;
 * - a token only continues the listing it came from: reused with other filters, or by a caller
 *   with another scope (the scope is part of the query), it is refused.
 * The key comes from a configured secret (PAGE_TOKEN_SECRET, else JWT_SECRET), so tokens work across
 * API instances. Without either (a JWKS deployment outside production) each process draws a random
 * key: tokens then only continue on the instance that issued them, but can never be forged.
 * The API refuses to start in production without a configured secret.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthConfigError } from './auth';

const MAC_BYTES = 16;

export class PageTokens {
  private readonly key: Buffer;

  constructor(secret: string | undefined) {
    this.key = secret ? Buffer.from(`koordinasi/page-token/${secret}`) : randomBytes(32);
  }

  static fromConfig(config: { PAGE_TOKEN_SECRET?: string; JWT_SECRET?: string; NODE_ENV: string }): PageTokens {
    const secret = config.PAGE_TOKEN_SECRET ?? config.JWT_SECRET;
    if (!secret && config.NODE_ENV === 'production') {
      throw new AuthConfigError('PAGE_TOKEN_SECRET is required in production (at least 16 characters) when JWT_SECRET is not set');
    }
    return new PageTokens(secret);
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
