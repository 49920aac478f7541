/** The election schedule (tahapan) as the file says now; for admins, the re-resolve action and its report. */
import type { ReresolveReport } from '../../api/stageDeadlines';
import type { Stage } from '../../stages/stages';
import type { PageContext } from '../context';
import { formatWhen } from '../i18n/dates';
import { CsrfField, Notice } from './components';
import { Layout } from './Layout';

function Report({ ctx, report, stageName }: { ctx: PageContext; report: ReresolveReport; stageName: string }) {
  const t = ctx.t.stages;
  return (
    <section class="stage-report" aria-labelledby="stage-report-title">
      <h2 id="stage-report-title">{t.reportTitle(stageName, report.date)}</h2>
      <p>{t.summary(report.matched, report.changed, report.unchanged, report.failed)}</p>
      {report.requests.length > 0 && (
        <ul>
          {report.requests.map((r) => (
            <li id={`outcome-${r.id}`}>
              <a href={`/requests/${r.id}`}>{r.id}</a>: {t.outcome[r.outcome]}
              {r.outcome === 'CHANGED' && r.from && r.to && <>, {t.moved(formatWhen(r.from, ctx.zone, ctx.lang), formatWhen(r.to, ctx.zone, ctx.lang))}</>}
              {r.reason && <> ({r.reason})</>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function StagesPage({ ctx, stages, isAdmin, report }: { ctx: PageContext; stages: Stage[]; isAdmin: boolean; report?: ReresolveReport }) {
  const t = ctx.t.stages;
  const nameOf = (id: string) => stages.find((s) => s.id === id)?.name ?? id;
  return (
    <Layout ctx={ctx} title={t.title}>
      <p>{t.intro}</p>
      {isAdmin && <p class="muted">{t.adminIntro}</p>}
      {report && (
        <Notice kind="info">
          <Report ctx={ctx} report={report} stageName={nameOf(report.stage)} />
        </Notice>
      )}
      {stages.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <div class="scroll">
          <table class="stages">
            <thead>
              <tr>
                <th scope="col">{t.stage}</th>
                <th scope="col">{t.date}</th>
                {isAdmin && <th scope="col">{t.actions}</th>}
              </tr>
            </thead>
            <tbody>
              {stages.map((s) => (
                <tr id={`stage-${s.id}`}>
                  <th scope="row">
                    {s.name}
                    <br />
                    <code class="muted">{s.id}</code>
                  </th>
                  <td>
                    <time dateTime={s.date}>{s.date}</time>
                  </td>
                  {isAdmin && (
                    <td>
                      <form method="post" action={`/stages/${s.id}/re-resolve`} class="inline">
                        <CsrfField ctx={ctx} />
                        <button type="submit" aria-label={t.applyLabel(s.name)}>
                          {t.apply}
                        </button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
