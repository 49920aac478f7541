/** The inbox ("Menunggu tanggapan") and the filterable list of requests. */
import type { Directory } from '../../directory/directory';
import { CATEGORIES, REQUEST_STATUSES, type Category, type RequestStatus } from '../../domain/types';
import type { PageContext } from '../context';
import { groupedOrganizations, Notice, orgName } from './components';
import { Layout } from './Layout';
import { RequestTable, type Row } from './RequestTable';

export function InboxPage({ ctx, rows, directory, now }: { ctx: PageContext; rows: Row[]; directory: Directory; now: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.inbox.title}>
      <p>{t.inbox.intro(orgName(directory, ctx.user!.org))}</p>
      {rows.length ? <RequestTable ctx={ctx} rows={rows} directory={directory} now={now} /> : <p>{t.inbox.empty}</p>}
      <p class="muted">{t.list.eventual}</p>
    </Layout>
  );
}

export interface ListFilters {
  q?: string;
  status?: RequestStatus;
  category?: Category;
  requester?: string;
  participant?: string;
  overdue?: 'true' | 'false';
  openConditions?: 'true' | 'false';
}

export interface ListView {
  ctx: PageContext;
  directory: Directory;
  rows: Row[];
  filters: ListFilters;
  nextHref: string | null;
  firstHref: string | null;
  now: number;
  error?: string;
}

function OrgSelect({ v, name, label, value }: { v: ListView; name: string; label: string; value: string | undefined }) {
  const { t } = v.ctx;
  return (
    <div class="filter">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{t.list.any}</option>
        {groupedOrganizations(v.directory).map((g) => (
          <optgroup label={`${t.orgKinds[g.kind]} · ${t.orgLevels[g.level]}`}>
            {g.orgs.map((o) => (
              <option value={o.id} selected={value === o.id}>
                {o.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** A filter that is either unset (any), yes or no. */
function YesNo({ v, name, label }: { v: ListView; name: 'overdue' | 'openConditions'; label: string }) {
  const { t } = v.ctx;
  const value = v.filters[name];
  return (
    <div class="filter">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{t.list.any}</option>
        <option value="true" selected={value === 'true'}>
          {t.list.yes}
        </option>
        <option value="false" selected={value === 'false'}>
          {t.list.no}
        </option>
      </select>
    </div>
  );
}

export function ListPage({ v }: { v: ListView }) {
  const { ctx, filters: f } = v;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.list.title}>
      <form method="get" action="/requests" class="filters" aria-label={t.list.filters}>
        <div class="filter">
          <label for="f-q">{t.list.q}</label>
          <input id="f-q" name="q" type="search" maxLength={200} value={f.q ?? ''} />
        </div>
        <div class="filter">
          <label for="f-status">{t.list.status}</label>
          <select id="f-status" name="status">
            <option value="">{t.list.any}</option>
            {REQUEST_STATUSES.map((s) => (
              <option value={s} selected={f.status === s}>
                {t.status[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="filter">
          <label for="f-category">{t.list.category}</label>
          <select id="f-category" name="category">
            <option value="">{t.list.any}</option>
            {CATEGORIES.map((c) => (
              <option value={c} selected={f.category === c}>
                {t.categories[c]}
              </option>
            ))}
          </select>
        </div>
        <OrgSelect v={v} name="requester" label={t.list.requester} value={f.requester} />
        <OrgSelect v={v} name="participant" label={t.list.participant} value={f.participant} />
        <YesNo v={v} name="overdue" label={t.list.overdue} />
        <YesNo v={v} name="openConditions" label={t.answers.openConditionsFilter} />
        <button type="submit">{t.list.apply}</button>
      </form>
      {v.error && <Notice kind="error">{v.error}</Notice>}
      {v.rows.length ? <RequestTable ctx={ctx} rows={v.rows} directory={v.directory} now={v.now} /> : <p>{t.list.empty}</p>}
      <nav class="pager" aria-label={t.list.title}>
        {v.firstHref && <a href={v.firstHref}>{t.list.first}</a>}
        {v.nextHref && <a href={v.nextHref}>{t.list.next}</a>}
      </nav>
      <p class="muted">{t.list.eventual}</p>
    </Layout>
  );
}
