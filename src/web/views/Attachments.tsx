/**
 * Attachments on the pages: the list on the request page (each a download through the request's
 * own access rule) and the file field of the new-request and revision forms (last in the form, so
 * its text fields arrive first; see routes/uploads.ts).
 */
import type { AttachmentRef } from '../../domain/types';
import { nameForType } from '../../attachments/fileName';
import type { StoredAttachment } from '../../attachments/store';
import type { PageContext } from '../context';
import { FILES_FIELD } from '../routes/uploads';
import { FieldErrors } from './components';

const kb = (bytes: number): number => Math.max(1, Math.round(bytes / 1024));

export function AttachmentList({ ctx, requestId, attachments }: { ctx: PageContext; requestId: string; attachments: AttachmentRef[] | undefined }) {
  if (!attachments?.length) return null;
  const t = ctx.t.attachments;
  return (
    <section aria-labelledby="attachments-h" class="attachments">
      <h2 id="attachments-h">{t.heading}</h2>
      <ul>
        {attachments.map(({ name, ...a }) => {
          // As the download names it (requests made before upload enforced the extension too).
          const shown = nameForType(name, a.type);
          return (
            <li>
              <a href={`/requests/${requestId}/attachments/${a.id}`} download={shown} aria-label={t.download(shown)}>
                {shown}
              </a>{' '}
              <span class="muted">
                ({t.size(kb(a.size))} · {t.revisionLabel(a.revision)})
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function AttachmentField({ ctx, kept, errors, max, maxBytes, id }: { ctx: PageContext; kept: StoredAttachment[]; errors: string[]; max: number; maxBytes: number; id: string }) {
  const t = ctx.t.attachments;
  return (
    <fieldset class="attachments-form" {...(errors.length ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-errors` } : {})}>
      <legend>{t.formLegend}</legend>
      <p class="hint" id={`${id}-hint`}>
        {t.hint(max, Math.round((maxBytes / 1024 / 1024) * 10) / 10)}
      </p>
      {kept.length > 0 && (
        <>
          <p>{t.kept}</p>
          {kept.map((a) => (
            <label class="choice">
              <input type="checkbox" name="attachments[]" value={a.id} checked /> {a.name} <span class="muted">({t.size(kb(a.size))})</span>
            </label>
          ))}
        </>
      )}
      <label for={id}>{t.choose}</label>
      <input id={id} type="file" name={FILES_FIELD} multiple accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg" aria-describedby={`${id}-hint`} />
      <FieldErrors errors={errors} id={`${id}-errors`} />
    </fieldset>
  );
}
