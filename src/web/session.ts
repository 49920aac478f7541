/**
 * Page sessions in a cookie: encrypted and authenticated (JWE, dir + A256GCM, key derived from
 * the web secret), HttpOnly, SameSite=Lax, Secure (and `__Host-`) when the public address is
 * https, with a lifetime. Nothing is stored on the server, so any API process can serve any page.
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

export class Sessions {
  private readonly key: Uint8Array;
  readonly cookieName: string;

  constructor(
    secret: string,
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
      return s && typeof s.sid === 'string' ? { ...s, exp: Number(payload.exp) } : null;
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) return null; // expired, tampered, another key
      throw err;
    }
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
