/**
 * Inbox and list: the API's listing from the records store (the same queries, the same scope rule
 * `readableOrgs`) and, for the rows shown, each request's current step progress from its record.
 */
import type { Router } from 'express';
import { readableOrgs } from '../../api/access';
import { ProblemError } from '../../api/problem';
import type { RecordSummary } from '../../records/list';
import { ListQuerySchema } from '../../api/querySchemas';
import { pageContext, type WebServices } from '../context';
import { sendHtml } from '../render';
import { InboxPage, ListPage, type ListFilters } from '../views/ListPages';
import type { Row } from '../views/RequestTable';
import { signedIn } from './guards';

const PAGE_SIZE = 20;
const INBOX_SIZE = 100;
const FILTERS = ['q', 'status', 'category', 'requester', 'participant', 'overdue', 'openConditions'] as const;

export function listRoutes(router: Router, services: WebServices): void {
  const { queries, directory, now } = services;

  async function rows(items: RecordSummary[]): Promise<Row[]> {
    const progress = await queries.progress(items.map((i) => i.id));
    return items.map((summary) => ({ summary, progress: progress.get(summary.id) ?? null }));
  }

  router.get('/inbox', signedIn, async (_req, res) => {
    const ctx = pageContext(res);
    const user = ctx.user!;
    // What waits on my organization, soonest deadline first.
    const page = await queries.list({ pendingFor: user.org, status: ['IN_PROGRESS'] }, readableOrgs(user, directory), 'deadline', INBOX_SIZE, undefined);
    sendHtml(res, 200, InboxPage({ ctx, rows: await rows(page.items), directory, now: now() }));
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
    let items: RecordSummary[] = [];
    let next: string | null = null;
    let error: string | undefined;
    if (!parsed.success) {
      error = ctx.t.errors.invalid;
    } else {
      const { pageSize, pageToken, sort, ...f } = parsed.data;
      try {
        const page = await queries.list(f, readableOrgs(ctx.user!, directory), sort, pageSize, pageToken);
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
