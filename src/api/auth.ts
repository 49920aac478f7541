/**
 * Bearer JWT authentication (docs/ARCHITECTURE.md#http-contract-and-identity). Two modes, picked from the configuration:
 * - development: HS256 with JWT_SECRET (tokens minted by `npm run token`);
 * - production: a JWKS URL with issuer and audience (an OIDC provider); JWKS wins when both are set
 *   so a leftover development secret can never mint tokens a production server accepts.
 * Claims: `sub` (user), `org` (organization id in the directory), `roles` (`staff`, `admin`).
 * The caller's organization comes from here and nowhere else.
 */
import type { NextFunction, Request, Response } from 'express';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { Config } from '../config';
import type { Directory } from '../directory/directory';
import { parseDuration } from '../domain/duration';
import type { Actor } from '../domain/types';
import { ProblemError } from './problem';

export const ROLES = ['staff', 'admin'] as const;

const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  org: z.string().min(1).max(64),
  roles: z.array(z.string().max(50)).max(20).default([]),
});

export type Verifier = (token: string) => Promise<Actor>;

/** Clocks of the token issuer and this server may differ this much (seconds). */
export const CLOCK_SKEW_SECONDS = 60;

export class AuthConfigError extends Error {}

/**
 * Verified tokens are remembered (by their exact text) for at most this long, so a client that
 * sends the same token call after call pays the signature check once: it was the largest CPU cost
 * of a read. Short, because a key withdrawn from the JWKS should stop working soon; `exp` and the
 * lifetime rules are still checked on every call.
 */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 10_000;

export function createVerifier(config: Config): Verifier {
  const options = {
    ...(config.JWT_ISSUER ? { issuer: config.JWT_ISSUER } : {}),
    ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
  };
  // Every token says when it was issued and when it expires, and lives at most JWT_MAX_LIFETIME:
  // a leaked token without `exp` (or issued "in the future") would otherwise work for ever.
  const maxLifetimeSeconds = Math.floor(parseDuration(config.JWT_MAX_LIFETIME) / 1000);
  const lifetime = { requiredClaims: ['exp', 'iat'] };
  let verify: (token: string) => Promise<JWTPayload>;
  if (config.JWKS_URL) {
    const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.JWKS_URL));
    // Asymmetric algorithms only: an HS256 token "signed" with a public key must never pass.
    verify = async (t) => (await jwtVerify(t, jwks, { ...options, ...lifetime, algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'] })).payload;
  } else if (config.JWT_SECRET) {
    const key = new TextEncoder().encode(config.JWT_SECRET);
    verify = async (t) => (await jwtVerify(t, key, { ...options, ...lifetime, algorithms: ['HS256'] })).payload;
  } else {
    throw new AuthConfigError('no authentication configured: set JWT_SECRET (development) or JWKS_URL + JWT_ISSUER + JWT_AUDIENCE');
  }
  const verified = new LRUCache<string, JWTPayload>({ max: VERIFIED_MAX, ttl: VERIFIED_TTL_MS });
  return async (token) => {
    let payload = verified.get(token);
    try {
      if (!payload) {
        payload = await verify(token);
        verified.set(token, payload);
      }
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new ProblemError('unauthenticated', 'the token has expired');
      if (err instanceof joseErrors.JWTClaimValidationFailed && (err.claim === 'exp' || err.claim === 'iat')) {
        throw new ProblemError('unauthenticated', 'the token needs the claims "exp" and "iat"');
      }
      if (err instanceof joseErrors.JOSEError) throw new ProblemError('unauthenticated', 'the token is not valid');
      throw err; // e.g. the JWKS endpoint is down: not the caller's fault
    }
    // `exp` is honoured to the second; the skew only forgives an issuer whose clock runs ahead.
    const { iat, exp } = payload as { iat: number; exp: number };
    const nowSeconds = Math.floor(Date.now() / 1000);
    // Checked here too, for a token remembered from before it expired.
    if (exp <= nowSeconds) throw new ProblemError('unauthenticated', 'the token has expired');
    if (iat > nowSeconds + CLOCK_SKEW_SECONDS || exp - iat > maxLifetimeSeconds || nowSeconds - iat > maxLifetimeSeconds) {
      throw new ProblemError('unauthenticated', `the token needs a past "iat" and may live at most ${config.JWT_MAX_LIFETIME} from "iat" to "exp"`);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new ProblemError('unauthenticated', 'the token lacks the claims sub, org and roles');
    return claims.data;
  };
}

/** Express middleware: verify the bearer token, check the organization, put the caller in res.locals. */
export function authenticate(verifier: Verifier, directory: Directory) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header) : null;
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="koordinasi"');
      throw new ProblemError('unauthenticated', 'an Authorization: Bearer <token> header is required');
    }
    let caller: Actor;
    try {
      caller = await verifier(match[1]);
    } catch (err) {
      if (err instanceof ProblemError) res.setHeader('WWW-Authenticate', 'Bearer realm="koordinasi", error="invalid_token"');
      throw err;
    }
    // Authentic but useless tokens are a matter of permission, not identity: 403.
    if (!directory.has(caller.org)) throw new ProblemError('forbidden', `organization "${caller.org}" is not in the directory`);
    if (!caller.roles.some((r) => (ROLES as readonly string[]).includes(r))) {
      throw new ProblemError('forbidden', `the token carries none of the roles ${ROLES.join(', ')}`);
    }
    res.locals.caller = caller;
    next();
  };
}

/** The authenticated caller (only on routes behind `authenticate`). */
export function callerOf(res: Response): Actor {
  const caller = res.locals.caller as Actor | undefined;
  if (!caller) throw new Error('route is not behind authenticate()');
  return caller;
}


/** Mint an HS256 development token (used by `npm run token` and by tests). */
export async function signDevToken(
  secret: string,
  claims: { sub: string; org: string; roles: string[] },
  opts: { expiresIn?: string | number; issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({ org: claims.org, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '8h');
  if (opts.issuer) jwt = jwt.setIssuer(opts.issuer);
  if (opts.audience) jwt = jwt.setAudience(opts.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
