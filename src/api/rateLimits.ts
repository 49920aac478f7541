/**
 * Requests per minute, counted in this process's memory (express-rate-limit): one setup for the
 * API's per-caller limit, the public routes' and the web pages' per-address limits. With N
 * processes behind a balancer a client gets up to N × the limit.
 */
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

export interface PerMinuteLimit {
  limit: number;
  /**
   * Who is counted; undefined (or no `key`): the client address (behind a proxy: the proxy's, on
   * the safe side; an IPv6 client by its /56 network).
   */
  key?: (req: Request, res: Response) => string | undefined;
  /** The refusal, with how long until the window resets. */
  refuse: (req: Request, res: Response, retryAfterSeconds: number) => void;
}

export function perMinute({ limit, key, refuse }: PerMinuteLimit): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    validate: { xForwardedForHeader: false },
    keyGenerator: (req: Request, res: Response) => key?.(req, res) ?? `ip:${ipKeyGenerator(req.ip ?? '')}`,
    handler: (req: Request, res: Response) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      refuse(req, res, reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60);
    },
  });
}
