/**
 * The web app for people (docs/ARCHITECTURE.md#web-app-and-sign-in), mounted on the API's Express app at `/` (the JSON API stays
 * at /v1). Server-rendered pages over the API's own services and authorization rules; htmx (from
 * node_modules, pinned) only to follow changes on the request page; everything else is plain
 * HTML forms, so the core actions work without JavaScript.
 */
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express, type NextFunction, type Request, type Response } from 'express';
import { fromTemporal } from '../api/errors';
import { ProblemError } from '../api/problem';
import { parsePositiveDuration } from '../domain/duration';
import { emailLinksFor } from '../links/emailLinks';
import { webSecretOf } from '../links/keys';
import { pageContext, pageContextMiddleware, type WebDeps, type WebServices } from './context';
import { Csrf } from './csrf';
import { contentSecurityPolicy } from './render';
import { createRoutes } from './routes/create';
import { emailLinkRoutes } from './routes/emailLink';
import { errorPage } from './routes/guards';
import { listRoutes } from './routes/lists';
import { oidcRoutes } from './routes/oidc';
import { overviewRoutes } from './routes/overview';
import { requestPageRoutes } from './routes/requestPage';
import { scheduleFormRoutes } from './routes/scheduleForm';
import { scheduleRoutes } from './routes/schedules';
import { signInRoutes } from './routes/signIn';
import { stageRoutes } from './routes/stages';
import { uploadRoutes } from './routes/uploads';
import { Sessions } from './session';
import { perMinute } from '../api/rateLimits';
import { WebSessionStore } from '../records/webSessions';

export type { WebDeps } from './context';

const HTMX = require.resolve('htmx.org/dist/htmx.min.js');
const STATIC_DIR = path.join(__dirname, 'static');

/** Mount the pages on `app` (after the API's routes, before its 404 handler). */
export function mountWeb(app: Express, deps: WebDeps): void {
  const { config, logger } = deps;
  const secret = webSecretOf(config);
  const base = new URL(config.PUBLIC_BASE_URL);
  const https = base.protocol === 'https:';
  const router = express.Router();

  // Pages and assets only: the API keeps its own 404s and problem+json answers.
  router.use((req: Request, _res: Response, next: NextFunction) => (req.path === '/v1' || req.path.startsWith('/v1/') ? next('router') : next()));
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(https));
    // Same-origin form posts must carry their Origin (the CSRF check reads it); other sites
    // still get no Referer. The email-link page sends the origin at most (never its token).
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  router.get('/assets/htmx.min.js', (_req, res) => res.sendFile(HTMX, { maxAge: '1d' }));
  router.use('/assets', express.static(STATIC_DIR, { maxAge: '1h', index: false }));

  if (!secret) {
    // Without a secret no session can be trusted: say so instead of half-working pages.
    router.use((_req, res) => {
      res.status(503).type('text').send('Web sign-in is not configured: set WEB_SECRET (see docs/CONFIGURATION.md).');
    });
    app.use(router);
    return;
  }

  const services: WebServices = {
    ...deps,
    sessions: new Sessions(secret, new WebSessionStore(deps.records), { ttlSeconds: Math.floor(parsePositiveDuration(config.SESSION_TTL) / 1000), secure: https }),
    csrf: new Csrf(secret, base.origin),
    links: emailLinksFor(config),
    devSignIn: config.NODE_ENV !== 'production' && !config.OIDC_ISSUER,
  };

  router.use(pageContextMiddleware(services));
  // Per person once signed in (or through a link), per client address before: a page polling
  // every few seconds is well inside the budget, a flood of anonymous form posts is not. Counted
  // before any body is parsed.
  router.use(
    perMinute({
      limit: config.WEB_RATE_LIMIT_PER_MINUTE,
      key: (_req, res) => {
        const { session } = pageContext(res);
        return session.user ? `user:${session.user.org}/${session.user.sub}` : session.link ? `link:${session.link.address}` : undefined;
      },
      refuse: (_req, res, wait) => {
        res.setHeader('Retry-After', String(wait));
        errorPage(res, 429, pageContext(res).t.errors.rateLimited);
      },
    }),
  );
  router.use(express.urlencoded({ extended: true, limit: config.BODY_LIMIT, parameterLimit: 2000 }));
  router.get('/', (_req, res) => res.redirect(303, pageContext(res).user ? '/inbox' : '/sign-in'));
  signInRoutes(router, services, oidcRoutes(router, services));
  emailLinkRoutes(router, services);
  listRoutes(router, services);
  uploadRoutes(router, services);
  createRoutes(router, services);
  overviewRoutes(router, services);
  requestPageRoutes(router, services);
  scheduleFormRoutes(router, services);
  scheduleRoutes(router, services);
  stageRoutes(router, services);
  router.use((_req, res) => errorPage(res, 404, pageContext(res).t.errors.notFound));
  router.use(webErrors(services));
  app.use(router);
  logger.debug({ devSignIn: services.devSignIn, emailLinks: config.EMAIL_LINK_ACCESS }, 'web pages mounted');
}

/** Errors on pages become pages (not problem+json); our own bugs are logged and shown as 500. */
function webErrors({ logger }: WebServices): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) return void res.end();
    const mapped = fromTemporal(err);
    const ctx = res.locals.page ? pageContext(res) : undefined;
    if (!ctx) {
      logger.error({ err }, 'page error before its context');
      return void res.status(500).type('text').send('internal error');
    }
    const t = ctx.t.errors;
    if (mapped instanceof ProblemError) {
      if (mapped.kind === 'unavailable') res.setHeader('Retry-After', String(mapped.extra.retryAfterSeconds ?? 5));
      const message = { notFound: t.notFound, forbidden: t.forbidden, conflict: t.conflict, unavailable: t.unavailable }[mapped.kind as string] ?? t.invalid;
      return errorPage(res, mapped.status, message);
    }
    const e = err as { status?: number; type?: string };
    // A form body the parser refused (too deep, too many fields, not decodable): the client's
    // error, a 400 (413 only for a body over the size limit), never a log line of ours.
    if (e?.type === 'entity.too.large') return errorPage(res, 413, t.invalid);
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return errorPage(res, 400, t.invalid);
    if (err instanceof URIError) return errorPage(res, 400, t.invalid);
    logger.error({ err, requestId: req.id }, 'unhandled page error');
    errorPage(res, 500, t.internal);
  };
}
