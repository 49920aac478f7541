/**
 * Asks for more time on a request page: each ask with its state; for the seat holder a form to
 * ask (the date in the viewer's zone, a reason), for the requester a form to decide each waiting
 * ask (for the seat, for the whole step, or decline with a reason).
 */
import { randomUUID } from 'node:crypto';
import { EXTENSION_DECISIONS } from '../../domain/extensions';
import type { AnswerActions } from '../answerActions';
import { toLocalInput, zoneAbbreviation } from '../i18n/dates';
import { CsrfField, FieldErrors, Notice, orgName, When } from './components';
import type { RequestView } from './requestView';

export function Extensions({ v, actions }: { v: RequestView; actions: AnswerActions }) {
  const { ctx, state, directory } = v;
  const a = ctx.t.answers;
  const asks = state.extensions ?? [];
  if (asks.length === 0 && !actions.ask) return null;
  const failed = (form: 'askExtension' | 'decideExtension') => (v.failure?.form === form ? v.failure : undefined);
  const seat = actions.ask ? state.steps[state.currentStep].participants.find((p) => p.org === actions.ask) : undefined;
  const current = seat?.deadline ?? state.steps[state.currentStep].deadline;
  return (
    <section aria-labelledby="extensions-h" class="extensions">
      <h2 id="extensions-h">{a.extensionsTitle}</h2>
      {(failed('askExtension') ?? failed('decideExtension')) && <Notice kind="error">{v.failure!.message}</Notice>}
      {asks.length > 0 && (
        <ul>
          {asks.map((e) => (
            <li id={`extension-${e.id}`}>
              <p>
                {a.extensionBy(orgName(directory, e.org), '')}
                <When ctx={ctx} at={e.until} /> <span class={`badge extension-${e.status.toLowerCase()}`}>{a.extensionStatus[e.status]}</span>
                {e.scope && <span class="muted"> ({a.grantedScope[e.scope]})</span>}
              </p>
              <blockquote>{e.reason}</blockquote>
              {e.decisionReason && <blockquote>{e.decisionReason}</blockquote>}
              {actions.decide.includes(e.id) && (
                <form method="post" action={`/requests/${state.id}/extension-decision`} class="card">
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="_key" value={randomUUID()} />
                  <input type="hidden" name="extensionId" value={e.id} />
                  <fieldset>
                    <legend>{a.decision}</legend>
                    {EXTENSION_DECISIONS.map((d, i) => (
                      <label class="choice">
                        <input type="radio" name="decision" value={d} required checked={i === 0} /> {a.decisions[d]}
                      </label>
                    ))}
                  </fieldset>
                  <label for={`decide-${e.id}-reason`}>{a.decideReason}</label>
                  <textarea id={`decide-${e.id}-reason`} name="reason" rows={2} maxLength={2000} aria-describedby={`decide-${e.id}-errors`}></textarea>
                  <FieldErrors errors={failed('decideExtension')?.fields?.reason ?? []} id={`decide-${e.id}-errors`} />
                  <button type="submit">{a.decideSubmit}</button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {actions.ask && (
        <form method="post" action={`/requests/${state.id}/extension-request`} class="card">
          <h3>{a.askTitle}</h3>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="_key" value={randomUUID()} />
          <label for="ask-until">{a.askUntil(zoneAbbreviation(ctx.zone))}</label>
          <input
            id="ask-until"
            type="datetime-local"
            name="until"
            required
            value={toLocalInput((current ? Date.parse(current) : v.now) + 7 * 86_400_000, ctx.zone)}
            aria-describedby="ask-until-errors"
          />
          <FieldErrors errors={failed('askExtension')?.fields?.until ?? []} id="ask-until-errors" />
          <label for="ask-reason">{a.askReason}</label>
          <textarea id="ask-reason" name="reason" rows={2} maxLength={2000} required aria-describedby="ask-reason-errors"></textarea>
          <FieldErrors errors={failed('askExtension')?.fields?.reason ?? []} id="ask-reason-errors" />
          <button type="submit">{a.askSubmit}</button>
        </form>
      )}
    </section>
  );
}
