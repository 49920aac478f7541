/**
 * CSRF protection of every state-changing form: a token bound to the session (HMAC of its id,
 * in a hidden field) AND a same-origin check of the browser's own headers (Sec-Fetch-Site when
 * sent, else Origin, which must be PUBLIC_BASE_URL's). Either alone has gaps (old browsers,
 * token leaks); together they hold.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { deriveKey } from '../links/keys';

export const CSRF_FIELD = '_csrf';

export class Csrf {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly publicOrigin: string,
  ) {
    this.key = deriveKey(secret, 'csrf');
  }

  tokenFor(sid: string): string {
    return createHmac('sha256', this.key).update(sid).digest('base64url');
  }

  /** Why the request is refused, or null when it is a genuine same-origin form post. */
  problem(req: Request, sid: string): string | null {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return `cross-site form post (Sec-Fetch-Site: ${String(site)})`;
    const origin = req.headers.origin;
    // Only the public address counts as this site: the request's own Host header is the
    // client's to write (a rebound DNS name, a proxy passing it through), so an Origin equal to it
    // proves nothing.
    if (origin !== undefined && origin !== this.publicOrigin) return 'form post from another origin';
    const given = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (typeof given !== 'string') return 'missing CSRF token';
    const want = Buffer.from(this.tokenFor(sid));
    const got = Buffer.from(given);
    return got.length === want.length && timingSafeEqual(got, want) ? null : 'wrong CSRF token';
  }
}
