/**
 * Inbox and list: the API's listing (same visibility query, same scope rule `readableOrgs`) and,
 * for the rows shown, each request's title and current step progress.
 */
import type { Router } from 'express';
import { readableOrgs } from '../../api/access';
import type { RequestSummary } from '../../api/coordinationService';
import { buildVisibilityQuery } from '../../api/listQuery';
import { ProblemError } from '../../api/problem';
import { ListQuerySchema } from '../../api/schemas';
import { pageContext, type WebServices } from '../context';
import { sendHtml } from '../render';
import { InboxPage, ListPage, type ListFilters } from '../views/ListPages';
import type { Row } from '../views/RequestTable';
import { signedIn } from './guards';

const PAGE_SIZE = 20;
const FILTERS = ['status', 'category', 'requester', 'participant', 'overdue'] as const;

export function listRoutes(router: Router, services: WebServices): void {
  const { service, directory, now } = services;

  async function rows(items: RequestSummary[]): Promise<Row[]> {
    return Promise.all(
      items.map(async (summary) => {
        try {
          const state = await service.state(summary.id);
          return { summary, title: state.title, progress: state.steps[state.currentStep]?.progress ?? null };
        } catch {
          return { summary, title: null, progress: null }; // e.g. just deleted: the row still lists it
        }
      }),
    );
  }

  router.get('/inbox', signedIn, async (_req, res) => {
    const ctx = pageContext(res);
    const user = ctx.user!;
    const query = buildVisibilityQuery({ pendingFor: user.org, status: ['IN_PROGRESS'] }, readableOrgs(user, directory));
    const page = await service.list(query, 100, undefined);
    const sorted = [...page.items].sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
    sendHtml(res, 200, InboxPage({ ctx, rows: await rows(sorted), directory, now: now() }));
  });

  router.get('/requests', signedIn, async (req, res) => {
    const ctx = pageContext(res);
    // Empty selects mean "any"; the rest is the API's own query schema.
    const raw: Record<string, string> = {};
    for (const k of [...FILTERS, 'pageToken'] as const) {
      const v = req.query[k];
      if (typeof v === 'string' && v !== '') raw[k] = v;
    }
    const parsed = ListQuerySchema.safeParse({ ...raw, pageSize: String(PAGE_SIZE) });
    const filters: ListFilters = {};
    for (const k of FILTERS) if (raw[k]) (filters as Record<string, string>)[k] = raw[k];
    const base = new URLSearchParams(Object.entries(filters) as [string, string][]);
    let items: RequestSummary[] = [];
    let next: string | null = null;
    let error: string | undefined;
    if (!parsed.success) {
      error = ctx.t.errors.invalid;
    } else {
      const { pageSize, pageToken, ...f } = parsed.data;
      try {
        const page = await service.list(buildVisibilityQuery(f, readableOrgs(ctx.user!, directory)), pageSize, pageToken);
        items = page.items;
        next = page.nextPageToken;
      } catch (err) {
        if (!(err instanceof ProblemError) || err.kind !== 'validation') throw err;
        error = ctx.t.errors.invalid; // a page token of another listing
      }
    }
    const href = (token?: string) => {
      const q = new URLSearchParams(base);
      if (token) q.set('pageToken', token);
      const s = q.toString();
      return s ? `/requests?${s}` : '/requests';
    };
    sendHtml(res, error ? 400 : 200, ListPage({
      v: { ctx, directory, rows: await rows(items), filters, nextHref: next ? href(next) : null, firstHref: raw.pageToken ? href() : null, now: now(), ...(error ? { error } : {}) },
    }));
  });
}
