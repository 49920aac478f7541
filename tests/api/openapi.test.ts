/**
 * The OpenAPI document and the Express app describe the same API: this fails when a route exists
 * that the document lacks, or the document lists an operation no route serves.
 */
import type { Express } from 'express';
import request from 'supertest';
import { offlineApp } from '../support/apiHarness';

const offline = offlineApp();
afterAll(() => offline.close());

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** `METHOD /path/{param}` of every route registered on the app. */
function expressOperations(app: Express): string[] {
  const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  return stack
    .filter((l) => l.route)
    .flatMap((l) => {
      const paths = Array.isArray(l.route!.path) ? l.route!.path : [l.route!.path];
      const methods = Object.keys(l.route!.methods).filter((m) => l.route!.methods[m] && m !== '_all');
      return paths.flatMap((p) => methods.map((m) => `${m.toUpperCase()} ${p.replace(/:(\w+)/g, '{$1}')}`));
    })
    .sort();
}

function documentOperations(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
  return Object.entries(doc.paths)
    .flatMap(([path, item]) => Object.keys(item).filter((m) => methods.includes(m)).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

test('the document lists exactly the routes the app serves', async () => {
  const res = await request(offline.app).get('/openapi.json');
  expect(res.status).toBe(200);
  const fromApp = expressOperations(offline.app);
  const fromDoc = documentOperations(res.body);
  expect(fromApp.length).toBeGreaterThan(10);
  expect(fromDoc).toEqual(fromApp);
  // Every operation of docs/ARCHITECTURE.md#http-contract-and-identity is there.
  for (const op of [
    'POST /v1/coordination-requests',
    'GET /v1/coordination-requests',
    'GET /v1/coordination-requests/{id}',
    'GET /v1/coordination-requests/{id}/timeline',
    'POST /v1/coordination-requests/{id}/responses',
    'POST /v1/coordination-requests/{id}/revisions',
    'POST /v1/coordination-requests/{id}/deadline',
    'POST /v1/coordination-requests/{id}/delegations',
    'POST /v1/coordination-requests/{id}/cancel',
    'GET /v1/organizations',
    'GET /healthz',
    'GET /readyz',
    'GET /metrics',
  ]) {
    expect(fromDoc).toContain(op);
  }
});

test('the document is OpenAPI 3.1 with bearer auth on /v1 and problem responses', async () => {
  const doc = (await request(offline.app).get('/openapi.json')).body;
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  for (const [path, item] of Object.entries<Record<string, { security: unknown[]; responses: Record<string, { content?: Record<string, unknown> }>; operationId: string }>>(doc.paths)) {
    for (const op of Object.values(item)) {
      expect(op.operationId).toEqual(expect.any(String));
      if (path.startsWith('/v1/')) {
        expect(op.security).toEqual([{ bearerAuth: [] }]);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403', '429']));
        expect(op.responses['401'].content).toHaveProperty(['application/problem+json']);
      }
    }
  }
  const create = doc.paths['/v1/coordination-requests'].post;
  expect(create.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateCoordinationRequest' });
  expect(doc.components.schemas.CreateCoordinationRequest.additionalProperties).toBe(false);
  expect(create.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key' }));
  expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '409', '413', '503']));
  const list = doc.paths['/v1/coordination-requests'].get;
  expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
    'category', 'createdFrom', 'createdTo', 'openConditions', 'overdue', 'pageSize', 'pageToken', 'participant', 'pendingFor', 'q', 'requester', 'sort', 'status',
  ]);
  const report = doc.paths['/v1/reports/response-times'].get;
  expect(report.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'groupBy', 'to']);
});

test('the interactive docs load the document and their assets', async () => {
  const page = await request(offline.app).get('/docs');
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toMatch(/text\/html/);
  expect(page.text).toContain('<base href="/docs/">');
  expect((await request(offline.app).get('/docs/swagger-ui-init.js')).text).toContain('/openapi.json');
  expect((await request(offline.app).get('/docs/swagger-ui-bundle.js')).status).toBe(200);
});

test('the check notices a route without documentation', async () => {
  const other = offlineApp();
  try {
    other.app.get('/undocumented', (_req, res) => void res.send('x'));
    const doc = (await request(other.app).get('/openapi.json')).body;
    expect(documentOperations(doc)).not.toEqual(expressOperations(other.app));
  } finally {
    await other.close();
  }
});
