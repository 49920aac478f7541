/** The caller's coordination schedules, with pause, resume and delete for those it manages. */
import type { ScheduleView } from '../../api/schedules/service';
import type { PageContext } from '../context';
import { plainRecurrence } from '../forms/scheduleForm';
import { CsrfField, Notice, When } from './components';
import { Layout } from './Layout';

export interface ScheduleRow {
  schedule: ScheduleView;
  requesterName: string;
  canManage: boolean;
}

function Recurrence({ ctx, s }: { ctx: PageContext; s: ScheduleView }) {
  const t = ctx.t.schedules;
  const plain = 'cron' in s.recurrence ? plainRecurrence(s.recurrence.cron) : null;
  const said = plain && (plain.repeat === 'monthly' ? t.monthlyAt(plain.day, plain.time) : t.weeklyAt(ctx.t.scheduleForm.weekdays[plain.weekday], plain.time));
  const how = 'cron' in s.recurrence ? `${said ? `${said} · ` : ''}${t.cron(s.recurrence.cron)}` : t.every(s.recurrence.every);
  return (
    <>
      {how}, {t.zone(s.timeZone)}
      {s.skipHolidays && <>; {t.skipsHolidays}</>}
      <br />
      <span class="muted">
        {t.from(s.startDate)}
        {s.endDate && <> {t.until(s.endDate)}</>}
      </span>
    </>
  );
}

function Manage({ ctx, s }: { ctx: PageContext; s: ScheduleView }) {
  const t = ctx.t.schedules;
  const form = (action: string, label: string) => (
    <form method="post" action={`/schedules/${s.id}/${action}`} class="inline">
      <CsrfField ctx={ctx} />
      <button type="submit">{label}</button>
    </form>
  );
  return (
    <>
      {s.paused ? form('resume', t.resume) : form('pause', t.pause)} {form('delete', t.remove)}
    </>
  );
}

export function SchedulesPage({ ctx, rows, error, canCreate, created }: { ctx: PageContext; rows: ScheduleRow[]; error?: string; canCreate?: boolean; created?: boolean }) {
  const t = ctx.t.schedules;
  return (
    <Layout ctx={ctx} title={t.title}>
      <p>{t.intro}</p>
      {created && <Notice kind="info">{ctx.t.scheduleForm.created}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {canCreate && (
        <p>
          <a href="/schedules/new" class="button">
            {ctx.t.scheduleForm.link}
          </a>
        </p>
      )}
      {rows.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <div class="scroll">
          <table class="schedules">
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.recurrence}</th>
                <th scope="col">{t.next}</th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ schedule: s, requesterName, canManage }) => (
                <tr id={s.id}>
                  <th scope="row">
                    {s.title}
                    <br />
                    <span class="muted">{requesterName}</span>
                  </th>
                  <td>
                    <Recurrence ctx={ctx} s={s} />
                  </td>
                  <td>{!s.paused && s.nextRuns[0] ? <When ctx={ctx} at={s.nextRuns[0]} /> : t.none}</td>
                  <td>{s.paused ? `${t.paused}${s.note ? ` (${s.note})` : ''}` : t.active}</td>
                  <td>{canManage ? <Manage ctx={ctx} s={s} /> : t.none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
