/** Overview for province and national secretariats: requests by status, and overdue ones, per subordinate organization. */
import { REQUEST_STATUSES, type RequestStatus } from '../../domain/types';
import type { PageContext } from '../context';
import { Layout } from './Layout';

export interface OverviewRow {
  org: { id: string; name: string };
  byStatus: Record<RequestStatus, number>;
  total: number;
  overdue: number;
}

export function OverviewPage({ ctx, orgName, rows }: { ctx: PageContext; orgName: string; rows: OverviewRow[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.overview.title}>
      <p>{t.overview.intro(orgName)}</p>
      {rows.length === 0 ? (
        <p>{t.overview.empty}</p>
      ) : (
        <div class="scroll">
          <table class="overview">
            <thead>
              <tr>
                <th scope="col">{t.overview.organization}</th>
                {REQUEST_STATUSES.map((s) => (
                  <th scope="col">{t.status[s]}</th>
                ))}
                <th scope="col">{t.overview.total}</th>
                <th scope="col">{t.overview.overdue}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/requests?participant=${encodeURIComponent(r.org.id)}`}>{r.org.name}</a>
                  </th>
                  {REQUEST_STATUSES.map((s) => (
                    <td>{r.byStatus[s]}</td>
                  ))}
                  <td>{r.total}</td>
                  <td class={r.overdue ? 'overdue-count' : undefined}>{r.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="muted">{t.list.eventual}</p>
    </Layout>
  );
}
