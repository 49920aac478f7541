/**
 * Why the store refused a change. Each problem names where it is (`organizations[3].timeZone`,
 * `row 4 whatsapp`), so an operator can find it in the file or the form; the API answers them as
 * problem+json 400 (invalid), 404 (unknown organization or position) or 409 (already exists).
 */
export interface InputProblem {
  field: string;
  message: string;
}

export class DirectoryInputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  }
}

export class DirectoryNotFoundError extends Error {}

export class DirectoryConflictError extends Error {}
