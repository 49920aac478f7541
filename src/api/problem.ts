/**
 * RFC 9457 problem details. Every error the API sends is one of these, with a stable `type` URN
 * per kind of problem so clients can branch on it without parsing `detail`. The kinds and the
 * error live in src/errors/problem.ts (attachments raise them too); this module sends them.
 */
import type { Response } from 'express';
import { PROBLEM_CONTENT_TYPE, PROBLEMS, problemType, type Problem, type ProblemError } from '../errors/problem';

export { PROBLEM_CONTENT_TYPE, PROBLEMS, ProblemError, problemType, validationProblem } from '../errors/problem';
export type { FieldError, Problem, ProblemKind } from '../errors/problem';

export function sendProblem(res: Response, err: ProblemError, requestId?: string): void {
  const def = PROBLEMS[err.kind];
  const body: Problem = {
    type: problemType(err.kind),
    title: def.title,
    status: def.status,
    detail: err.message,
    instance: res.req.originalUrl.split('?')[0],
    ...(err.extra.errors ? { errors: err.extra.errors } : {}),
    ...(requestId ? { requestId } : {}),
  };
  if (err.extra.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(err.extra.retryAfterSeconds));
  res.status(def.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}
