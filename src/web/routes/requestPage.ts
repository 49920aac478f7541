/**
 * The request page, its live fragment and its forms (respond, revise, extend, delegate, cancel).
 * Each form: CSRF check and the API's own body schema here, then the API's one action pipeline
 * (src/api/actionPipeline.ts: the API's authorization rules, an update id from the form's
 * idempotency key so a double submit is one action, the early refusal of a closed request, the
 * same workflow update the API runs). Success redirects back to the page (POST/redirect/GET); a
 * failure shows the page again with the message at the form.
 */
import type { Request, Response, Router } from 'express';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import { cancelUpdate, delegateUpdate, extendDeadlineUpdate, respondUpdate, reviseUpdate } from '../../../workflows/messages';
import { accessFromState } from '../../api/access';
import { mayCancel, mayDelegate, mayExtendDeadline, mayRespond, mayRevise } from '../../api/actionRules';
import { deadlineErrors } from '../../api/createInput';
import { fromTemporal } from '../../api/errors';
import { performAction } from '../../api/actionPipeline';
import { idempotencyKeyOf } from '../../api/idempotency';
import { ProblemError, validationProblem } from '../../api/problem';
import { issuesToFieldErrors } from '../../api/route';
import { CancelBodySchema, DelegateBodySchema, ExtendDeadlineBodySchema, RequestIdSchema, RespondBodySchema, ReviseBodySchema } from '../../api/schemas';
import type { Actor, CoordinationState } from '../../domain/types';
import { linkActor } from '../../links/emailLinks';
import { sendAttachment } from '../../attachments/download';
import { limitsOf } from '../../attachments/upload';
import { mayStillChange } from '../../domain/conditions';
import { ATTACHMENT_ID } from '../../domain/letter';
import { pageContext, type WebServices } from '../context';
import { storeFormFiles } from './uploads';
import { fromLocalInput } from '../i18n/dates';
import { sendFragment, sendHtml } from '../render';
import { availableActions, viewerFor, type Viewer } from '../viewer';
import { LiveRequest, RequestPage, type FormFailure, type RequestView } from '../views/RequestPage';
import { answerForms, conditionLines, type FormAction } from './answerForms';
import { csrfGuard, errorPage, requireSignInRedirect } from './guards';

export type FormName = FormFailure['form'];

/** Problems of a form's files, shown as they are (they name the file and the limit). */
const FILE_PROBLEMS: readonly string[] = ['payloadTooLarge', 'unsupportedMediaType', 'unprocessable', 'rateLimited', 'uploadQuota'];

/** Blank optional fields of a form are absent, not empty strings. */
function formFields(body: unknown, keep: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const b = (body ?? {}) as Record<string, unknown>;
  for (const k of keep) {
    const v = b[k];
    if (typeof v === 'string' && v.trim() !== '') out[k] = v;
  }
  return out;
}

export function requestPageRoutes(router: Router, services: WebServices): void {
  const { service, reads, directory, now, config } = services;

  /**
   * The request as its viewer may see it. Read as the API reads it — access decided before the
   * workflow is asked, the record answering for a request Temporal no longer holds or whose
   * worker is stopped — on behalf of the signed-in user, else of this request's email link.
   * Without either nothing is read: the visitor is sent to sign in. A link of a closed request
   * gets 410 here, for every route of the request; null then means the answer was sent.
   */
  async function load(req: Request, res: Response): Promise<{ state: CoordinationState; viewer: Viewer } | null> {
    const ctx = pageContext(res);
    const id = RequestIdSchema.safeParse(req.params.id);
    if (!id.success) throw new ProblemError('notFound', 'no such coordination request');
    const grant = services.links && config.EMAIL_LINK_ACCESS !== 'off' ? ctx.session.link : undefined;
    const readers = [ctx.user, grant?.requestId === id.data ? linkActor(grant) : undefined].filter((a): a is Actor => !!a);
    for (const actor of readers) {
      let state: CoordinationState;
      try {
        state = await reads.state(res, actor, id.data);
      } catch (err) {
        if (err instanceof ProblemError && err.kind === 'notFound') continue;
        throw err;
      }
      const viewer = viewerFor(state, { user: ctx.user, link: grant }, directory, config.EMAIL_LINK_ACCESS);
      // A link of a closed request opens nothing more: not the page, its live updates, its
      // attachments nor its forms (the same 410 as opening the link itself).
      if (viewer?.kind === 'link' && viewer.standing === 'closed') {
        errorPage(res, 410, ctx.t.request.linkClosed);
        return null;
      }
      if (viewer) return { state, viewer };
    }
    if (!ctx.user) {
      requireSignInRedirect(res, ctx.url);
      return null;
    }
    throw new ProblemError('notFound', 'no such coordination request');
  }

  async function view(res: Response, state: CoordinationState, viewer: Viewer, failure?: FormFailure): Promise<RequestView> {
    const timeline = await reads.timeline(res, viewer.actor, state.id);
    return { ctx: pageContext(res), directory, state, timeline, viewer, actions: availableActions(viewer, state, directory), now: now(), uploadLimits: limitsOf(config), ...(failure ? { failure } : {}) };
  }

  /** An attachment, for whoever may see the request (signed in or through its email link). */
  router.get('/requests/:id/attachments/:attachmentId', async (req, res) => {
    const loaded = await load(req, res);
    if (!loaded) return;
    const attachmentId = String(req.params.attachmentId);
    if (!ATTACHMENT_ID.test(attachmentId)) throw new ProblemError('notFound', 'no such attachment');
    await sendAttachment(res, services.attachments, loaded.state.id, attachmentId);
  });

  router.get('/requests/:id', async (req, res) => {
    const loaded = await load(req, res);
    if (!loaded) return;
    sendHtml(res, 200, RequestPage({ v: await view(res, loaded.state, loaded.viewer) }));
  });

  /** htmx polling: 204 (no swap) while nothing changed since the page's version. */
  router.get('/requests/:id/live', async (req, res) => {
    const loaded = await load(req, res);
    if (!loaded) return;
    const v = await view(res, loaded.state, loaded.viewer);
    if (req.query.since === `${loaded.state.updatedAt}|${v.timeline.length}`) {
      res.status(204).end();
      return;
    }
    sendFragment(res, LiveRequest({ v }));
  });

  /**
   * One form route: parse with the API schema, authorize, run the update. `toUpdate` returns the
   * update's argument or throws a ProblemError (validation errors name API fields).
   */
  const action: FormAction = function action<S extends z.ZodType, Arg>(
    form: FormName,
    path: string,
    schema: S,
    fields: readonly string[],
    def: UpdateDefinition<CoordinationState, [Arg]>,
    toUpdate: (body: z.infer<S>, viewer: Viewer, state: CoordinationState, req: Request, res: Response) => Arg | Promise<Arg>,
    mapFields: (raw: Record<string, string>, zone: string) => unknown = (raw) => raw,
  ) {
    router.post(`/requests/:id/${path}`, csrfGuard(services), async (req, res) => {
      const loaded = await load(req, res);
      if (!loaded) return;
      const { state, viewer } = loaded;
      const ctx = pageContext(res);
      const raw = formFields(req.body, fields);
      try {
        const parsed = schema.safeParse(mapFields(raw, ctx.zone));
        if (!parsed.success) throw validationProblem(issuesToFieldErrors('body', parsed.error.issues));
        const body = parsed.data as z.infer<S>;
        // The API's own pipeline from here: authorization, the form's key, the closed refusal, the update.
        await performAction(service, {
          caller: viewer.actor,
          requestId: state.id,
          standing: { running: mayStillChange(state), status: state.status },
          key: idempotencyKeyOf(req.body?._key),
          keySpace: 'web',
          body,
          def,
          authorize: () => toUpdate(body, viewer, state, req, res),
        });
      } catch (err) {
        const problem = fromTemporal(err);
        // Attachments this form claimed for an action that was then refused are free again.
        const claimed = res.locals.claimedAttachments as string[] | undefined;
        if (claimed?.length) await services.attachments.release(state.id, claimed).catch(() => undefined);
        if (!(problem instanceof ProblemError) || problem.kind === 'unavailable' || problem.kind === 'notFound') throw problem;
        const fieldsOf: Record<string, string[]> = {};
        for (const e of problem.extra.errors ?? []) (fieldsOf[e.field.split(/[.[]/)[0]] ??= []).push(e.message);
        const t = ctx.t.errors;
        const message = problem.kind === 'forbidden' ? t.forbidden : problem.kind === 'conflict' ? `${t.conflict} (${problem.message})` : FILE_PROBLEMS.includes(problem.kind) ? problem.message : t.invalid;
        const fresh = await reads.state(res, viewer.actor, state.id);
        sendHtml(res, problem.status, RequestPage({ v: await view(res, fresh, viewer, { form, message, fields: fieldsOf }) }));
        return;
      }
      res.redirect(303, `/requests/${state.id}`);
    });
  };

  const requireUser = (viewer: Viewer): void => {
    if (viewer.kind !== 'user') throw new ProblemError('forbidden', 'only signed-in staff may do this');
  };

  action('respond', 'respond', RespondBodySchema, ['decision', 'comment', 'conditions'], respondUpdate, (body, viewer, state) => {
    if (viewer.kind === 'link' && viewer.standing !== 'answer') throw new ProblemError('forbidden', 'this link may not answer');
    const organization = mayRespond(viewer.actor, accessFromState(state), directory, {});
    return {
      actor: viewer.actor,
      organization,
      decision: body.decision,
      ...(body.comment ? { comment: body.comment } : {}),
      ...(body.conditions?.length ? { conditions: body.conditions } : {}),
      ...(viewer.kind === 'link' ? { via: { emailLink: viewer.grant.address } } : {}),
    };
  }, conditionLines);

  action('revise', 'revise', ReviseBodySchema, ['comment', 'title', 'description', 'reanswer'], reviseUpdate, async (body, viewer, state, req, res) => {
    requireUser(viewer);
    mayRevise(viewer.actor, accessFromState(state), directory);
    const { attachments: _ids, ...changes } = body;
    // The revision's files: stored for the requester's organization, then claimed for this request.
    const files = await storeFormFiles(req, res, services);
    const { refs, claimed } = await services.attachments.claim(state.id, viewer.actor.org, files.map((f) => f.id), config.ATTACHMENT_MAX_COUNT);
    res.locals.claimedAttachments = claimed;
    return { actor: viewer.actor, ...changes, ...(refs.length ? { attachments: refs } : {}) };
  });

  action(
    'extend',
    'deadline',
    ExtendDeadlineBodySchema,
    ['at', 'comment'],
    extendDeadlineUpdate,
    (body, viewer, state) => {
      requireUser(viewer);
      mayExtendDeadline(viewer.actor, accessFromState(state), directory);
      const errors = deadlineErrors(body.deadline, 'deadline', now());
      if (errors.length) throw validationProblem(errors);
      return { actor: viewer.actor, ...body };
    },
    (raw, zone) => ({ deadline: { kind: 'AT', at: fromLocalInput(raw.at ?? '', zone) }, ...(raw.comment ? { comment: raw.comment } : {}) }),
  );

  action('delegate', 'delegate', DelegateBodySchema, ['from', 'to', 'comment'], delegateUpdate, (body, viewer, state) => {
    requireUser(viewer);
    const from = mayDelegate(viewer.actor, accessFromState(state), directory, body);
    return { actor: viewer.actor, from, to: body.to, ...(body.comment ? { comment: body.comment } : {}) };
  });

  answerForms(action, services);

  action('cancel', 'cancel', CancelBodySchema, ['reason'], cancelUpdate, (body, viewer, state) => {
    requireUser(viewer);
    mayCancel(viewer.actor, accessFromState(state), directory);
    return { actor: viewer.actor, ...body };
  });
}
