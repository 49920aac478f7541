/**
 * One place where a route is declared: the same declaration registers the Express handler and
 * the OpenAPI operation, and its zod schemas both validate the request and document it. A route
 * cannot exist without its documentation (tests/api/openapi.test.ts checks the reverse too).
 */
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Express, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { ProblemError, validationProblem, type FieldError } from './problem';
import { ProblemSchema } from './responses';

type Schema = z.ZodType | undefined;
type Out<T extends Schema> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteContext<P extends Schema, Q extends Schema, B extends Schema, H extends Schema> {
  req: Request;
  res: Response;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  headers: Out<H>;
}

export interface RouteDef<P extends Schema, Q extends Schema, B extends Schema, H extends Schema> {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI form, e.g. `/v1/coordination-requests/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Behind bearer authentication (adds 401/403/429 to the documented responses). */
  secured: boolean;
  params?: P;
  query?: Q;
  headers?: H;
  body?: B;
  /** A missing body is read as `{}` (e.g. cancel without a reason). */
  bodyOptional?: boolean;
  /**
   * A multipart/form-data body instead of JSON (file uploads): documented with `schema`, read by
   * `parser` (which refuses other media types and broken limits) before the handler runs.
   */
  multipart?: { schema: z.ZodType; parser: RequestHandler };
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string; headers?: Record<string, { description: string; schema: { type: 'string' | 'integer' } }> }>;
  /** Problem statuses this route may answer besides the common ones. */
  problems?: number[];
  handler?: (ctx: RouteContext<P, Q, B, H>) => Promise<void> | void;
  /** Plain Express handlers instead of `handler` (e.g. swagger-ui's page). */
  expressHandlers?: RequestHandler[];
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (problem+json with the failing fields)',
  401: 'Missing, invalid or expired token',
  403: 'Not allowed for this caller',
  404: 'Unknown coordination request (or one the caller may not see)',
  409: 'Conflict with the current state (the workflow refused the action; `detail` says why)',
  413: 'Request body too large',
  415: 'Body is not JSON',
  422: 'Well-formed, but not acceptable (e.g. too many attachments, an attachment that is not yours or already used)',
  429: 'Rate limited',
  503: 'Temporal unreachable (see Retry-After)',
};

/** `a.b[0].c` from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

export function issuesToFieldErrors(where: FieldError['in'], issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ in: where, field: fieldPath([...issue.path, key]), message: 'unknown field' }));
    }
    return [{ in: where, field: fieldPath(issue.path) || '(root)', message: issue.message }];
  });
}

function parsePart<T extends Schema>(schema: T, value: unknown, where: FieldError['in'], errors: FieldError[]): Out<T> {
  if (!schema) return undefined as Out<T>;
  const r = schema.safeParse(value);
  if (r.success) return r.data as Out<T>;
  errors.push(...issuesToFieldErrors(where, r.error.issues));
  return undefined as Out<T>;
}

export const toExpressPath = (openApiPath: string): string => openApiPath.replace(/\{(\w+)\}/g, ':$1');

export function defineRoute<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined, H extends Schema = undefined>(
  app: Express,
  registry: OpenAPIRegistry,
  def: RouteDef<P, Q, B, H>,
): void {
  const problems = new Set<number>(def.problems ?? []);
  if (def.params || def.query || def.body || def.headers) problems.add(400);
  if (def.body) [413, 415].forEach((s) => problems.add(s));
  if (def.multipart) [400, 413, 415, 422].forEach((s) => problems.add(s));
  if (def.secured) [401, 403, 429].forEach((s) => problems.add(s));

  const responses: RouteConfig['responses'] = {};
  for (const [status, r] of Object.entries(def.responses)) {
    responses[status] = {
      description: r.description,
      ...(r.headers ? { headers: r.headers } : {}),
      ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema } } } : {}),
    };
  }
  for (const status of [...problems].sort()) {
    responses[String(status)] = {
      description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem',
      ...(status === 503 || status === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
  }
  registry.registerPath({
    method: def.method,
    path: def.path,
    operationId: def.operationId,
    summary: def.summary,
    ...(def.description ? { description: def.description } : {}),
    tags: def.tags,
    ...(def.secured ? { security: [{ bearerAuth: [] }] } : { security: [] }),
    request: {
      ...(def.params ? { params: def.params as unknown as z.ZodObject } : {}),
      ...(def.query ? { query: def.query as unknown as z.ZodObject } : {}),
      ...(def.headers ? { headers: def.headers as unknown as z.ZodObject } : {}),
      ...(def.body ? { body: { required: !def.bodyOptional, content: { 'application/json': { schema: def.body } } } } : {}),
      ...(def.multipart ? { body: { required: true, content: { 'multipart/form-data': { schema: def.multipart.schema } } } } : {}),
    },
    responses,
  });

  const handlers: RequestHandler[] = def.expressHandlers ?? [
    async (req, res) => {
      const errors: FieldError[] = [];
      let rawBody: unknown = req.body;
      if (def.body) {
        const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
        if (hasBody && !req.is('application/json')) {
          throw new ProblemError('unsupportedMediaType', 'send the body as application/json');
        }
        if (rawBody === undefined) {
          if (def.bodyOptional) rawBody = {};
          else throw validationProblem([{ in: 'body', field: '(root)', message: 'a JSON body is required' }]);
        }
      }
      const ctx: RouteContext<P, Q, B, H> = {
        req,
        res,
        params: parsePart(def.params as P, req.params, 'path', errors),
        query: parsePart(def.query as Q, req.query, 'query', errors),
        headers: parsePart(def.headers as H, req.headers, 'header', errors),
        body: parsePart(def.body as B, rawBody, 'body', errors),
      };
      if (errors.length) throw validationProblem(errors);
      await def.handler!(ctx);
    },
  ];
  app[def.method](toExpressPath(def.path), ...(def.multipart ? [def.multipart.parser] : []), ...handlers);
}
