/**
 * The request page's action forms: only those this viewer may use now (respond, revise, extend
 * the deadline, delegate, cancel), each showing the error of its own last post.
 */
import { randomUUID } from 'node:crypto';
import { toLocalInput, zoneAbbreviation } from '../i18n/dates';
import { AttachmentField } from './Attachments';
import { CsrfField, FieldErrors, Notice, orgName } from './components';
import type { FormFailure, RequestView } from './requestView';

function Failure({ v, form }: { v: RequestView; form: FormFailure['form'] }) {
  return v.failure?.form === form ? <Notice kind="error">{v.failure.message}</Notice> : null;
}

const fieldErrors = (v: RequestView, form: FormFailure['form'], field: string): string[] => (v.failure?.form === form ? v.failure.fields?.[field] ?? [] : []);

export function RequestActions({ v }: { v: RequestView }) {
  const { ctx, state, actions, directory } = v;
  const { t } = ctx;
  const base = `/requests/${state.id}`;
  const key = <input type="hidden" name="_key" value={randomUUID()} />;
  const commentErrors = fieldErrors(v, 'respond', 'comment');
  const any = actions.respond || actions.revise || actions.extend || actions.cancel || actions.delegate.length > 0;
  return (
    <section aria-labelledby="actions-h" class="actions">
      <h2 id="actions-h">{t.request.yourActions}</h2>
      {v.viewer.kind === 'link' && v.viewer.standing === 'view' && <Notice kind="info">{t.request.linkViewOnly}</Notice>}
      {/* A form posted from a page that is out of date (the request closed meanwhile): its form is gone, its refusal is shown here. */}
      {!any && v.failure && <Notice kind="error">{v.failure.message}</Notice>}
      {!any && <p>{t.request.noActions}</p>}
      {actions.respond && (
        <form method="post" action={`${base}/respond`} class="card">
          <h3>{t.actions.respondTitle}</h3>
          <Failure v={v} form="respond" />
          <CsrfField ctx={ctx} />
          {key}
          <fieldset>
            <legend>{t.actions.decision}</legend>
            {actions.respond.decisions.map((d, i) => (
              <label class="choice">
                <input type="radio" name="decision" value={d} required checked={i === 0 && d === 'APPROVE'} /> {t.decisions[d]}
              </label>
            ))}
          </fieldset>
          <label for="respond-comment">{t.actions.comment}</label>
          <textarea id="respond-comment" name="comment" rows={3} maxLength={2000} aria-describedby="respond-comment-hint respond-comment-errors" aria-invalid={commentErrors.length ? 'true' : undefined}></textarea>
          <p class="hint" id="respond-comment-hint">
            {t.actions.commentHint}
          </p>
          <FieldErrors errors={commentErrors} id="respond-comment-errors" />
          <label for="respond-conditions">{t.answers.conditionsField}</label>
          <textarea id="respond-conditions" name="conditions" rows={3} aria-describedby="respond-conditions-hint respond-conditions-errors"></textarea>
          <p class="hint" id="respond-conditions-hint">
            {t.answers.conditionsHint}
          </p>
          <FieldErrors errors={fieldErrors(v, 'respond', 'conditions')} id="respond-conditions-errors" />
          <button type="submit">{t.actions.submit}</button>
        </form>
      )}
      {actions.revise && (
        <form method="post" action={`${base}/revise`} class="card" enctype="multipart/form-data">
          <h3>{t.actions.reviseTitle}</h3>
          <Failure v={v} form="revise" />
          <CsrfField ctx={ctx} />
          {key}
          <label for="revise-comment">{t.actions.reviseComment}</label>
          <textarea id="revise-comment" name="comment" rows={3} maxLength={2000}></textarea>
          <label for="revise-title">{t.actions.newTitle}</label>
          <input id="revise-title" name="title" maxLength={200} />
          <label for="revise-description">{t.actions.newDescription}</label>
          <textarea id="revise-description" name="description" rows={3} maxLength={5000}></textarea>
          <fieldset>
            <legend>{t.actions.reanswer}</legend>
            <label class="choice">
              <input type="radio" name="reanswer" value="CHANGE_REQUESTERS" checked /> {t.actions.reanswerChangeRequesters}
            </label>
            <label class="choice">
              <input type="radio" name="reanswer" value="ALL" /> {t.actions.reanswerAll}
            </label>
          </fieldset>
          <AttachmentField ctx={ctx} kept={[]} errors={fieldErrors(v, 'revise', 'attachments')} max={v.uploadLimits.maxCount} maxBytes={v.uploadLimits.maxBytes} id="revise-files" />
          <button type="submit">{t.actions.reviseSubmit}</button>
        </form>
      )}
      {actions.extend && (
        <form method="post" action={`${base}/deadline`} class="card">
          <h3>{t.actions.extendTitle}</h3>
          <Failure v={v} form="extend" />
          <CsrfField ctx={ctx} />
          {key}
          <label for="extend-at">{t.actions.extendAt(zoneAbbreviation(ctx.zone))}</label>
          <input id="extend-at" type="datetime-local" name="at" required value={toLocalInput(v.now + 7 * 86_400_000, ctx.zone)} aria-describedby="extend-at-errors" />
          <FieldErrors errors={fieldErrors(v, 'extend', 'deadline')} id="extend-at-errors" />
          <button type="submit">{t.actions.extendSubmit}</button>
        </form>
      )}
      {actions.delegate.length > 0 && (
        <form method="post" action={`${base}/delegate`} class="card">
          <h3>{t.actions.delegateTitle}</h3>
          <Failure v={v} form="delegate" />
          <CsrfField ctx={ctx} />
          {key}
          <label for="delegate-from">{t.actions.delegateFrom}</label>
          <select id="delegate-from" name="from">
            {actions.delegate.map((o) => (
              <option value={o}>{orgName(directory, o)}</option>
            ))}
          </select>
          <label for="delegate-to">{t.actions.delegateTo}</label>
          <select id="delegate-to" name="to">
            {directory.organizations.map((o) => (
              <option value={o.id}>{o.name}</option>
            ))}
          </select>
          <label for="delegate-comment">{t.actions.delegateReason}</label>
          <textarea id="delegate-comment" name="comment" rows={2} maxLength={2000} aria-describedby="delegate-comment-errors"></textarea>
          <FieldErrors errors={fieldErrors(v, 'delegate', 'comment')} id="delegate-comment-errors" />
          <button type="submit">{t.actions.delegateSubmit}</button>
        </form>
      )}
      {actions.cancel && (
        <form method="post" action={`${base}/cancel`} class="card danger">
          <h3>{t.actions.cancelTitle}</h3>
          <Failure v={v} form="cancel" />
          <CsrfField ctx={ctx} />
          {key}
          <label for="cancel-reason">{t.actions.cancelReason}</label>
          <input id="cancel-reason" name="reason" maxLength={2000} />
          <button type="submit" class="danger">
            {t.actions.cancelSubmit}
          </button>
        </form>
      )}
    </section>
  );
}

