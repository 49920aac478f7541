/**
 * The request a form describes: title, description, category, tembusan, the letter and the steps
 * (participants, rule, deadline, reminders). Shared by the new-request form and the new-schedule
 * form (whose occurrences start this request); errors come back next to their fields.
 */
import type { Directory } from '../../directory/directory';
import { CATEGORIES } from '../../domain/types';
import type { Stage } from '../../stages/stages';
import type { PageContext } from '../context';
import type { CreateValues, StepValues } from '../forms/createForm';
import { zoneAbbreviation } from '../i18n/dates';
import { FieldErrors, groupedOrganizations } from './components';
import { LetterFields } from './LetterFields';

export interface TemplateView {
  ctx: PageContext;
  directory: Directory;
  values: CreateValues;
  errors: Record<string, string[]>;
  /** The election schedule's stages a deadline may follow. */
  stages: Stage[];
}

const ids = (slot: string) => slot.replace(/[^A-Za-z0-9]+/g, '-');

/** Aria wiring of a field to its error list. */
export function invalid(errors: Record<string, string[]>, slot: string) {
  return errors[slot]?.length ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${ids(slot)}-errors` } : {};
}

export const Errors = ({ errors, slot }: { errors: Record<string, string[]>; slot: string }) => <FieldErrors errors={errors[slot] ?? []} id={`${ids(slot)}-errors`} />;

function OrgChecklist({ v, name, checked, legend, slot }: { v: TemplateView; name: string; checked: string[]; legend: string; slot: string }) {
  const { t } = v.ctx;
  return (
    <fieldset class="orgs" {...invalid(v.errors, slot)}>
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
      <Errors errors={v.errors} slot={slot} />
    </fieldset>
  );
}

function DeadlineFields({ v, step, i }: { v: TemplateView; step: StepValues; i: number }) {
  const { t } = v.ctx;
  const p = `steps[${i}]`;
  const id = (f: string) => `s${i}-${f}`;
  const kind = (k: string, label: string) => (
    <label class="choice">
      <input type="radio" name={`${p}[deadlineKind]`} value={k} checked={(['AT', 'DURATION', 'STAGE'].includes(step.deadlineKind) ? step.deadlineKind : 'WORKING_DAYS') === k} /> {label}
    </label>
  );
  return (
    <fieldset {...invalid(v.errors, `${p}.deadline`)}>
      <legend>{t.create.deadline}</legend>
      {kind('WORKING_DAYS', t.create.deadlineWorkingDays)}
      <label for={id('days')}>{t.create.deadlineDays}</label>
      <input id={id('days')} name={`${p}[days]`} inputMode="numeric" value={step.days} size={4} />
      {kind('DURATION', t.create.deadlineDuration)}
      <label for={id('hours')}>{t.create.deadlineHours}</label>
      <input id={id('hours')} name={`${p}[hours]`} inputMode="numeric" value={step.hours} size={4} />
      {v.stages.length > 0 && (
        <>
          {kind('STAGE', t.create.deadlineStage)}
          <label for={id('stage')}>{t.create.stage}</label>
          <select id={id('stage')} name={`${p}[stage]`}>
            <option value="">{t.create.chooseStage}</option>
            {v.stages.map((s) => (
              <option value={s.id} selected={step.stage === s.id}>{`${s.name} (${s.date})`}</option>
            ))}
          </select>
          <label for={id('offset')}>{t.create.stageOffset}</label>
          <input id={id('offset')} name={`${p}[offset]`} inputMode="numeric" value={step.offset} size={4} />
        </>
      )}
      {kind('AT', t.create.deadlineDate)}
      <label for={id('at')}>{t.create.deadlineAt(zoneAbbreviation(v.ctx.zone))}</label>
      <input id={id('at')} type="datetime-local" name={`${p}[at]`} value={step.at} />
      <Errors errors={v.errors} slot={`${p}.deadline`} />
    </fieldset>
  );
}

function StepFields({ v, step, i }: { v: TemplateView; step: StepValues; i: number }) {
  const { t } = v.ctx;
  const p = `steps[${i}]`;
  const id = (f: string) => `s${i}-${f}`;
  return (
    <fieldset class="card step-form">
      <legend>{t.create.step(i + 1)}</legend>
      <label for={id('name')}>{t.create.stepName}</label>
      <input id={id('name')} name={`${p}[name]`} value={step.name} maxLength={200} {...invalid(v.errors, `${p}.name`)} />
      <Errors errors={v.errors} slot={`${p}.name`} />
      <OrgChecklist v={v} name={`${p}[participants][]`} checked={step.participants} legend={t.create.participants} slot={`${p}.participants`} />
      <fieldset {...invalid(v.errors, `${p}.policy`)}>
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
        <Errors errors={v.errors} slot={`${p}.policy`} />
      </fieldset>
      <DeadlineFields v={v} step={step} i={i} />
      {/* Open when it holds an error (a floor the reminders break), so the error is seen. */}
      <details class="reminders" open={!!v.errors[`${p}.reminders`]?.length}>
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
        <Errors errors={v.errors} slot={`${p}.reminders`} />
      </details>
      {v.values.steps.length > 1 && (
        <button type="submit" name="_action" value={`remove:${i}`} class="secondary" formNoValidate>
          {t.create.removeStep(i + 1)}
        </button>
      )}
    </fieldset>
  );
}

/** Title to steps; the caller adds its own fields around them and the buttons. */
export function TemplateFields({ v }: { v: TemplateView }) {
  const { ctx, values, errors } = v;
  const { t } = ctx;
  return (
    <>
      <label for="title">{t.create.fieldTitle}</label>
      <input id="title" name="title" value={values.title} maxLength={200} required {...invalid(errors, 'title')} />
      <Errors errors={errors} slot="title" />
      <label for="description">{t.create.fieldDescription}</label>
      <textarea id="description" name="description" rows={4} maxLength={5000} {...invalid(errors, 'description')}>
        {values.description}
      </textarea>
      <Errors errors={errors} slot="description" />
      <label for="category">{t.create.fieldCategory}</label>
      <select id="category" name="category" required {...invalid(errors, 'category')}>
        <option value="">{t.create.chooseCategory}</option>
        {CATEGORIES.map((c) => (
          <option value={c} selected={values.category === c}>
            {t.categories[c]}
          </option>
        ))}
      </select>
      <Errors errors={errors} slot="category" />
      <OrgChecklist v={v} name="tembusan[]" checked={values.tembusan} legend={t.create.tembusan} slot="tembusan" />
      <LetterFields ctx={ctx} values={values.letter} errors={errors} />
      {values.steps.map((s, i) => (
        <StepFields v={v} step={s} i={i} />
      ))}
      <Errors errors={errors} slot="steps" />
    </>
  );
}
