/**
 * Opening a personal email link. The GET only looks: it checks the token and shows whose link it
 * is, with one button — mail scanners that open links before people do, and other sites that send
 * a browser here, change nothing. The button's POST (CSRF token and same-origin check, like every
 * form) checks the token again and puts the link's grant into this browser's session; answering
 * then needs a POST from the request page (with its CSRF token).
 *
 * The token never leaves these responses: a Referer carries the origin at most (policy
 * strict-origin, which still lets the button's POST carry the Origin the CSRF check reads), no
 * caching, logged by path only (the API's log serializer drops query strings and never logs
 * bodies), and the page the browser lands on has no token in its address.
 */
import type { Request, Response, Router } from 'express';
import { canRead, accessFromState } from '../../api/access';
import { ProblemError } from '../../api/problem';
import type { CoordinationState } from '../../domain/types';
import { LINK_PATH, linkActor, linkAddressCurrent, linkStanding, type LinkGrant } from '../../links/emailLinks';
import { pageContext, replaceSession, type WebServices } from '../context';
import { noStore, sendHtml } from '../render';
import { LinkConfirmPage } from '../views/LinkConfirm';
import { csrfGuard, errorPage } from './guards';

export function emailLinkRoutes(router: Router, services: WebServices): void {
  const { links, reads, directory } = services;

  /** The grant of a token that may open its request now, with the request; null once the refusal is answered. */
  const usable = async (res: Response, token: string): Promise<{ grant: LinkGrant; state: CoordinationState } | null> => {
    const ctx = pageContext(res);
    const grant = links && token ? await links.verify(token) : null;
    if (!grant) return void errorPage(res, 403, ctx.t.errors.linkInvalid), null;
    let state;
    try {
      // Read on the link's behalf: an organization the link does not speak for learns nothing.
      state = await reads.state(res, linkActor(grant), grant.requestId);
    } catch (err) {
      if (err instanceof ProblemError && err.kind === 'notFound') return void errorPage(res, 403, ctx.t.errors.linkInvalid), null;
      throw err;
    }
    if (!canRead(linkActor(grant), accessFromState(state), directory) || !linkAddressCurrent(grant, directory)) return void errorPage(res, 403, ctx.t.errors.linkInvalid), null;
    if (linkStanding(grant, state) === 'closed') return void errorPage(res, 410, ctx.t.request.linkClosed), null;
    return { grant, state };
  };
  const private_ = (res: Response): void => {
    res.setHeader('Referrer-Policy', 'strict-origin');
    noStore(res);
  };
  const tokenOf = (v: unknown): string => (typeof v === 'string' ? v : '');

  router.get(LINK_PATH, async (req: Request, res: Response) => {
    private_(res);
    const token = tokenOf(req.query.t);
    const found = await usable(res, token);
    if (!found) return;
    const { grant, state } = found;
    sendHtml(res, 200, LinkConfirmPage({ v: { ctx: pageContext(res), token, title: state.title, address: grant.address, orgName: directory.get(grant.org)?.name ?? grant.org } }));
  });

  router.post(LINK_PATH, csrfGuard(services), async (req: Request, res: Response) => {
    private_(res);
    const found = await usable(res, tokenOf((req.body as Record<string, unknown> | undefined)?.t));
    if (!found) return;
    const { grant } = found;
    const { session } = pageContext(res);
    // A signed-in user keeps their sign-in, with its expiry (a link never prolongs it); the link
    // is added beside it, for this request only, and ends no later than the link itself.
    const until = session.user ? Math.min(session.exp, grant.exp) : grant.exp;
    await replaceSession(res, services, services.sessions.fresh({ ...(session.user ? { user: session.user } : {}), link: grant }, until));
    res.redirect(303, `/requests/${grant.requestId}`);
  });
}
