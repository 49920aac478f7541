/**
 * The request page: what was asked, each step with its participants, the timeline, and the
 * forms this viewer may use now (nothing else). The live part polls with htmx: the server answers
 * 204 while nothing changed, so a quiet page costs one small request every few seconds.
 */
import { mayStillChange } from '../../domain/conditions';
import type { StepState } from '../../domain/types';
import type { PageContext } from '../context';
import { Deadline, orgName, StatusBadge, When } from './components';
import { Answers } from './Answers';
import { RequestActions } from './RequestActions';
import { Layout } from './Layout';
import { LetterSection } from './Letter';
import { ScheduleLink } from './ScheduleLink';
import { AttachmentList } from './Attachments';
import type { RequestView } from './requestView';

export type { FormFailure, RequestView } from './requestView';

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
          <RequestActions v={v} />
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
