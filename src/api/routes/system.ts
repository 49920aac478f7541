/**
 * Operational routes, no authentication: liveness, readiness (Temporal reachable), Prometheus
 * metrics, the OpenAPI document and its interactive docs. The app (app.ts) rate-limits them per
 * client address, except the probes: /healthz costs nothing and /readyz is cached, and a flood of
 * other clients must never make a load balancer see this instance as down.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import express, { type Express } from 'express';
import type { Registry } from 'prom-client';
import swaggerUi from 'swagger-ui-express';
import { z } from 'zod';
import { RETRY_AFTER_SECONDS } from '../errors';
import type { OpenApiDocument } from '../openapi';
import { ProblemError } from '../problem';
import { HealthSchema } from '../responses';
import { defineRoute } from '../route';

/** Readiness must answer fast even when Temporal hangs: load balancers time out in seconds. */
const READINESS_DEADLINE_MS = 2000;
/**
 * A readiness answer is reused this long after it settled, and concurrent probes share one check:
 * however often /readyz is hit (it needs no token), Temporal sees at most one call per period.
 */
export const READINESS_CACHE_MS = 2000;

/** Is Temporal reachable (and the namespace there)? One check at a time, its answer cached briefly. */
function readinessCheck(client: Client): () => Promise<boolean> {
  let last: { ready: Promise<boolean>; settledAt?: number } | undefined;
  return () => {
    if (!last || (last.settledAt !== undefined && Date.now() - last.settledAt > READINESS_CACHE_MS)) {
      const entry: { ready: Promise<boolean>; settledAt?: number } = {
        ready: client.connection
          .withDeadline(Date.now() + READINESS_DEADLINE_MS, () => client.workflowService.describeNamespace({ namespace: client.options.namespace }))
          .then(
            () => true,
            () => false,
          )
          .finally(() => {
            entry.settledAt = Date.now();
          }),
      };
      last = entry;
    }
    return last.ready;
  };
}

export function systemRoutes(
  app: Express,
  registry: OpenAPIRegistry,
  deps: { client: Client; metrics: Registry; document: () => OpenApiDocument },
): void {
  const ready = readinessCheck(deps.client);
  defineRoute(app, registry, {
    method: 'get',
    path: '/healthz',
    operationId: 'healthz',
    summary: 'Liveness: the process serves HTTP',
    tags: ['operations'],
    secured: false,
    responses: { 200: { description: 'Alive', schema: HealthSchema } },
    handler: ({ res }) => {
      res.json({ status: 'ok' });
    },
  });

  defineRoute(app, registry, {
    method: 'get',
    path: '/readyz',
    operationId: 'readyz',
    summary: 'Readiness: Temporal is reachable and the namespace exists',
    tags: ['operations'],
    secured: false,
    responses: { 200: { description: 'Ready', schema: HealthSchema } },
    problems: [503],
    handler: async ({ res }) => {
      // Whatever the reason (down, slow, namespace missing), this instance cannot serve now.
      if (!(await ready())) throw new ProblemError('unavailable', 'Temporal is not reachable', { retryAfterSeconds: RETRY_AFTER_SECONDS });
      res.json({ status: 'ready' });
    },
  });

  defineRoute(app, registry, {
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics (text exposition format)',
    tags: ['operations'],
    secured: false,
    responses: { 200: { description: 'Metrics', schema: z.string(), contentType: 'text/plain' } },
    handler: async ({ res }) => {
      res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
    },
  });

  defineRoute(app, registry, {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    summary: 'This OpenAPI 3.1 document',
    tags: ['operations'],
    secured: false,
    responses: { 200: { description: 'OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
    handler: ({ res }) => {
      res.json(deps.document());
    },
  });

  // The page loads the document from /openapi.json; <base> makes its relative asset links resolve
  // under /docs/ whether or not the URL has a trailing slash.
  const html = swaggerUi
    .generateHTML(undefined, { swaggerUrl: '/openapi.json', customSiteTitle: 'Koordinasi API' })
    .replace('<head>', '<head><base href="/docs/">');
  defineRoute(app, registry, {
    method: 'get',
    path: '/docs',
    operationId: 'docs',
    summary: 'Interactive API documentation (Swagger UI)',
    tags: ['operations'],
    secured: false,
    responses: { 200: { description: 'HTML page', schema: z.string(), contentType: 'text/html' } },
    expressHandlers: [(_req, res) => void res.type('html').send(html)],
  });
  // Swagger UI's static assets (scripts, styles) below /docs/.
  app.use('/docs', swaggerUi.serve as express.RequestHandler[]);
}
