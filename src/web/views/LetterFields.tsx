/** The letter's fields of the new-request form (all optional together; errors at each field). */
import { LETTER_CLASSIFICATIONS, LETTER_LIMITS } from '../../domain/types';
import type { PageContext } from '../context';
import type { LetterValues } from '../forms/createForm';
import { FieldErrors } from './components';

export function LetterFields({ ctx, values, errors }: { ctx: PageContext; values: LetterValues; errors: Record<string, string[]> }) {
  const t = ctx.t.letter;
  const field = (name: keyof LetterValues) => {
    const slot = `letter.${name}`;
    const bad = errors[slot]?.length;
    return {
      id: `letter-${name}`,
      name: `letter[${name}]`,
      ...(bad ? { 'aria-invalid': 'true' as const, 'aria-describedby': `letter-${name}-errors` } : {}),
    };
  };
  const Errors = ({ name }: { name: keyof LetterValues }) => <FieldErrors errors={errors[`letter.${name}`] ?? []} id={`letter-${name}-errors`} />;
  return (
    <fieldset class="card letter-form">
      <legend>{t.formLegend}</legend>
      <p class="hint">{t.formHint}</p>
      <label for="letter-number">{t.number}</label>
      <input {...field('number')} value={values.number} maxLength={LETTER_LIMITS.number} placeholder="123/PP.01.2-SD/5204/2026" />
      <Errors name="number" />
      <label for="letter-date">{t.date}</label>
      <input {...field('date')} type="date" value={values.date} />
      <Errors name="date" />
      <label for="letter-subject">{t.subject}</label>
      <input {...field('subject')} value={values.subject} maxLength={LETTER_LIMITS.subject} />
      <Errors name="subject" />
      <label for="letter-classification">{t.classification}</label>
      <select {...field('classification')}>
        {LETTER_CLASSIFICATIONS.map((c) => (
          <option value={c} selected={values.classification === c}>
            {t.classifications[c]}
          </option>
        ))}
      </select>
      <Errors name="classification" />
      <label for="letter-srikandiUrl">{t.srikandiUrl}</label>
      <input {...field('srikandiUrl')} type="url" value={values.srikandiUrl} maxLength={LETTER_LIMITS.url} />
      <Errors name="srikandiUrl" />
    </fieldset>
  );
}
