/** The frame of every page: language, navigation, who is signed in, the language switch. */
import type { ComponentChildren } from 'preact';
import type { PageContext } from '../context';
import { CsrfField } from './components';
import { switchHref } from '../langSwitch';

export function Layout({ ctx, title, children }: { ctx: PageContext; title: string; children: ComponentChildren }) {
  const { t, user, session } = ctx;
  const other = ctx.lang === 'id' ? 'en' : 'id';
  const link = !user && session.link ? session.link : undefined;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"historyCacheSize":0}' />
        <title>{`${title} · ${t.appName}`}</title>
        <link rel="stylesheet" href="/assets/style.css" />
        <script src="/assets/htmx.min.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skipToContent}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {t.appName}
          </a>
          {user && (
            <nav aria-label={t.nav.main}>
              <a href="/inbox">{t.nav.inbox}</a>
              <a href="/requests">{t.nav.requests}</a>
              <a href="/requests/new">{t.nav.newRequest}</a>
              <a href="/overview">{t.nav.overview}</a>
              <a href="/schedules">{t.schedules.nav}</a>
              <a href="/stages">{t.stages.nav}</a>
            </nav>
          )}
          <div class="who">
            <a href={switchHref(ctx.url, other)} hrefLang={other} lang={other} class="lang">
              {t.switchTo}
            </a>
            {user && <span>{t.signedInAs(user.name, user.org)}</span>}
            {link && <span>{t.viaLinkAs(link.address, link.org)}</span>}
            {(user || link) && (
              <form method="post" action="/sign-out" class="inline">
                <CsrfField ctx={ctx} />
                <button type="submit" class="link-button">
                  {t.nav.signOut}
                </button>
              </form>
            )}
          </div>
        </header>
        <main id="main">
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}
