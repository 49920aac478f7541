/**
 * Every value of every enum people see has a label in both languages, in the one home of labels
 * (src/domain/labels.ts), and mails and pages show that same label. The enum arrays are read from
 * src/domain/types.ts itself: a new value, or a new enum, without a label fails here.
 */
import { WORDING } from '../../activities/notifications/templates/strings';
import { LABELS, type Labels } from '../../src/domain/labels';
import * as types from '../../src/domain/types';
import { dictionaryFor, LANGS } from '../../src/web/i18n/dictionary';

/** Which labels each enum array of types.ts is shown with. */
const LABELLED: Record<string, keyof Labels> = {
  CATEGORIES: 'categories',
  REQUEST_STATUSES: 'requestStatuses',
  PARTICIPANT_STATUSES: 'participantStatuses',
  STEP_STATUSES: 'stepStatuses',
  DECISIONS: 'decisions',
  LETTER_CLASSIFICATIONS: 'letterClassifications',
  ORG_KINDS: 'orgKinds',
  ORG_LEVELS: 'orgLevels',
  TIMELINE_KINDS: 'timeline',
  EXTENSION_STATUSES: 'extensionStatuses',
  EXTENSION_DECISIONS: 'extensionDecisions',
};

/** Enum arrays that are not shown as labels, and why. */
const NOT_LABELS: Record<string, string> = {
  ATTACHMENT_TYPES: 'media types, checked against file contents, never shown as words',
  INDONESIAN_TIME_ZONES: 'shown as WIB/WITA/WIT by the date formatting (src/domain/localTime.ts)',
  NOTIFICATION_KINDS: 'each kind has a whole subject line in the mail wording, checked below',
};

const enumArrays = (Object.entries(types) as Array<[string, unknown]>).filter((e): e is [string, readonly string[]] => Array.isArray(e[1]));

describe('labels', () => {
  it('knows every enum array of src/domain/types.ts, as labelled or as not a label', () => {
    expect(enumArrays.length).toBeGreaterThan(10);
    const unknown = enumArrays.map(([name]) => name).filter((name) => !(name in LABELLED) && !(name in NOT_LABELS));
    expect(unknown).toEqual([]);
  });

  it.each(LANGS)('gives every value of every shown enum a non-empty label in %s', (lang) => {
    const missing: string[] = [];
    for (const [name, values] of enumArrays) {
      const key = LABELLED[name];
      if (!key) continue;
      const labels = LABELS[lang][key] as Record<string, string | undefined>;
      for (const value of values) if (!labels[value]?.trim()) missing.push(`${name}.${value}`);
      // No label for a value the enum no longer has.
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
    }
    expect(missing).toEqual([]);
  });

  it.each(LANGS)('gives every notification kind a subject line in %s', (lang) => {
    for (const kind of types.NOTIFICATION_KINDS) {
      expect(WORDING[lang].subject[kind]({ label: 'H-1', revision: 2, tembusan: false }).trim()).not.toBe('');
    }
  });

  it.each(LANGS)('shows the same labels in mails and on pages (%s)', (lang) => {
    const page = dictionaryFor(lang);
    expect(WORDING[lang].categories).toEqual(page.categories);
    expect(WORDING[lang].classifications).toEqual(page.letter.classifications);
    expect(page.categories).toEqual(LABELS[lang].categories);
    expect(page.status).toEqual(LABELS[lang].requestStatuses);
    expect(page.participantStatus).toEqual(LABELS[lang].participantStatuses);
    expect(page.answers.extensionStatus).toEqual(LABELS[lang].extensionStatuses);
  });

  it('settles the wording that once differed between mails and pages', () => {
    expect(LABELS.id.categories.ALIGNMENT).toBe('Penyamaan persepsi');
    expect(LABELS.id.categories.ETHICS).toBe('Etik');
  });
});
