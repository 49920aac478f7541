/**
 * /schedules: the coordination schedules the viewer may see (the API's scope rule), and the
 * pause / resume / delete forms, through the API's own schedule service and access rules.
 */
import type { Router } from 'express';
import { readableOrgs } from '../../api/access';
import { fromTemporal } from '../../api/errors';
import { ProblemError } from '../../api/problem';
import { assertCanManageSchedule, canManageSchedule, canSeeSchedule } from '../../api/schedules/access';
import { replan } from '../../api/schedules/createSchedule';
import { pageContext, type WebServices } from '../context';
import { sendHtml } from '../render';
import { SchedulesPage } from '../views/SchedulesPage';
import { csrfGuard, errorPage, signedIn } from './guards';
import { mayCreateSchedule } from './scheduleForm';
import { orgName } from '../views/components';

const SCHEDULE_ID = /^sc-[0-9a-f]{32}$/;

export function scheduleRoutes(router: Router, services: WebServices): void {
  const { schedules, directory, calendar, now } = services;

  router.get('/schedules', signedIn, async (req, res) => {
    const ctx = pageContext(res);
    const user = ctx.user!;
    const items = await schedules.list(readableOrgs(user, directory));
    // Temporal's schedule list follows a create with a delay: the one the form just made is read directly.
    const created = typeof req.query.created === 'string' && SCHEDULE_ID.test(req.query.created) ? req.query.created : undefined;
    if (created && !items.some((s) => s.id === created)) {
      const fresh = await schedules.get(created).catch(() => undefined);
      if (fresh && canSeeSchedule(user, fresh.requester, directory)) items.push(fresh);
    }
    const rows = items.map((schedule) => ({ schedule, requesterName: orgName(directory, schedule.requester), canManage: canManageSchedule(user, schedule.requester) }));
    sendHtml(res, 200, SchedulesPage({ ctx, rows, canCreate: mayCreateSchedule(user), created: created !== undefined && items.some((s) => s.id === created) }));
  });

  router.post('/schedules/:id/:action', signedIn, csrfGuard(services), async (req, res) => {
    const ctx = pageContext(res);
    const { id, action } = req.params as { id: string; action: string };
    if (!SCHEDULE_ID.test(id) || !['pause', 'resume', 'delete'].includes(action)) return errorPage(res, 404, ctx.t.errors.notFound);
    try {
      assertCanManageSchedule(ctx.user!, await schedules.owner(id), directory);
      if (action === 'pause') await schedules.pause(id, undefined);
      else if (action === 'resume') await schedules.resume(id, undefined, (facts) => replan(facts, calendar, now()));
      else await schedules.delete(id);
    } catch (err) {
      const problem = fromTemporal(err);
      if (problem instanceof ProblemError && problem.kind === 'notFound') return errorPage(res, 404, ctx.t.errors.notFound);
      if (problem instanceof ProblemError && problem.kind === 'forbidden') return errorPage(res, 403, ctx.t.errors.forbidden);
      throw problem;
    }
    res.redirect(303, '/schedules');
  });
}
