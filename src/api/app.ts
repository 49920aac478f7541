/**
 * The HTTP facade (docs/ARCHITECTURE.md#http-api, #http-contract-and-identity): an Express app over the Temporal client. `createApp` builds it
 * without listening, so src/server.ts decides where it listens and tests drive it with supertest.
 *
 * Middleware order, and why:
 * 1. request id + structured log (pino-http) and metrics first, so every response is counted and
 *    logged, including auth failures and 404s; logs never contain headers (Authorization, Cookie,
 *    Set-Cookie) nor query strings;
 * 2. helmet security headers;
 * 3. on /v1: authentication, then a per-caller rate limit, then the JSON body parser (with the
 *    configured limit) — anonymous callers never get their bodies parsed;
 * 4. routes (route.ts: one declaration = Express handler + OpenAPI operation), then whatever
 *    `mount` adds (the web pages at `/`);
 * 5. 404 and error handlers answering application/problem+json.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Client } from '@temporalio/client';
import express, { type Express, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Registry } from 'prom-client';
import type { Config } from '../config';
import type { Directory } from '../directory/directory';
import type { RecordsDb } from '../records/database';
import { authenticate, callerOf, createVerifier, type Verifier } from './auth';
import { CoordinationService } from './coordinationService';
import { errorHandler } from './errors';
import { createHttpMetrics } from './metrics';
import { buildDocument, createRegistry, type OpenApiDocument } from './openapi';
import { PageTokens } from './pageToken';
import { ProblemError, sendProblem } from './problem';
import { perMinute } from './rateLimits';
import { RecordQueries } from './recordQueries';
import { RequestReads } from './requestReads';
import { presenceProbe } from '../records/presence';
import { reportRoutes } from './routes/reports';
import { organizationRoutes } from './routes/organizations';
import { conditionRoutes } from './routes/conditions';
import { extensionRoutes } from './routes/extensions';
import { requestRoutes } from './routes/requests';
import { attachmentRoutes } from './routes/attachments';
import { AttachmentStore } from '../attachments/store';
import { limitsOf } from '../attachments/upload';
import { stageRoutes } from './routes/stages';
import { StageDeadlines } from './stageDeadlines';
import { scheduleRoutes } from './routes/schedules';
import { ScheduleService } from './schedules/service';
import { createWorkingCalendar, type WorkingCalendar } from '../domain/calendar';
import { StagesFile } from '../stages/stages';
import { systemRoutes } from './routes/system';
import { floorsOf } from './floors';

export interface AppDeps {
  config: Config;
  directory: Directory;
  client: Client;
  logger: Logger;
  /** The records store (src/records): lists, reports, and reads of requests Temporal no longer answers for. */
  records: RecordsDb;
  /** Registry to expose at /metrics (e.g. shared with the worker's metrics); a fresh one by default. */
  metricsRegistry?: Registry;
  /** The election schedule (STAGE deadlines); by default the file at STAGES_PATH, re-read when it changes. */
  stages?: StagesFile;
  /** Clock for input checks such as "deadline in the past" (tests). */
  now?: () => number;
  /** Deadline of each Temporal call in ms (default 10 s; updates get 3×): past it, 503. */
  temporalDeadlineMs?: number;
  /** Token verifier; by default built from the config (HS256 secret or JWKS). */
  verifier?: Verifier;
  /**
   * More routes on the same app, mounted after the API's and before its 404 handler, sharing its
   * services: the web pages (src/web), composed by src/server.ts so the API never imports them.
   */
  mount?: (
    app: Express,
    shared: { service: CoordinationService; reads: RequestReads; queries: RecordQueries; schedules: ScheduleService; attachments: AttachmentStore; stages: StagesFile; calendar: WorkingCalendar; stageDeadlines: StageDeadlines; now: () => number },
  ) => void;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function createApp(deps: AppDeps): Express {
  const { config, directory, client, logger } = deps;
  const now = deps.now ?? Date.now;
  const verifier = deps.verifier ?? createVerifier(config);
  const metrics = createHttpMetrics(deps.metricsRegistry ? { registry: deps.metricsRegistry } : {});
  const registry = createRegistry();
  const pageTokens = PageTokens.fromConfig(config);
  const stages = deps.stages ?? new StagesFile(config.STAGES_PATH);
  const service = new CoordinationService(client, {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    rpcDeadlineMs: deps.temporalDeadlineMs,
  });

  const app = express();
  app.disable('x-powered-by');

  app.use(
    pinoHttp({
      logger,
      // Honour a caller's or proxy's request id when it is sane, so logs correlate across hops.
      genReqId: (req: IncomingMessage, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Our own serializers: method, path and id of the request, status and size of the response —
      // never headers (Authorization, Cookie, Set-Cookie: a logged session cookie is a sign-in)
      // nor query strings (email-link tokens). pino-http adds the response time.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: String(req.url).split('?')[0] }),
        res: (res: { statusCode: number; headers?: Record<string, unknown> }) => ({ statusCode: res.statusCode, size: Number(res.headers?.['content-length']) || undefined }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );
  app.use(metrics.middleware);
  // HSTS only where it means something: over plain http browsers ignore it, and a development
  // address must not be pinned to https.
  app.use(helmet({ strictTransportSecurity: new URL(config.PUBLIC_BASE_URL).protocol === 'https:' }));

  app.use(
    '/v1',
    authenticate(verifier, directory),
    perMinute({
      limit: config.RATE_LIMIT_PER_MINUTE,
      // Per caller (organization + user), not per IP: many staff share an office NAT.
      key: (_req: Request, res: Response) => {
        const c = callerOf(res);
        return `${c.org}/${c.sub}`;
      },
      refuse: (req: Request, res: Response, wait: number) => {
        sendProblem(res, new ProblemError('rateLimited', `rate limit of ${config.RATE_LIMIT_PER_MINUTE} requests per minute exceeded`, { retryAfterSeconds: wait }), String(req.id));
      },
    }),
    express.json({ limit: config.BODY_LIMIT, type: ['application/json', 'application/*+json'] }),
  );

  // Public routes (no token): a budget per client address. Behind a proxy all clients share the
  // proxy's address, which errs on the safe side; the probes are not limited (see routes/system.ts).
  app.use(
    ['/metrics', '/openapi.json', '/docs'],
    perMinute({
      limit: config.PUBLIC_RATE_LIMIT_PER_MINUTE,
      refuse: (req: Request, res: Response, wait: number) => {
        sendProblem(res, new ProblemError('rateLimited', `rate limit of ${config.PUBLIC_RATE_LIMIT_PER_MINUTE} requests per minute exceeded`, { retryAfterSeconds: wait }), String(req.id));
      },
    }),
  );

  let document: OpenApiDocument | undefined;
  systemRoutes(app, registry, { client, metrics: metrics.registry, document: () => (document ??= buildDocument(registry, config)) });
  organizationRoutes(app, registry, directory);
  const queries = new RecordQueries(deps.records, pageTokens);
  const reads = new RequestReads(service, deps.records, directory, presenceProbe(deps.records, config.TEMPORAL_TASK_QUEUE));
  const attachments = new AttachmentStore(deps.records);
  const attachmentLimits = limitsOf(config);
  const floors = floorsOf(config);
  requestRoutes(app, registry, { directory, service, reads, queries, stages, attachments, attachmentLimits, floors, now });
  attachmentRoutes(app, registry, { store: attachments, reads, limits: attachmentLimits });
  const stageDeadlines = new StageDeadlines(stages, service, deps.records);
  stageRoutes(app, registry, stageDeadlines);
  conditionRoutes(app, registry, { directory, service, reads });
  const schedules = new ScheduleService(client, config.TEMPORAL_TASK_QUEUE);
  const calendar = createWorkingCalendar({ jointLeaveDays: config.CUTI_BERSAMA, workStart: config.WORKING_HOURS_START, workEnd: config.WORKING_HOURS_END });
  scheduleRoutes(app, registry, { directory, schedules, stages, calendar, floors, now });
  extensionRoutes(app, registry, { directory, service, reads });
  reportRoutes(app, registry, { directory, queries });
  document = buildDocument(registry, config);
  deps.mount?.(app, { service, reads, queries, schedules, attachments, stages, calendar, stageDeadlines, now });

  app.use((req, res) => {
    sendProblem(res, new ProblemError('notFound', `no route for ${req.method} ${req.path}`), String(req.id));
  });
  app.use(errorHandler(logger));
  return app;
}
