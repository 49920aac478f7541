/**
 * Sign-in page, development sign-in and sign-out. Development sign-in (pick any organization) is
 * offered only outside production and only when no identity provider is configured; in
 * production its route does not exist.
 */
import type { Router } from 'express';
import { z } from 'zod';
import { OrgIdSchema } from '../../api/schemas';
import { pageContext, replaceSession, type WebServices } from '../context';
import { sendHtml } from '../render';
import { SignInPage } from '../views/SignIn';
import { csrfGuard, errorPage, safeNext } from './guards';

const DevSignInSchema = z.object({
  org: OrgIdSchema,
  role: z.enum(['staff', 'admin']).default('staff'),
  name: z.string().trim().max(100).optional(),
  next: z.string().max(2000).optional(),
});

export function signInRoutes(router: Router, services: WebServices, oidcConfigured: boolean): void {
  const { directory } = services;

  router.get('/sign-in', (req, res) => {
    const ctx = pageContext(res);
    sendHtml(res, 200, SignInPage({ v: { ctx, directory, next: safeNext(req.query.next), oidc: oidcConfigured, dev: services.devSignIn, failed: req.query.failed === '1' } }));
  });

  if (services.devSignIn) {
    router.post('/sign-in/dev', csrfGuard(services), async (req, res) => {
      const ctx = pageContext(res);
      const form = DevSignInSchema.safeParse(req.body);
      if (!form.success || !directory.has(form.data.org)) return errorPage(res, 400, ctx.t.errors.invalid);
      const { org, role, name } = form.data;
      const display = name || `dev@${org}`;
      await replaceSession(res, services, services.sessions.fresh({ user: { sub: `dev:${display}`, org, roles: role === 'admin' ? ['staff', 'admin'] : ['staff'], name: display, via: 'dev' } }));
      res.redirect(303, safeNext(form.data.next));
    });
  }

  router.post('/sign-out', csrfGuard(services), async (_req, res) => {
    await replaceSession(res, services, services.sessions.fresh());
    res.redirect(303, '/sign-in');
  });
}
