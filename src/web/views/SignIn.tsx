import type { Directory } from '../../directory/directory';
import type { PageContext } from '../context';
import { CsrfField, groupedOrganizations, Notice } from './components';
import { Layout } from './Layout';

export interface SignInView {
  ctx: PageContext;
  directory: Directory;
  next: string;
  oidc: boolean;
  dev: boolean;
  failed?: boolean;
}

export function SignInPage({ v }: { v: SignInView }) {
  const { ctx } = v;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.signIn.title}>
      <p>{t.signIn.intro}</p>
      {v.failed && <Notice kind="error">{t.signIn.failed}</Notice>}
      {v.oidc && (
        <p>
          <a class="button" href={`/sign-in/oidc?next=${encodeURIComponent(v.next)}`}>
            {t.signIn.oidc}
          </a>
        </p>
      )}
      {v.dev && (
        <form method="post" action="/sign-in/dev" class="card dev">
          <h2>{t.signIn.devTitle}</h2>
          <Notice kind="info">{t.signIn.devWarning}</Notice>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="next" value={v.next} />
          <label for="dev-org">{t.signIn.organization}</label>
          <select id="dev-org" name="org" required>
            {groupedOrganizations(v.directory).map((g) => (
              <optgroup label={`${t.orgKinds[g.kind]} · ${t.orgLevels[g.level]}`}>
                {g.orgs.map((o) => (
                  <option value={o.id}>{o.name}</option>
                ))}
              </optgroup>
            ))}
          </select>
          <fieldset>
            <legend>{t.signIn.role}</legend>
            <label class="choice">
              <input type="radio" name="role" value="staff" checked /> {t.signIn.roles.staff}
            </label>
            <label class="choice">
              <input type="radio" name="role" value="admin" /> {t.signIn.roles.admin}
            </label>
          </fieldset>
          <label for="dev-name">{t.signIn.name}</label>
          <input id="dev-name" name="name" maxLength={100} autocomplete="name" />
          <button type="submit">{t.signIn.submit}</button>
        </form>
      )}
      {!v.oidc && !v.dev && <Notice kind="error">{t.signIn.unavailable}</Notice>}
    </Layout>
  );
}
