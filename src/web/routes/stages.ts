/**
 * /stages: the election schedule as the file says now, to everyone signed in; for admins, the
 * action that carries a revised stage date into open requests (the API's own StageDeadlines, so
 * the page and POST /v1/admin/stages/{stage}/re-resolve do the same thing) and its report.
 */
import type { Router } from 'express';
import { ProblemError } from '../../api/problem';
import { isAdmin } from '../../domain/actor';
import { STAGE_ID } from '../../stages/stages';
import { pageContext, type WebServices } from '../context';
import { sendHtml } from '../render';
import { StagesPage } from '../views/StagesPage';
import { csrfGuard, errorPage, signedIn } from './guards';

export function stageRoutes(router: Router, services: WebServices): void {
  const { stageDeadlines } = services;

  router.get('/stages', signedIn, (_req, res) => {
    const ctx = pageContext(res);
    sendHtml(res, 200, StagesPage({ ctx, stages: stageDeadlines.current(), isAdmin: isAdmin(ctx.user!) }));
  });

  router.post('/stages/:stage/re-resolve', signedIn, csrfGuard(services), async (req, res) => {
    const ctx = pageContext(res);
    const { stage } = req.params as { stage: string };
    if (!STAGE_ID.test(stage)) return errorPage(res, 404, ctx.t.errors.notFound);
    try {
      const report = await stageDeadlines.reresolve(ctx.user!, stage);
      sendHtml(res, 200, StagesPage({ ctx, stages: stageDeadlines.current(), isAdmin: true, report }));
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      if (err.kind === 'forbidden') return errorPage(res, 403, ctx.t.errors.forbidden);
      if (err.kind === 'notFound') return errorPage(res, 404, ctx.t.errors.notFound);
      if (err.kind === 'storeUnavailable') return errorPage(res, 503, ctx.t.errors.unavailable);
      throw err;
    }
  });
}
