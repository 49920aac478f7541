/**
 * The new-request form. Works without JavaScript: adding or removing a step posts the form and
 * gets it back with one step more or less; errors come back next to their fields.
 */
import type { StoredAttachment } from '../../attachments/store';
import type { UploadLimits } from '../../attachments/upload';
import { MAX_STEPS } from '../forms/createForm';
import { AttachmentField } from './Attachments';
import { CsrfField, Notice } from './components';
import { Layout } from './Layout';
import { Errors, TemplateFields, type TemplateView } from './TemplateFields';

export interface NewRequestView extends TemplateView {
  /** Files this form already uploaded (kept between its posts). */
  files?: StoredAttachment[];
  uploadLimits: UploadLimits;
}

/** Add a step, or send: the buttons ending a form built on TemplateFields. */
export function StepButtons({ v, submit }: { v: TemplateView; submit: string }) {
  const { t } = v.ctx;
  return (
    <div class="buttons">
      {v.values.steps.length < MAX_STEPS && (
        <button type="submit" name="_action" value="add" class="secondary" formNoValidate>
          {t.create.addStep}
        </button>
      )}
      <button type="submit" name="_action" value="submit">
        {submit}
      </button>
    </div>
  );
}

export function NewRequestPage({ v }: { v: NewRequestView }) {
  const { ctx, values } = v;
  const { t } = ctx;
  const hasErrors = Object.keys(v.errors).length > 0;
  return (
    <Layout ctx={ctx} title={t.create.title}>
      {hasErrors && <Notice kind="error">{t.create.fixErrors}</Notice>}
      <Errors errors={v.errors} slot="(root)" />
      <form method="post" action="/requests" class="create" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="_key" value={values.key} />
        <TemplateFields v={v} />
        <AttachmentField ctx={ctx} kept={v.files ?? []} errors={v.errors.attachments ?? []} max={v.uploadLimits.maxCount} maxBytes={v.uploadLimits.maxBytes} id="files" />
        <StepButtons v={v} submit={t.create.submit} />
      </form>
    </Layout>
  );
}
