/** The official letter (naskah dinas) on the request page: number, date, subject, urgency, SRIKANDI link. */
import { formatCalendarDate } from '../../domain/localTime';
import type { Letter } from '../../domain/types';
import type { PageContext } from '../context';

export function LetterSection({ ctx, letter }: { ctx: PageContext; letter: Letter | undefined }) {
  if (!letter) return null;
  const t = ctx.t.letter;
  return (
    <section aria-labelledby="letter-h" class="letter">
      <h2 id="letter-h">{t.heading}</h2>
      <dl class="facts">
        <dt>{t.number}</dt>
        <dd class="letter-number">{letter.number}</dd>
        <dt>{t.date}</dt>
        <dd>
          <time dateTime={letter.date}>{formatCalendarDate(letter.date, ctx.lang)}</time>
        </dd>
        <dt>{t.subject}</dt>
        <dd>{letter.subject}</dd>
        <dt>{t.classification}</dt>
        <dd>
          <span class={`badge letter-${letter.classification.toLowerCase()}`}>{t.classifications[letter.classification]}</span>
        </dd>
        {letter.srikandiUrl && (
          <>
            <dt>{t.srikandi}</dt>
            <dd>
              {/* The link leaves this site: no referrer (the page address names the request), no opener. */}
              <a href={letter.srikandiUrl} rel="noopener noreferrer" target="_blank">
                {t.openInSrikandi}
              </a>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
