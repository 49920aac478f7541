/**
 * The conditions of approval on a request page: each with who set it, its status, and — for the
 * requester — a form to mark it met with what was done.
 */
import { randomUUID } from 'node:crypto';
import { outstandingConditions } from '../../domain/conditions';
import type { AnswerActions } from '../answerActions';
import { CsrfField, FieldErrors, Notice, orgName, When } from './components';
import type { RequestView } from './requestView';

export function Conditions({ v, actions }: { v: RequestView; actions: AnswerActions }) {
  const { ctx, state, directory } = v;
  const a = ctx.t.answers;
  const conditions = state.conditions ?? [];
  if (conditions.length === 0) return null;
  const owed = new Set(outstandingConditions(state).map((c) => c.id));
  const failed = v.failure?.form === 'conditionMet' ? v.failure : undefined;
  return (
    <section aria-labelledby="conditions-h" class="conditions">
      <h2 id="conditions-h">{a.conditionsTitle}</h2>
      {state.status === 'APPROVED' && owed.size > 0 && <Notice kind="info">{a.waitsForConditions}</Notice>}
      {failed && <Notice kind="error">{failed.message}</Notice>}
      <ul>
        {conditions.map((c) => (
          <li id={`condition-${c.id}`}>
            <p>
              <strong>{c.text}</strong> <span class="muted">({a.conditionBy(orgName(directory, c.org), c.step + 1)})</span>{' '}
              <span class={`badge condition-${c.status.toLowerCase()}`}>{c.status === 'MET' ? a.conditionMet : owed.has(c.id) ? a.conditionOpen : a.conditionLapsed}</span>
            </p>
            {c.status === 'MET' && c.metBy && (
              <p class="muted">
                {a.metBy(orgName(directory, c.metBy.org))}, <When ctx={ctx} at={c.metAt!} />
                {c.metComment && <blockquote>{c.metComment}</blockquote>}
              </p>
            )}
            {actions.markMet.includes(c.id) && (
              <form method="post" action={`/requests/${state.id}/condition-met`} class="card">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="_key" value={randomUUID()} />
                <input type="hidden" name="conditionId" value={c.id} />
                <label for={`met-${c.id}`}>{a.metComment}</label>
                <textarea id={`met-${c.id}`} name="comment" rows={2} maxLength={2000} required aria-describedby={`met-${c.id}-errors`}></textarea>
                <FieldErrors errors={failed?.fields?.comment ?? []} id={`met-${c.id}-errors`} />
                <button type="submit">{a.markMet}</button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
