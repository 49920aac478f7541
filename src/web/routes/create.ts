/**
 * The new-request form: GET shows it with a fresh idempotency key; POST either edits the form
 * (add/remove a step) or creates the request exactly as POST /v1/coordination-requests does —
 * same schema, same checks, same request id from the key (so a double submit finds the request
 * the first one created) — and redirects to its page.
 */
import { randomUUID } from 'node:crypto';
import type { Response, Router } from 'express';
import { toWorkflowInput } from '../../api/createInput';
import { bodyHash, requestIdFor } from '../../api/idempotency';
import { ProblemError } from '../../api/problem';
import { pageContext, type WebServices } from '../context';
import { blankLetter, blankStep, errorsBySlot, MAX_STEPS, parseCreateBody, readCreateForm, toCreateBody, type CreateValues } from '../forms/createForm';
import { sendHtml } from '../render';
import { NewRequestPage } from '../views/NewRequest';
import { csrfGuard, signedIn } from './guards';

const KEY = /^[\x21-\x7e]{1,255}$/;

export function createRoutes(router: Router, services: WebServices): void {
  const { directory, service, now } = services;

  const show = (res: Response, status: number, values: CreateValues, errors: Record<string, string[]> = {}) =>
    sendHtml(res, status, NewRequestPage({ v: { ctx: pageContext(res), directory, values, errors } }));

  router.get('/requests/new', signedIn, (_req, res) => {
    show(res, 200, { title: '', description: '', category: '', tembusan: [], steps: [blankStep()], letter: blankLetter(), key: randomUUID() });
  });

  router.post('/requests', signedIn, csrfGuard(services), async (req, res) => {
    const ctx = pageContext(res);
    const caller = ctx.user!;
    const { values, action } = readCreateForm(req.body);
    if (!KEY.test(values.key)) values.key = randomUUID();
    if (action === 'add') {
      if (values.steps.length < MAX_STEPS) values.steps.push(blankStep());
      return show(res, 200, values);
    }
    const remove = /^remove:(\d+)$/.exec(action);
    if (remove) {
      if (values.steps.length > 1) values.steps.splice(Number(remove[1]), 1);
      return show(res, 200, values);
    }
    const parsed = parseCreateBody(toCreateBody(values, ctx.zone));
    if (!parsed.ok) return show(res, 400, values, errorsBySlot(parsed.errors));
    const id = requestIdFor(caller.org, values.key);
    try {
      const input = toWorkflowInput(id, parsed.body, caller, directory, now());
      await service.create(input, bodyHash(parsed.body));
    } catch (err) {
      if (err instanceof ProblemError && err.kind === 'validation') return show(res, 400, values, errorsBySlot(err.extra.errors ?? []));
      if (err instanceof ProblemError && err.kind === 'idempotencyConflict') {
        // The same form sent again with other values after it already created a request: a new form.
        values.key = randomUUID();
        return show(res, 409, values, { '(root)': [ctx.t.errors.conflict] });
      }
      throw err;
    }
    res.redirect(303, `/requests/${id}`);
  });
}
