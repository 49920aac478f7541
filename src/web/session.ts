/**
 * Page sessions in a cookie: encrypted and authenticated (JWE, dir + A256GCM, key derived from
 * the web secret), HttpOnly, SameSite=Lax, Secure (and `__Host-`) when the public address is
 * https, with a lifetime. A session that carries a sign-in or an email link also needs its row in
 * the records store (src/records/webSessions.ts), checked on every request by whichever API
 * process serves it: signing out deletes the row, so the old cookie opens nothing any more.
 *
 * Every visitor gets a session with a random `sid` (CSRF tokens are bound to it); signing in,
 * opening an email link or signing out replaces it with a new one (no session fixation).
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { EncryptJWT, errors as joseErrors, jwtDecrypt } from 'jose';
import { parse as parseCookies } from 'cookie';
import type { LinkGrant } from '../links/emailLinks';
import { deriveKey } from '../links/keys';
import type { WebSessionStore } from '../records/webSessions';

export interface SessionUser {
  sub: string;
  org: string;
  roles: string[];
  name: string;
  /** How the user signed in. */
  via: 'oidc' | 'dev';
}

/** An OpenID Connect sign-in under way: what the callback must find again. */
export interface PendingOidc {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export interface Session {
  sid: string;
  user?: SessionUser;
  link?: LinkGrant;
  oidc?: PendingOidc;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** Whether the session grants anything (a sign-in, an email link): only those have a server-side row. */
const privileged = (s: Session): boolean => !!(s.user || s.link);

export class Sessions {
  private readonly key: Uint8Array;
  readonly cookieName: string;

  constructor(
    secret: string,
    private readonly store: WebSessionStore,
    private readonly opts: { ttlSeconds: number; secure: boolean },
  ) {
    this.key = deriveKey(secret, 'session');
    this.cookieName = opts.secure ? '__Host-koordinasi' : 'koordinasi';
  }

  fresh(fields: Omit<Session, 'sid' | 'exp'> = {}, maxExp?: number): Session {
    const exp = Math.floor(Date.now() / 1000) + this.opts.ttlSeconds;
    return { ...fields, sid: randomBytes(18).toString('base64url'), exp: maxExp ? Math.min(exp, maxExp) : exp };
  }

  async read(req: Request): Promise<Session | null> {
    const raw = parseCookies(req.headers.cookie ?? '')[this.cookieName];
    if (!raw || raw.length > 8192) return null;
    try {
      const { payload } = await jwtDecrypt(raw, this.key);
      const s = payload.s as Session | undefined;
      if (!s || typeof s.sid !== 'string') return null;
      const session = { ...s, exp: Number(payload.exp) };
      // Signed out (or replaced) since: a genuine cookie, but it no longer counts.
      return !privileged(session) || (await this.store.live(session.sid)) ? session : null;
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) return null; // expired, tampered, another key
      throw err;
    }
  }

  /** Replaces `old` by `next` on the server (the old one's row ends, the new one's starts) and in the cookie. */
  async replace(res: Response, old: Session, next: Session): Promise<void> {
    if (old.sid !== next.sid && privileged(old)) await this.store.end(old.sid);
    if (privileged(next)) await this.store.start(next.sid, next.exp);
    await this.write(res, next);
  }

  async write(res: Response, session: Session): Promise<void> {
    const { exp, ...s } = session;
    const value = await new EncryptJWT({ s }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setExpirationTime(exp).encrypt(this.key);
    res.cookie(this.cookieName, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.opts.secure,
      path: '/',
      maxAge: Math.max(0, exp * 1000 - Date.now()),
    });
  }
}
