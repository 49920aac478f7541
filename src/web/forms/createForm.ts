/**
 * The new-request form as data: its values (strings, as the browser sends them), the API create
 * body they stand for, and the API's field errors sorted to the form's slots. Validation is the
 * API's own: CreateRequestBodySchema, then the directory/clock checks of createInput.ts.
 */
import { randomUUID } from 'node:crypto';
import type { FieldError } from '../../api/problem';
import { issuesToFieldErrors } from '../../api/route';
import { CreateRequestBodySchema, type CreateRequestBody } from '../../api/schemas';
import { ATTACHMENT_ID } from '../../domain/letter';
import type { Stage, StagesFile } from '../../stages/stages';
import { fromLocalInput } from '../i18n/dates';

export interface StepValues {
  name: string;
  participants: string[];
  policy: string;
  min: string;
  deadlineKind: string;
  days: string;
  /** DURATION: hours from the start of the step. */
  hours: string;
  /** STAGE: the stage of the election schedule and working days from it (negative: before). */
  stage: string;
  offset: string;
  at: string;
  before: string;
  atDeadline: boolean;
  daily: boolean;
  escalate: string;
}

export interface LetterValues {
  number: string;
  date: string;
  subject: string;
  classification: string;
  srikandiUrl: string;
}

export interface CreateValues {
  title: string;
  description: string;
  category: string;
  tembusan: string[];
  steps: StepValues[];
  letter: LetterValues;
  /** Ids of files uploaded by earlier posts of this form (kept while the form goes back and forth). */
  attachments: string[];
  /** Idempotency key of this form: every submit of it names the same request. */
  key: string;
}

export const MAX_STEPS = 20;

/** An empty new-request form (also the template part of the new-schedule form), with a fresh key. */
export const blankRequest = (): CreateValues => ({ title: '', description: '', category: '', tembusan: [], steps: [blankStep()], letter: blankLetter(), attachments: [], key: randomUUID() });

/** The idempotency key a form carries: one it posted back if usable (printable ASCII, like the header), else a new one. */
export const formKey = (posted: string): string => (/^[\x21-\x7e]{1,255}$/.test(posted) ? posted : randomUUID());

/** The form's own step buttons ("add", "remove:N"): edits `steps` and says whether the post was one. */
export function editSteps(steps: StepValues[], action: string): boolean {
  if (action === 'add') {
    if (steps.length < MAX_STEPS) steps.push(blankStep());
    return true;
  }
  const remove = /^remove:(\d+)$/.exec(action);
  if (!remove) return false;
  if (steps.length > 1) steps.splice(Number(remove[1]), 1);
  return true;
}

export const blankLetter = (): LetterValues => ({ number: '', date: '', subject: '', classification: 'BIASA', srikandiUrl: '' });

export const blankStep = (): StepValues => ({
  name: '',
  participants: [],
  policy: 'ALL',
  min: '',
  deadlineKind: 'WORKING_DAYS',
  days: '5',
  hours: '48',
  stage: '',
  offset: '-5',
  at: '',
  before: '3, 1',
  atDeadline: true,
  daily: true,
  escalate: '1',
});

/** The stages a deadline may follow; none while the stages file is unreadable (the create then says why). */
export function stageChoices(stages: Pick<StagesFile, 'current'>): Stage[] {
  try {
    return stages.current();
  } catch {
    return [];
  }
}

const str = (v: unknown, max = 10_000): string => (typeof v === 'string' ? v.slice(0, max) : '');
/** Checkbox groups arrive as a string (one ticked), an array, or (many, qs) an index object. */
const strings = (v: unknown): string[] => {
  const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : [];
  return list.filter((x): x is string => typeof x === 'string').slice(0, 100);
};

/** Values from a posted form (anything the browser or an attacker sends). */
export function readCreateForm(body: unknown): { values: CreateValues; action: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  const rawSteps = Array.isArray(b.steps) ? b.steps : b.steps && typeof b.steps === 'object' ? Object.values(b.steps) : [];
  const steps = rawSteps.slice(0, MAX_STEPS).map((raw): StepValues => {
    const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    return {
      name: str(s.name, 300),
      participants: strings(s.participants),
      policy: str(s.policy, 20) || 'ALL',
      min: str(s.min, 10),
      deadlineKind: str(s.deadlineKind, 20) || 'WORKING_DAYS',
      days: str(s.days, 10),
      hours: str(s.hours, 10),
      stage: str(s.stage, 100),
      offset: str(s.offset, 10),
      at: str(s.at, 40),
      before: str(s.before, 200),
      atDeadline: s.atDeadline !== undefined,
      daily: s.daily !== undefined,
      escalate: str(s.escalate, 10),
    };
  });
  const l = (b.letter && typeof b.letter === 'object' ? b.letter : {}) as Record<string, unknown>;
  return {
    values: {
      title: str(b.title, 1000),
      description: str(b.description, 20_000),
      category: str(b.category, 40),
      tembusan: strings(b.tembusan),
      steps: steps.length ? steps : [blankStep()],
      letter: {
        number: str(l.number, 300),
        date: str(l.date, 20),
        subject: str(l.subject, 1000),
        classification: str(l.classification, 20) || 'BIASA',
        srikandiUrl: str(l.srikandiUrl, 4000),
      },
      attachments: strings(b.attachments).filter((id) => ATTACHMENT_ID.test(id)).slice(0, 20),
      key: str(b._key, 255),
    },
    action: str(b._action, 40) || 'submit',
  };
}

const num = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v.trim()));
const days = (v: string): string => `P${v.trim()}D`;

/** The API deadline a step's values stand for (the kinds a browser can pick). */
function deadlineBody(s: StepValues, zone: string): unknown {
  switch (s.deadlineKind) {
    case 'AT':
      return { kind: 'AT', at: fromLocalInput(s.at, zone) };
    case 'DURATION':
      return { kind: 'DURATION', duration: /^\d{1,5}$/.test(s.hours.trim()) ? `PT${s.hours.trim()}H` : s.hours.trim() };
    case 'STAGE':
      return { kind: 'STAGE', stage: s.stage, offsetWorkingDays: num(s.offset) };
    default:
      return { kind: 'WORKING_DAYS', days: num(s.days) };
  }
}

/** The letter, when any of its own fields is filled in (the classification alone has a default). */
function letterBody(l: LetterValues): unknown {
  const filled = [l.number, l.date, l.subject, l.srikandiUrl].some((x) => x.trim() !== '');
  if (!filled) return undefined;
  return { number: l.number, date: l.date, subject: l.subject, classification: l.classification, ...(l.srikandiUrl.trim() ? { srikandiUrl: l.srikandiUrl.trim() } : {}) };
}

/** The API create body the values stand for (not yet validated). */
export function toCreateBody(v: CreateValues, zone: string): unknown {
  const letter = letterBody(v.letter);
  return {
    ...(letter ? { letter } : {}),
    ...(v.attachments.length ? { attachments: v.attachments } : {}),
    title: v.title,
    description: v.description,
    ...(v.category ? { category: v.category } : {}),
    tembusan: v.tembusan,
    steps: v.steps.map((s) => ({
      ...(s.name.trim() ? { name: s.name.trim() } : {}),
      participants: s.participants,
      policy: s.policy === 'QUORUM' ? { type: 'QUORUM', min: num(s.min) } : { type: s.policy },
      deadline: deadlineBody(s, zone),
      reminders: {
        before: s.before.split(',').map((x) => x.trim()).filter(Boolean).map(days),
        atDeadline: s.atDeadline,
        repeatEvery: s.daily ? 'P1D' : null,
        escalateAfter: s.escalate.trim() === '' ? null : days(s.escalate),
      },
    })),
  };
}

export type ParsedCreate = { ok: true; body: CreateRequestBody } | { ok: false; errors: FieldError[] };

export function parseCreateBody(body: unknown): ParsedCreate {
  const r = CreateRequestBodySchema.safeParse(body);
  return r.success ? { ok: true, body: r.data } : { ok: false, errors: issuesToFieldErrors('body', r.error.issues) };
}

/**
 * The form slot an API field error belongs to: `steps[1].deadline.days` → `steps[1].deadline`,
 * `tembusan[2]` → `tembusan`, `letter.date` → `letter.date`.
 */
export function slotOf(field: string): string {
  const letter = /^letter\.(\w+)/.exec(field);
  if (letter) return `letter.${letter[1]}`;
  const step = /^steps\[(\d+)\]\.(\w+)/.exec(field);
  if (step) return `steps[${step[1]}].${step[2]}`;
  return /^\w+/.exec(field)?.[0] ?? '(root)';
}

export function errorsBySlot(errors: FieldError[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) (out[slotOf(e.field)] ??= []).push(e.message);
  return out;
}
