/**
 * RFC 9457 problem details, without HTTP: the kinds of problem (a stable `type` URN each, so
 * clients branch on it without parsing `detail`) and the error that carries one. Below both the
 * API (which sends them, src/api/problem.ts) and the modules that raise them for it
 * (src/attachments), so neither climbs into the other.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One failing input field: where it came from, its path, and why it failed. */
export interface FieldError {
  in: 'body' | 'query' | 'path' | 'header';
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  requestId?: string;
}

/** Problem kinds: URN (not a URL, so nobody expects to dereference it), title, HTTP status. */
export const PROBLEMS = {
  validation: { title: 'Invalid input', status: 400 },
  malformedJson: { title: 'Malformed JSON body', status: 400 },
  unauthenticated: { title: 'Missing or invalid credentials', status: 401 },
  forbidden: { title: 'Not allowed for this caller', status: 403 },
  notFound: { title: 'Not found', status: 404 },
  conflict: { title: 'Conflict with the current state', status: 409 },
  idempotencyConflict: { title: 'Idempotency key reused with a different body', status: 409 },
  payloadTooLarge: { title: 'Request body too large', status: 413 },
  unsupportedMediaType: { title: 'Unsupported media type', status: 415 },
  unprocessable: { title: 'Well-formed but not acceptable', status: 422 },
  rateLimited: { title: 'Too many requests', status: 429 },
  uploadQuota: { title: 'Too many unclaimed uploads for this organization', status: 429 },
  internal: { title: 'Internal error', status: 500 },
  unavailable: { title: 'Workflow engine unavailable', status: 503 },
  storeUnavailable: { title: 'Records store unavailable', status: 503 },
} as const;

export type ProblemKind = keyof typeof PROBLEMS;

export const problemType = (kind: ProblemKind): string => `urn:koordinasi:problem:${kind}`;

/** Thrown anywhere in a handler; the error middleware turns it into a response. */
export class ProblemError extends Error {
  constructor(
    readonly kind: ProblemKind,
    detail: string,
    readonly extra: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }

  get status(): number {
    return PROBLEMS[this.kind].status;
  }
}

export const validationProblem = (errors: FieldError[]): ProblemError =>
  new ProblemError('validation', errors.map((e) => `${e.in} ${e.field}: ${e.message}`).join('; '), { errors });
