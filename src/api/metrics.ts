/**
 * Prometheus metrics of the HTTP facade. Each app gets its own Registry (never prom-client's
 * global one) so several apps can live in one process, as tests do. Routes are labelled by their
 * declared pattern (`/v1/coordination-requests/:id`), never by the raw URL, to keep the label
 * set small and free of ids.
 */
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface HttpMetrics {
  registry: Registry;
  middleware: RequestHandler;
}

export function createHttpMetrics(opts: { registry?: Registry; defaultMetrics?: boolean } = {}): HttpMetrics {
  const registry = opts.registry ?? new Registry();
  if (opts.defaultMetrics ?? !opts.registry) collectDefaultMetrics({ register: registry, prefix: 'koordinasi_api_' });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'koordinasi_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'koordinasi_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const middleware: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    res.on('finish', () => {
      // req.route is set once a route matched; everything else (404s, auth failures) is pooled.
      const route = req.route?.path ? String(req.route.path) : 'unmatched';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      requests.inc(labels);
      end(labels);
    });
    next();
  };
  return { registry, middleware };
}
