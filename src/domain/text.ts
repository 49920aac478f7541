/**
 * Free text that people type (titles, descriptions, comments, reasons): its length limits and
 * the characters it may not carry. Both the API schemas and the workflow validators read these,
 * so a limit cannot differ between the two.
 *
 * Refused characters: C0/C1 control characters (NUL and friends; tab and line breaks are fine in
 * multi-line text) and the Unicode bidirectional controls (U+202A–U+202E, U+2066–U+2069,
 * U+200E/U+200F, U+061C), which make a mail subject or a page show text in another order than it
 * was written ("gnp.exe" read as "exe.png").
 */

export const TEXT_LIMITS = {
  title: 200,
  description: 5000,
  comment: 2000,
  stepName: 200,
} as const;

// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Why a piece of free text is refused, or null when it may be stored and shown. */
export function freeTextProblem(text: string, opts: { multiLine: boolean }): string | null {
  if (BIDI_CONTROL.test(text)) return 'must not contain bidirectional control characters (such as U+202E)';
  if ((opts.multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(text)) {
    return opts.multiLine ? 'must not contain control characters other than tab and line breaks' : 'must not contain control characters';
  }
  return null;
}

/** A comment, reason or description: within `max` characters and free of refused characters. */
export function textProblem(text: string | undefined, what: string, max: number, multiLine = true): string | null {
  if (text === undefined) return null;
  if (text.length > max) return `${what} is longer than ${max} characters`;
  const bad = freeTextProblem(text, { multiLine });
  return bad ? `${what} ${bad}` : null;
}

/** A request for changes says what should change. */
export const CHANGES_NEED_COMMENT = 'a request for changes needs a comment';
export const changesNeedComment = (decision: string, comment: string | undefined): boolean =>
  decision === 'REQUEST_CHANGES' && !comment?.trim();
