/**
 * The request page: what was asked, each step with its participants, the timeline, and the
 * forms this viewer may use now (nothing else). The live part polls with htmx: the server answers
 * 204 while nothing changed, so a quiet page costs one small request every few seconds.
 */
import { randomUUID } from 'node:crypto';
import type { UploadLimits } from '../../attachments/upload';
import type { Directory } from '../../directory/directory';
import { mayStillChange } from '../../domain/conditions';
import type { CoordinationState, StepState, TimelineEvent } from '../../domain/types';
import type { PageContext } from '../context';
import { toLocalInput, zoneAbbreviation } from '../i18n/dates';
import type { AvailableActions, Viewer } from '../viewer';
import { CsrfField, Deadline, FieldErrors, Notice, orgName, StatusBadge, When } from './components';
import { Answers } from './Answers';
import { Layout } from './Layout';
import { LetterSection } from './Letter';
import { ScheduleLink } from './ScheduleLink';
import { AttachmentField, AttachmentList } from './Attachments';

export interface FormFailure {
  form: 'respond' | 'revise' | 'extend' | 'delegate' | 'cancel' | 'conditionMet' | 'askExtension' | 'decideExtension';
  message: string;
  fields?: Record<string, string[]>;
}

export interface RequestView {
  ctx: PageContext;
  directory: Directory;
  state: CoordinationState;
  timeline: TimelineEvent[];
  viewer: Viewer;
  actions: AvailableActions;
  now: number;
  failure?: FormFailure;
  uploadLimits: UploadLimits;
}

/** Polling while the request is open; a closed request no longer changes. */
const POLL_SECONDS = 2;

function policyText(ctx: PageContext, step: StepState): string {
  const p = step.policy;
  return p.type === 'QUORUM' ? ctx.t.policy.QUORUM(p.min) : ctx.t.policy[p.type];
}

function Step({ v, step }: { v: RequestView; step: StepState }) {
  const { ctx, directory } = v;
  const { t } = ctx;
  return (
    <section class={`step step-${step.status.toLowerCase()}`} aria-labelledby={`step-${step.index}`}>
      <h3 id={`step-${step.index}`}>
        {t.request.step(step.index + 1, step.name)} <span class="badge">{t.stepStatus[step.status]}</span>
      </h3>
      <dl class="facts">
        <dt>{t.request.deadline}</dt>
        <dd>
          <Deadline ctx={ctx} at={step.deadline} overdue={step.overdue} now={v.now} />
        </dd>
        <dt>{t.request.policy}</dt>
        <dd>
          {policyText(ctx, step)} · {t.progress(step.progress.approved, step.progress.total)}
        </dd>
      </dl>
      <ul class="participants">
        {step.participants.map((p) => (
          <li>
            <span class="org">{orgName(directory, p.org)}</span> <span class={`badge p-${p.status.toLowerCase()}`}>{t.participantStatus[p.status]}</span>
            {p.delegatedFrom.length > 0 && <span class="muted"> ({t.request.delegatedFrom(p.delegatedFrom.map((o) => orgName(directory, o)).join(', '))})</span>}
            {p.comment && <blockquote>{p.comment}</blockquote>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Timeline({ v }: { v: RequestView }) {
  const { ctx, directory } = v;
  const { t } = ctx;
  const events = v.timeline.filter((e) => e.kind !== 'NOTIFICATION_DELIVERED');
  return (
    <ol class="timeline" reversed>
      {[...events].reverse().map((e) => {
        const via = e.data?.via === 'email-link' && typeof e.data.address === 'string' ? e.data.address : undefined;
        const who = e.actor.org === 'system' ? t.system : orgName(directory, e.actor.org);
        return (
          <li>
            <When ctx={ctx} at={e.at} /> — <strong>{t.timeline[e.kind]}</strong>
            {' · '}
            {who}
            {e.org && e.org !== e.actor.org && <> → {orgName(directory, e.org)}</>}
            {via && <span class="via"> ({t.viaEmailLink(via)})</span>}
            {e.comment && <blockquote>{e.comment}</blockquote>}
          </li>
        );
      })}
    </ol>
  );
}

function Failure({ v, form }: { v: RequestView; form: FormFailure['form'] }) {
  return v.failure?.form === form ? <Notice kind="error">{v.failure.message}</Notice> : null;
}

const fieldErrors = (v: RequestView, form: FormFailure['form'], field: string): string[] => (v.failure?.form === form ? v.failure.fields?.[field] ?? [] : []);

function Actions({ v }: { v: RequestView }) {
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

/** The part that follows changes: state, steps, timeline and the forms. */
export function LiveRequest({ v }: { v: RequestView }) {
  const { ctx, state } = v;
  const { t } = ctx;
  // An approved request still waiting for its conditions changes too: it keeps following.
  const open = mayStillChange(state);
  const poll = open ? { 'hx-get': `/requests/${state.id}/live?since=${encodeURIComponent(`${state.updatedAt}|${v.timeline.length}`)}`, 'hx-trigger': `every ${POLL_SECONDS}s`, 'hx-swap': 'outerHTML' } : {};
  return (
    <div id="live" {...poll} data-updated={state.updatedAt}>
      <p class="status-line">
        <StatusBadge ctx={ctx} status={state.status} /> · {t.request.revision} {state.revision}
        {state.closedAt && (
          <>
            {' · '}
            {t.request.closedAt} <When ctx={ctx} at={state.closedAt} />
          </>
        )}
        {state.nextReminderAt && (
          <>
            {' · '}
            {t.request.nextReminder}: <When ctx={ctx} at={state.nextReminderAt} />
          </>
        )}
      </p>
      {open && <p class="muted live-note">{t.request.live}</p>}
      <div class="columns">
        <div>
          <section aria-labelledby="steps-h">
            <h2 id="steps-h">{t.request.steps}</h2>
            {state.steps.map((s) => (
              <Step v={v} step={s} />
            ))}
          </section>
          <Answers v={v} />
          <Actions v={v} />
        </div>
        <section aria-labelledby="timeline-h">
          <h2 id="timeline-h">{t.request.timeline}</h2>
          <Timeline v={v} />
        </section>
      </div>
    </div>
  );
}

export function RequestPage({ v }: { v: RequestView }) {
  const { ctx, state, directory } = v;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={state.title}>
      <dl class="facts">
        <dt>{t.request.requester}</dt>
        <dd>{orgName(directory, state.requester)}</dd>
        <dt>{t.request.category}</dt>
        <dd>{t.categories[state.category]}</dd>
        <dt>{t.request.tembusan}</dt>
        <dd>{state.tembusan.length ? state.tembusan.map((o) => orgName(directory, o)).join(', ') : t.none}</dd>
      </dl>
      <LetterSection ctx={ctx} letter={state.letter} />
      <ScheduleLink ctx={ctx} state={state} />
      <AttachmentList ctx={ctx} requestId={state.id} attachments={state.attachments} />
      {state.description && (
        <section aria-labelledby="desc-h">
          <h2 id="desc-h">{t.request.description}</h2>
          <p class="description">{state.description}</p>
        </section>
      )}
      <LiveRequest v={v} />
    </Layout>
  );
}
