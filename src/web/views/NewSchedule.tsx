/**
 * The new-schedule form: the request template (the new-request form's fields), then when it
 * recurs and for how long. Works without JavaScript, like the new-request form.
 */
import type { ScheduleValues } from '../forms/scheduleForm';
import { zoneAbbreviation } from '../i18n/dates';
import { CsrfField, Notice } from './components';
import { Layout } from './Layout';
import { StepButtons } from './NewRequest';
import { Errors, invalid, TemplateFields, type TemplateView } from './TemplateFields';

export interface NewScheduleView extends TemplateView {
  schedule: ScheduleValues;
}

function RecurrenceFields({ v }: { v: NewScheduleView }) {
  const { ctx, schedule: s, errors } = v;
  const t = ctx.t.scheduleForm;
  const repeat = (value: ScheduleValues['repeat'], label: string) => (
    <label class="choice">
      <input type="radio" name="repeat" value={value} checked={s.repeat === value} /> {label}
    </label>
  );
  return (
    <fieldset class="card recurrence-form" {...invalid(errors, 'recurrence')}>
      <legend>{t.recurrence}</legend>
      <p class="hint">{t.zoneHint(ctx.zone, zoneAbbreviation(ctx.zone))}</p>
      {repeat('monthly', t.monthly)}
      <label for="dayOfMonth">{t.dayOfMonth}</label>
      <select id="dayOfMonth" name="dayOfMonth">
        {Array.from({ length: 28 }, (_, i) => String(i + 1)).map((d) => (
          <option value={d} selected={s.dayOfMonth === d}>
            {d}
          </option>
        ))}
      </select>
      {repeat('weekly', t.weekly)}
      <label for="weekday">{t.weekday}</label>
      <select id="weekday" name="weekday">
        {t.weekdays.map((name, i) => (
          <option value={String(i)} selected={s.weekday === String(i)}>
            {name}
          </option>
        ))}
      </select>
      <label for="time">{t.time}</label>
      <input id="time" name="time" type="time" value={s.time} />
      {repeat('cron', t.cron)}
      <label for="cron">{t.cronValue}</label>
      <input id="cron" name="cron" value={s.cron} maxLength={100} aria-describedby="cron-hint" />
      <p class="hint" id="cron-hint">
        {t.cronHint}
      </p>
      {repeat('interval', t.interval)}
      <label for="every">{t.intervalValue}</label>
      <input id="every" name="every" value={s.every} maxLength={40} aria-describedby="every-hint" />
      <p class="hint" id="every-hint">
        {t.intervalHint}
      </p>
      <Errors errors={errors} slot="recurrence" />
    </fieldset>
  );
}

function PeriodFields({ v }: { v: NewScheduleView }) {
  const { ctx, schedule: s, errors } = v;
  const t = ctx.t.scheduleForm;
  return (
    <fieldset class="card">
      <legend>{ctx.t.schedules.period}</legend>
      <label for="startDate">{t.startDate}</label>
      <input id="startDate" name="startDate" type="date" value={s.startDate} {...invalid(errors, 'startDate')} />
      <Errors errors={errors} slot="startDate" />
      <label for="endDate">{t.endDate}</label>
      <input id="endDate" name="endDate" type="date" value={s.endDate} {...invalid(errors, 'endDate')} />
      <Errors errors={errors} slot="endDate" />
      <label class="choice">
        <input type="checkbox" name="skipHolidays" value="1" checked={s.skipHolidays} /> {t.skipHolidays}
      </label>
      <Errors errors={errors} slot="skipHolidays" />
      <label class="choice">
        <input type="checkbox" name="paused" value="1" checked={s.paused} /> {t.paused}
      </label>
      <label for="note">{t.note}</label>
      <input id="note" name="note" value={s.note} maxLength={2000} {...invalid(errors, 'note')} />
      <Errors errors={errors} slot="note" />
    </fieldset>
  );
}

export function NewSchedulePage({ v }: { v: NewScheduleView }) {
  const { ctx } = v;
  const t = ctx.t.scheduleForm;
  const hasErrors = Object.keys(v.errors).length > 0;
  return (
    <Layout ctx={ctx} title={t.title}>
      <p>{t.intro}</p>
      {hasErrors && <Notice kind="error">{ctx.t.create.fixErrors}</Notice>}
      <Errors errors={v.errors} slot="(root)" />
      <form method="post" action="/schedules" class="create" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="_key" value={v.schedule.key} />
        <fieldset class="card template-form">
          <legend>{t.template}</legend>
          <p class="hint">{t.templateHint}</p>
          <TemplateFields v={v} />
        </fieldset>
        <RecurrenceFields v={v} />
        <PeriodFields v={v} />
        <StepButtons v={v} submit={t.submit} />
      </form>
    </Layout>
  );
}
