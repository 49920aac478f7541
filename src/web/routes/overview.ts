/**
 * The overview: the requests the viewer may list (the API's scope rule), counted per subordinate
 * organization — a request counts for a subordinate when its requester or one of its participants
 * is that organization or below it.
 */
import type { Router } from 'express';
import { readableOrgs } from '../../api/access';
import type { RequestSummary } from '../../api/coordinationService';
import { buildVisibilityQuery } from '../../api/listQuery';
import { REQUEST_STATUSES, type RequestStatus } from '../../domain/types';
import { pageContext, type WebServices } from '../context';
import { sendHtml } from '../render';
import { OverviewPage, type OverviewRow } from '../views/OverviewPage';
import { signedIn } from './guards';

/** Visibility pages read at most (of 100): the overview is a glance, not a report. */
const MAX_PAGES = 10;

export function overviewRoutes(router: Router, services: WebServices): void {
  const { service, directory } = services;

  router.get('/overview', signedIn, async (_req, res) => {
    const ctx = pageContext(res);
    const user = ctx.user!;
    const summaries: RequestSummary[] = [];
    let token: string | undefined;
    let pages = 0;
    const query = buildVisibilityQuery({}, readableOrgs(user, directory));
    do {
      const page = await service.list(query, 100, token);
      summaries.push(...page.items);
      token = page.nextPageToken ?? undefined;
    } while (token && ++pages < MAX_PAGES);

    const rows: OverviewRow[] = directory.children(user.org).map((child) => {
      const subtree = new Set(readableOrgs({ sub: '', org: child.id, roles: [] }, directory));
      const byStatus = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
      let total = 0;
      let overdue = 0;
      for (const s of summaries) {
        if (![s.requester, ...s.participants].some((o) => o !== null && subtree.has(o))) continue;
        total++;
        if (s.status) byStatus[s.status]++;
        if (s.overdue) overdue++;
      }
      return { org: { id: child.id, name: child.name }, byStatus, total, overdue };
    });
    sendHtml(res, 200, OverviewPage({ ctx, orgName: directory.get(user.org)?.name ?? user.org, rows, truncatedAt: token ? summaries.length : null }));
  });
}
