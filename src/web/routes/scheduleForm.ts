/**
 * The new-schedule form: GET /schedules/new shows it with a fresh idempotency key; POST /schedules
 * either edits the form (add/remove a step) or creates the schedule exactly as
 * POST /v1/coordination-schedules does — same schema, same prepareSchedule checks, same
 * ScheduleService.create, same schedule id from the key (a double submit finds the schedule the
 * first one created) — and redirects to /schedules, where the new schedule is shown.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response, Router } from 'express';
import { ROLES } from '../../api/auth';
import { floorsOf } from '../../api/floors';
import { ProblemError } from '../../api/problem';
import { prepareSchedule, scheduleIdFor } from '../../api/schedules/createSchedule';
import { toLocal } from '../../domain/calendar';
import { pageContext, type WebServices } from '../context';
import { blankRequest, editSteps, formKey, stageChoices } from '../forms/createForm';
import { blankSchedule, parseScheduleForm, readScheduleForm, scheduleErrorsBySlot, type ScheduleValues } from '../forms/scheduleForm';
import { sendHtml } from '../render';
import { NewSchedulePage } from '../views/NewSchedule';
import { csrfGuard, errorPage, signedIn } from './guards';

/** The API's rule for creating a schedule: a signed-in user holding one of the API's roles. */
export const mayCreateSchedule = (user: { roles: string[] } | undefined): boolean => !!user && user.roles.some((r) => (ROLES as readonly string[]).includes(r));

function creators(req: Request, res: Response, next: NextFunction): void {
  if (mayCreateSchedule(pageContext(res).user)) return next();
  errorPage(res, 403, pageContext(res).t.errors.forbidden);
}

export function scheduleFormRoutes(router: Router, services: WebServices): void {
  const { directory, schedules, stages, calendar, config, now } = services;

  const show = (res: Response, status: number, values: ScheduleValues, errors: Record<string, string[]> = {}) =>
    sendHtml(res, status, NewSchedulePage({ v: { ctx: pageContext(res), directory, values: values.template, errors, stages: stageChoices(stages), schedule: values } }));

  router.get('/schedules/new', signedIn, creators, (_req, res) => {
    show(res, 200, blankSchedule(blankRequest(), toLocal(now(), pageContext(res).zone).date));
  });

  router.post('/schedules', signedIn, creators, csrfGuard(services), async (req, res) => {
    const ctx = pageContext(res);
    const caller = ctx.user!;
    const { values, action } = readScheduleForm(req.body);
    values.key = formKey(values.key);
    values.template.key = values.key;
    if (editSteps(values.template.steps, action)) return show(res, 200, values);
    const parsed = parseScheduleForm(values, ctx.zone);
    if (!parsed.ok) return show(res, 400, values, scheduleErrorsBySlot(parsed.errors));
    const id = scheduleIdFor(caller.org, values.key);
    try {
      const prepared = prepareSchedule(id, parsed.body, caller, { directory, stages, calendar, floors: floorsOf(config), nowMs: now() });
      await schedules.create(id, prepared.facts, prepared.plan, prepared.occurrence, parsed.body.paused, parsed.body.note);
    } catch (err) {
      if (err instanceof ProblemError && err.kind === 'validation') return show(res, 400, values, scheduleErrorsBySlot(err.extra.errors ?? []));
      if (err instanceof ProblemError && err.kind === 'idempotencyConflict') {
        // The same form sent again with other values after it already created a schedule: a new form.
        values.key = randomUUID();
        return show(res, 409, values, { '(root)': [ctx.t.errors.conflict] });
      }
      throw err;
    }
    res.redirect(303, `/schedules?created=${id}#${id}`);
  });
}
