/** Small pieces shared by the pages. */
import type { ComponentChildren } from 'preact';
import type { Directory } from '../../directory/directory';
import type { Organization, OrgId, RequestStatus } from '../../domain/types';
import { ORG_KINDS, ORG_LEVELS } from '../../domain/types';
import type { PageContext } from '../context';
import { CSRF_FIELD } from '../csrf';
import { formatWhen, relativeTo } from '../i18n/dates';

export const CsrfField = ({ ctx }: { ctx: PageContext }) => <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />;

export const StatusBadge = ({ ctx, status }: { ctx: PageContext; status: RequestStatus | null }) =>
  status ? <span class={`badge status-${status.toLowerCase()}`}>{ctx.t.status[status]}</span> : <span>{ctx.t.none}</span>;

/** A deadline in the viewer's zone with the relative phrase; overdue ones marked. */
export function Deadline({ ctx, at, overdue, now }: { ctx: PageContext; at: string | null; overdue?: boolean; now: number }) {
  if (!at) return <span>{ctx.t.none}</span>;
  const late = overdue ?? Date.parse(at) < now;
  return (
    <span class={late ? 'deadline overdue' : 'deadline'}>
      <time dateTime={at}>{formatWhen(at, ctx.zone, ctx.lang)}</time> <span class="relative">({relativeTo(at, now, ctx.t)})</span>
      {late && <strong class="badge overdue-badge"> {ctx.t.overdue}</strong>}
    </span>
  );
}

export const When = ({ ctx, at }: { ctx: PageContext; at: string }) => <time dateTime={at}>{formatWhen(at, ctx.zone, ctx.lang)}</time>;

export const orgName = (directory: Directory, id: OrgId): string => directory.get(id)?.name ?? id;

/** Organizations grouped by kind, then level (directory order within a group). */
export function groupedOrganizations(directory: Directory): Array<{ kind: Organization['kind']; level: Organization['level']; orgs: Organization[] }> {
  const out = [];
  for (const kind of ORG_KINDS) {
    for (const level of ORG_LEVELS) {
      const orgs = directory.organizations.filter((o) => o.kind === kind && o.level === level);
      if (orgs.length) out.push({ kind, level, orgs });
    }
  }
  return out;
}

/** Messages for a field (errors keyed like the API's: `steps[0].deadline.days`), shown under it. */
export function FieldErrors({ errors, id }: { errors: string[]; id: string }) {
  if (!errors.length) return null;
  return (
    <ul class="field-errors" id={id}>
      {errors.map((e) => (
        <li>{e}</li>
      ))}
    </ul>
  );
}

export const Notice = ({ kind, children }: { kind: 'error' | 'info'; children: ComponentChildren }) => (
  <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </div>
);
