/**
 * Opening a personal email link. The GET only looks: it checks the token, puts the link's grant
 * in this browser's session and redirects to the request page — mail scanners that open links
 * before people do change nothing. Answering needs a POST from that page (with its CSRF token).
 *
 * The token never leaves this response: no Referer (policy no-referrer), no caching, logged by
 * path only (the API's log serializer drops query strings), and the page the browser lands on
 * has no token in its address.
 */
import type { Router } from 'express';
import { canRead, accessFromState } from '../../api/access';
import { ProblemError } from '../../api/problem';
import { LINK_PATH, linkActor, linkAddressCurrent, linkStanding } from '../../links/emailLinks';
import { pageContext, replaceSession, type WebServices } from '../context';
import { noStore } from '../render';
import { errorPage } from './guards';

export function emailLinkRoutes(router: Router, services: WebServices): void {
  const { links, reads, directory } = services;

  router.get(LINK_PATH, async (req, res) => {
    res.setHeader('Referrer-Policy', 'no-referrer');
    noStore(res);
    const ctx = pageContext(res);
    const token = typeof req.query.t === 'string' ? req.query.t : '';
    const grant = links && token ? await links.verify(token) : null;
    if (!grant) return errorPage(res, 403, ctx.t.errors.linkInvalid);
    let state;
    try {
      // Read on the link's behalf: an organization the link does not speak for learns nothing.
      state = await reads.state(res, linkActor(grant), grant.requestId);
    } catch (err) {
      if (err instanceof ProblemError && err.kind === 'notFound') return errorPage(res, 403, ctx.t.errors.linkInvalid);
      throw err;
    }
    if (!canRead(linkActor(grant), accessFromState(state), directory) || !linkAddressCurrent(grant, directory)) return errorPage(res, 403, ctx.t.errors.linkInvalid);
    if (linkStanding(grant, state) === 'closed') return errorPage(res, 410, ctx.t.request.linkClosed);
    // A signed-in user keeps their sign-in; the link is added beside it, for this request only.
    await replaceSession(res, services, services.sessions.fresh({ ...(ctx.session.user ? { user: ctx.session.user } : {}), link: grant }, grant.exp));
    res.redirect(303, `/requests/${grant.requestId}`);
  });
}
