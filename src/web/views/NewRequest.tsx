/**
 * The new-request form. Works without JavaScript: adding or removing a step posts the form and
 * gets it back with one step more or less; errors come back next to their fields.
 */
import type { Directory } from '../../directory/directory';
import { CATEGORIES } from '../../domain/types';
import type { PageContext } from '../context';
import type { CreateValues, StepValues } from '../forms/createForm';
import { MAX_STEPS } from '../forms/createForm';
import { zoneAbbreviation } from '../i18n/dates';
import { CsrfField, FieldErrors, groupedOrganizations, Notice } from './components';
import { Layout } from './Layout';
import { LetterFields } from './LetterFields';
import { AttachmentField } from './Attachments';
import type { StoredAttachment } from '../../attachments/store';
import type { UploadLimits } from '../../attachments/upload';

export interface NewRequestView {
  ctx: PageContext;
  directory: Directory;
  values: CreateValues;
  errors: Record<string, string[]>;
  /** Files this form already uploaded (kept between its posts). */
  files?: StoredAttachment[];
  uploadLimits: UploadLimits;
}

const ids = (slot: string) => slot.replace(/[^A-Za-z0-9]+/g, '-');

/** Aria wiring of a field to its error list. */
function invalid(v: NewRequestView, slot: string) {
  return v.errors[slot]?.length ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${ids(slot)}-errors` } : {};
}

const Errors = ({ v, slot }: { v: NewRequestView; slot: string }) => <FieldErrors errors={v.errors[slot] ?? []} id={`${ids(slot)}-errors`} />;

function OrgChecklist({ v, name, checked, legend, slot }: { v: NewRequestView; name: string; checked: string[]; legend: string; slot: string }) {
  const { t } = v.ctx;
  return (
    <fieldset class="orgs" {...invalid(v, slot)}>
      <legend>{legend}</legend>
      {groupedOrganizations(v.directory).map((g) => (
        <div class="org-group">
          <p class="group-label">{`${t.orgKinds[g.kind]} · ${t.orgLevels[g.level]}`}</p>
          {g.orgs.map((o) => (
            <label class="choice">
              <input type="checkbox" name={name} value={o.id} checked={checked.includes(o.id)} /> {o.name}
            </label>
          ))}
        </div>
      ))}
      <Errors v={v} slot={slot} />
    </fieldset>
  );
}

function StepFields({ v, step, i }: { v: NewRequestView; step: StepValues; i: number }) {
  const { t } = v.ctx;
  const p = `steps[${i}]`;
  const id = (f: string) => `s${i}-${f}`;
  return (
    <fieldset class="card step-form">
      <legend>{t.create.step(i + 1)}</legend>
      <label for={id('name')}>{t.create.stepName}</label>
      <input id={id('name')} name={`${p}[name]`} value={step.name} maxLength={200} {...invalid(v, `${p}.name`)} />
      <Errors v={v} slot={`${p}.name`} />
      <OrgChecklist v={v} name={`${p}[participants][]`} checked={step.participants} legend={t.create.participants} slot={`${p}.participants`} />
      <fieldset {...invalid(v, `${p}.policy`)}>
        <legend>{t.create.policy}</legend>
        {(['ALL', 'ANY'] as const).map((k) => (
          <label class="choice">
            <input type="radio" name={`${p}[policy]`} value={k} checked={step.policy === k} /> {t.policy[k]}
          </label>
        ))}
        <label class="choice">
          <input type="radio" name={`${p}[policy]`} value="QUORUM" checked={step.policy === 'QUORUM'} /> {t.create.policyQuorum}
        </label>
        <label for={id('min')}>{t.create.quorumMin}</label>
        <input id={id('min')} name={`${p}[min]`} inputMode="numeric" value={step.min} size={4} />
        <Errors v={v} slot={`${p}.policy`} />
      </fieldset>
      <fieldset {...invalid(v, `${p}.deadline`)}>
        <legend>{t.create.deadline}</legend>
        <label class="choice">
          <input type="radio" name={`${p}[deadlineKind]`} value="WORKING_DAYS" checked={step.deadlineKind !== 'AT'} /> {t.create.deadlineWorkingDays}
        </label>
        <label for={id('days')}>{t.create.deadlineDays}</label>
        <input id={id('days')} name={`${p}[days]`} inputMode="numeric" value={step.days} size={4} />
        <label class="choice">
          <input type="radio" name={`${p}[deadlineKind]`} value="AT" checked={step.deadlineKind === 'AT'} /> {t.create.deadlineDate}
        </label>
        <label for={id('at')}>{t.create.deadlineAt(zoneAbbreviation(v.ctx.zone))}</label>
        <input id={id('at')} type="datetime-local" name={`${p}[at]`} value={step.at} />
        <Errors v={v} slot={`${p}.deadline`} />
      </fieldset>
      <details class="reminders">
        <summary>{t.create.reminders}</summary>
        <p class="hint">{t.create.remindersDefault}</p>
        <label for={id('before')}>{t.create.remindBefore}</label>
        <input id={id('before')} name={`${p}[before]`} value={step.before} />
        <label class="choice">
          <input type="checkbox" name={`${p}[atDeadline]`} value="1" checked={step.atDeadline} /> {t.create.remindAtDeadline}
        </label>
        <label class="choice">
          <input type="checkbox" name={`${p}[daily]`} value="1" checked={step.daily} /> {t.create.remindDaily}
        </label>
        <label for={id('escalate')}>{t.create.escalateAfter}</label>
        <input id={id('escalate')} name={`${p}[escalate]`} inputMode="numeric" value={step.escalate} size={4} />
        <Errors v={v} slot={`${p}.reminders`} />
      </details>
      {v.values.steps.length > 1 && (
        <button type="submit" name="_action" value={`remove:${i}`} class="secondary" formNoValidate>
          {t.create.removeStep(i + 1)}
        </button>
      )}
    </fieldset>
  );
}

export function NewRequestPage({ v }: { v: NewRequestView }) {
  const { ctx, values } = v;
  const { t } = ctx;
  const hasErrors = Object.keys(v.errors).length > 0;
  return (
    <Layout ctx={ctx} title={t.create.title}>
      {hasErrors && <Notice kind="error">{t.create.fixErrors}</Notice>}
      <Errors v={v} slot="(root)" />
      <form method="post" action="/requests" class="create" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="_key" value={values.key} />
        <label for="title">{t.create.fieldTitle}</label>
        <input id="title" name="title" value={values.title} maxLength={200} required {...invalid(v, 'title')} />
        <Errors v={v} slot="title" />
        <label for="description">{t.create.fieldDescription}</label>
        <textarea id="description" name="description" rows={4} maxLength={5000} {...invalid(v, 'description')}>
          {values.description}
        </textarea>
        <Errors v={v} slot="description" />
        <label for="category">{t.create.fieldCategory}</label>
        <select id="category" name="category" required {...invalid(v, 'category')}>
          <option value="">{t.create.chooseCategory}</option>
          {CATEGORIES.map((c) => (
            <option value={c} selected={values.category === c}>
              {t.categories[c]}
            </option>
          ))}
        </select>
        <Errors v={v} slot="category" />
        <OrgChecklist v={v} name="tembusan[]" checked={values.tembusan} legend={t.create.tembusan} slot="tembusan" />
        <LetterFields ctx={ctx} values={values.letter} errors={v.errors} />
        {values.steps.map((s, i) => (
          <StepFields v={v} step={s} i={i} />
        ))}
        <Errors v={v} slot="steps" />
        <AttachmentField ctx={ctx} kept={v.files ?? []} errors={v.errors.attachments ?? []} max={v.uploadLimits.maxCount} maxBytes={v.uploadLimits.maxBytes} id="files" />
        <div class="buttons">
          {values.steps.length < MAX_STEPS && (
            <button type="submit" name="_action" value="add" class="secondary" formNoValidate>
              {t.create.addStep}
            </button>
          )}
          <button type="submit" name="_action" value="submit">
            {t.create.submit}
          </button>
        </div>
      </form>
    </Layout>
  );
}
