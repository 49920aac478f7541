/**
 * The new-request form: GET shows it with a fresh idempotency key; POST either edits the form
 * (add/remove a step) or creates the request exactly as POST /v1/coordination-requests does —
 * same schema, same checks, same request id from the key (so a double submit finds the request
 * the first one created) — and redirects to its page.
 */
import { randomUUID } from 'node:crypto';
import type { Response, Router } from 'express';
import { toWorkflowInput } from '../../api/createInput';
import { floorsOf } from '../../api/floors';
import { bodyHash, requestIdFor } from '../../api/idempotency';
import { withAttachments } from '../../api/attachmentClaims';
import { ProblemError } from '../../api/problem';
import type { StoredAttachment } from '../../attachments/store';
import { limitsOf } from '../../attachments/upload';
import { pageContext, type WebServices } from '../context';
import { blankRequest, editSteps, errorsBySlot, formKey, parseCreateBody, readCreateForm, stageChoices, toCreateBody, type CreateValues } from '../forms/createForm';
import { sendHtml } from '../render';
import { NewRequestPage } from '../views/NewRequest';
import { csrfGuard, signedIn } from './guards';
import { storeFormFiles } from './uploads';

export function createRoutes(router: Router, services: WebServices): void {
  const { directory, service, now, attachments, config, stages } = services;

  const show = (res: Response, status: number, values: CreateValues, errors: Record<string, string[]> = {}, files: StoredAttachment[] = []) =>
    sendHtml(res, status, NewRequestPage({ v: { ctx: pageContext(res), directory, values, errors, files, uploadLimits: limitsOf(config), stages: stageChoices(stages) } }));

  router.get('/requests/new', signedIn, (_req, res) => {
    show(res, 200, blankRequest());
  });

  router.post('/requests', signedIn, csrfGuard(services), async (req, res) => {
    const ctx = pageContext(res);
    const caller = ctx.user!;
    const { values, action } = readCreateForm(req.body);
    values.key = formKey(values.key);
    // Files uploaded by an earlier post of this form stay with it (ids in hidden fields; only the
    // organization's own unused uploads count), new ones are stored now: adding a step or fixing a
    // field never asks for the files again.
    let files = await attachments.unused(caller.org, values.attachments);
    let uploadError: ProblemError | undefined;
    try {
      files = [...files, ...(await storeFormFiles(req, res, services))];
    } catch (err) {
      if (!(err instanceof ProblemError) || err.kind === 'storeUnavailable') throw err;
      uploadError = err;
    }
    values.attachments = files.map((f) => f.id);
    const again = (status: number, errors: Record<string, string[]> = {}) => show(res, status, values, errors, files);
    if (uploadError) return again(uploadError.status, { attachments: [uploadError.message] });
    if (editSteps(values.steps, action)) return again(200);
    const parsed = parseCreateBody(toCreateBody(values, ctx.zone));
    if (!parsed.ok) return again(400, errorsBySlot(parsed.errors));
    const id = requestIdFor(caller.org, values.key);
    try {
      const input = toWorkflowInput(id, parsed.body, caller, directory, now(), floorsOf(config), stages);
      const claim = { requestId: id, org: caller.org, ids: parsed.body.attachments, max: config.ATTACHMENT_MAX_COUNT };
      await withAttachments(attachments, claim, (refs) => service.create(refs.length ? { ...input, attachments: refs } : input, bodyHash(parsed.body)));
    } catch (err) {
      if (err instanceof ProblemError && err.kind === 'validation') return again(400, errorsBySlot(err.extra.errors ?? []));
      if (err instanceof ProblemError && err.kind === 'unprocessable') return again(422, { attachments: [err.message] });
      if (err instanceof ProblemError && err.kind === 'idempotencyConflict') {
        // The same form sent again with other values after it already created a request: a new form.
        values.key = randomUUID();
        return again(409, { '(root)': [ctx.t.errors.conflict] });
      }
      throw err;
    }
    res.redirect(303, `/requests/${id}`);
  });
}
