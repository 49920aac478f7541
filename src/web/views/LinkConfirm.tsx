/**
 * What opening an email link shows: whose link it is and one button. Only the button's POST (with
 * the page's CSRF token, from this origin) puts the link into the browser's session, so a mail
 * scanner's GET, or another site sending the browser here, adds nothing.
 */
import type { PageContext } from '../context';
import { CsrfField } from './components';
import { Layout } from './Layout';

export interface LinkConfirmView {
  ctx: PageContext;
  token: string;
  title: string;
  address: string;
  orgName: string;
}

export function LinkConfirmPage({ v }: { v: LinkConfirmView }) {
  const { t } = v.ctx;
  return (
    <Layout ctx={v.ctx} title={t.link.title}>
      <p>{t.link.intro(v.address, v.orgName)}</p>
      <form method="post" action="/link" class="card link-confirm">
        <CsrfField ctx={v.ctx} />
        <input type="hidden" name="t" value={v.token} />
        <p>
          {t.link.request}: <strong>{v.title}</strong>
        </p>
        <button type="submit">{t.link.open}</button>
      </form>
    </Layout>
  );
}
