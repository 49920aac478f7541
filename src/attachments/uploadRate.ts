/**
 * How often one caller (organization + user) may upload: ATTACHMENT_UPLOAD_RATE_PER_MINUTE, far
 * below the API's general rate limit, since each upload may carry ATTACHMENT_MAX_COUNT files of
 * ATTACHMENT_MAX_BYTES. This paces a client; the per-organization quota on unclaimed uploads
 * (store.ts) is what bounds the space they take.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ProblemError } from '../errors/problem';
import type { Actor } from '../domain/types';

/**
 * A limiter counting each upload of the caller `actorOf` names; past the budget it hands
 * `onLimited` a 429 problem (with Retry-After) instead of passing the request on.
 */
export function uploadRateLimit(
  limits: { perMinute: number },
  actorOf: (res: Response) => Actor,
  onLimited: (next: NextFunction, problem: ProblemError, req: Request, res: Response) => void,
): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limits.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (_req: Request, res: Response) => {
      const a = actorOf(res);
      return `${a.org}/${a.sub}`;
    },
    handler: (req: Request, res: Response, next: NextFunction) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const wait = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
      onLimited(next, new ProblemError('rateLimited', `at most ${limits.perMinute} uploads per minute; retry in ${wait} s`, { retryAfterSeconds: wait }), req, res);
    },
  });
}
