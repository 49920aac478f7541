/**
 * Staff sign-in with OpenID Connect: authorization code flow with PKCE (S256), state and nonce,
 * through `openid-client`. The pending sign-in (verifier, state, nonce, where to return) waits in
 * the encrypted session cookie; the callback exchanges the code, reads the organization and roles
 * from the configured ID-token claims, checks them against the directory and the API's roles,
 * and starts a new session. Discovery happens at the first sign-in, so the pages start even while
 * the identity provider is down.
 */
import type { Router } from 'express';
import * as oidc from 'openid-client';
import { ROLES } from '../../api/auth';
import { pageContext, replaceSession, type WebServices } from '../context';
import { errorPage, safeNext } from './guards';

export const OIDC_CALLBACK_PATH = '/sign-in/oidc/callback';

/** Plain http only for a provider on this machine (development, tests); anything else must be https. */
const isLoopback = (u: URL): boolean => u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);

function claimList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string') return v.split(/[\s,]+/).filter(Boolean);
  return [];
}

export function oidcRoutes(router: Router, services: WebServices): boolean {
  const { config, directory, logger } = services;
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID) return false;
  const issuer = new URL(config.OIDC_ISSUER);
  const redirectUri = new URL(OIDC_CALLBACK_PATH, config.PUBLIC_BASE_URL).toString();
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = (): Promise<oidc.Configuration> =>
    (discovered ??= oidc
      .discovery(issuer, config.OIDC_CLIENT_ID!, config.OIDC_CLIENT_SECRET, undefined, isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {})
      .catch((err: unknown) => {
        discovered = undefined; // try again at the next sign-in
        throw err;
      }));

  router.get('/sign-in/oidc', async (req, res) => {
    const ctx = pageContext(res);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    let url: URL;
    try {
      url = oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: config.OIDC_SCOPES,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'OpenID provider unreachable');
      return errorPage(res, 503, ctx.t.errors.unavailable);
    }
    await replaceSession(res, services, { ...ctx.session, oidc: { verifier, state, nonce, next: safeNext(req.query.next) } });
    res.redirect(303, url.toString());
  });

  router.get(OIDC_CALLBACK_PATH, async (req, res) => {
    const ctx = pageContext(res);
    const pending = ctx.session.oidc;
    if (!pending) return res.redirect(303, '/sign-in?failed=1');
    let claims: Record<string, unknown>;
    try {
      const current = new URL(req.originalUrl, config.PUBLIC_BASE_URL);
      const tokens = await oidc.authorizationCodeGrant(await configuration(), current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'OpenID sign-in failed');
      return res.redirect(303, '/sign-in?failed=1');
    }
    const org = claims[config.OIDC_ORG_CLAIM];
    // No roles claim: staff. A roles claim must name one of the API's roles.
    const rolesClaim = claims[config.OIDC_ROLES_CLAIM];
    const roles = rolesClaim === undefined ? ['staff'] : claimList(rolesClaim).filter((r) => (ROLES as readonly string[]).includes(r));
    if (typeof org !== 'string' || !directory.has(org) || roles.length === 0) {
      logger.warn({ org: typeof org === 'string' ? org : null, roles }, 'OpenID sign-in refused: organization or roles not usable');
      return errorPage(res, 403, ctx.t.errors.forbidden);
    }
    const sub = String(claims.sub);
    const name = typeof claims.name === 'string' ? claims.name : typeof claims.email === 'string' ? claims.email : sub;
    await replaceSession(res, services, services.sessions.fresh({ user: { sub, org, roles, name, via: 'oidc' } }));
    res.redirect(303, pending.next);
  });
  return true;
}
