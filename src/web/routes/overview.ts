/**
 * The overview: the requests the viewer may list (the API's scope rule), counted per subordinate
 * organization from the records store — a request counts for a subordinate when its requester or
 * one of its participants is that organization or below it.
 */
import type { Router } from 'express';
import { readableOrgs } from '../../api/access';
import { pageContext, type WebServices } from '../context';
import { sendHtml } from '../render';
import { OverviewPage, type OverviewRow } from '../views/OverviewPage';
import { signedIn } from './guards';

export function overviewRoutes(router: Router, services: WebServices): void {
  const { queries, directory } = services;

  router.get('/overview', signedIn, async (_req, res) => {
    const ctx = pageContext(res);
    const user = ctx.user!;
    const children = directory.children(user.org);
    // A subordinate's subtree is what that organization itself may read.
    const groups = children.map((child) => ({ key: child.id, orgs: readableOrgs({ sub: '', org: child.id, roles: [] }, directory) ?? [child.id] }));
    const counts = new Map((await queries.statusCounts(groups, readableOrgs(user, directory))).map((c) => [c.key, c]));
    const rows: OverviewRow[] = children.map((child) => {
      const { byStatus, total, overdue } = counts.get(child.id)!;
      return { org: { id: child.id, name: child.name }, byStatus, total, overdue };
    });
    sendHtml(res, 200, OverviewPage({ ctx, orgName: directory.get(user.org)?.name ?? user.org, rows }));
  });
}
