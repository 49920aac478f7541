/** A table of request summaries (inbox and list), phone-friendly (stacks on narrow screens). */
import type { Directory } from '../../directory/directory';
import type { StepProgress } from '../../domain/types';
import type { RecordSummary } from '../../records/list';
import type { PageContext } from '../context';
import { Deadline, orgName, StatusBadge } from './components';

export interface Row {
  summary: RecordSummary;
  /** The current step's progress, from the request's record. */
  progress: StepProgress | null;
}

export function RequestTable({ ctx, rows, directory, now }: { ctx: PageContext; rows: Row[]; directory: Directory; now: number }) {
  const c = ctx.t.list.columns;
  return (
    <table class="requests">
      <thead>
        <tr>
          <th scope="col">{c.title}</th>
          <th scope="col">{c.status}</th>
          <th scope="col">{c.progress}</th>
          <th scope="col">{c.deadline}</th>
          <th scope="col">{c.requester}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ summary: s, progress }) => (
          <tr class={s.overdue ? 'overdue' : undefined}>
            <td data-label={c.title}>
              <a href={`/requests/${s.id}`}>{s.title}</a>
              {s.letterNumber && <span class="muted letter-number"> · {ctx.t.letter.listNumber(s.letterNumber)}</span>}
            </td>
            <td data-label={c.status}>
              <StatusBadge ctx={ctx} status={s.status} />
            </td>
            <td data-label={c.progress}>{progress ? ctx.t.progress(progress.approved, progress.total) : ctx.t.none}</td>
            <td data-label={c.deadline}>
              <Deadline ctx={ctx} at={s.dueAt} overdue={s.overdue} now={now} />
            </td>
            <td data-label={c.requester}>{s.requester ? orgName(directory, s.requester) : ctx.t.none}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
