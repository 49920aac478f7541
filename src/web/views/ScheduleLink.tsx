/** On a request started by a coordination schedule: which occurrence it is, with a link to the schedules page. */
import type { CoordinationState } from '../../domain/types';
import type { PageContext } from '../context';
import { When } from './components';

export function ScheduleLink({ ctx, state }: { ctx: PageContext; state: CoordinationState }) {
  if (!state.schedule) return null;
  const t = ctx.t.schedules;
  return (
    <p class="schedule-link">
      <a href={`/schedules#${state.schedule.id}`}>{t.startedBy}</a> ({t.occurrence('')}
      <When ctx={ctx} at={state.schedule.scheduledAt} />)
    </p>
  );
}
