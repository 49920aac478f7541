/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes validate with (see
 * route.ts). Routes register themselves into the registry created here; `buildDocument` runs
 * once, after all routes are declared.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { Config } from '../config';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'JWT with claims `sub` (user), `org` (organization id in the directory) and `roles` (`staff`, `admin`).',
  });
  return registry;
}

export function buildDocument(registry: OpenAPIRegistry, config: Config): OpenApiDocument {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Koordinasi API',
      version: '1.0.0',
      description:
        'Stakeholder coordination requests for election secretariats (KPU): start a request, track answers step by step, ' +
        'revise, extend deadlines, delegate seats, cancel. Errors are RFC 9457 application/problem+json.',
    },
    servers: [{ url: config.PUBLIC_BASE_URL }],
    tags: [
      { name: 'coordination-requests', description: 'Coordination requests and their life cycle' },
      { name: 'organizations', description: 'The organization directory' },
      { name: 'operations', description: 'Health, readiness, metrics and this document' },
    ],
  });
}
