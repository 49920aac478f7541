/** Gates shared by the page routes: sign-in, CSRF, and the error page. */
import type { NextFunction, Request, Response } from 'express';
import { pageContext, type WebServices } from '../context';
import { sendHtml } from '../render';
import { ErrorPage } from '../views/ErrorPage';

export function errorPage(res: Response, status: number, message: string): void {
  sendHtml(res, status, ErrorPage({ ctx: pageContext(res), message }));
}

/** To the sign-in page, coming back here afterwards (a same-site path only). */
export function requireSignInRedirect(res: Response, back: string): void {
  res.redirect(303, `/sign-in?next=${encodeURIComponent(back)}`);
}

/** Pages for signed-in staff only. */
export function signedIn(req: Request, res: Response, next: NextFunction): void {
  if (pageContext(res).user) return next();
  requireSignInRedirect(res, req.originalUrl);
}

export function csrfGuard(services: WebServices) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const ctx = pageContext(res);
    const problem = services.csrf.problem(req, ctx.session.sid);
    if (!problem) return next();
    services.logger.warn({ path: req.path, reason: problem }, 'form refused (CSRF)');
    errorPage(res, 403, ctx.t.errors.csrf);
  };
}

/** A path on this site to return to after sign-in; anything else becomes the inbox. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/inbox';
}
