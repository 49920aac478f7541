/** GET /v1/organizations: the directory with its hierarchy, without contact addresses or secrets. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Express } from 'express';
import type { Directory } from '../../directory/directory';
import { OrganizationListSchema } from '../responses';
import { defineRoute } from '../route';

export function organizationRoutes(app: Express, registry: OpenAPIRegistry, directory: Directory): void {
  // The directory is read-only while the process runs: build the answer once.
  const body = {
    organizations: directory.organizations.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      level: o.level,
      parentId: o.parentId,
      timeZone: o.timeZone,
      language: o.language,
      ancestors: directory.ancestors(o.id),
      children: directory.children(o.id).map((c) => c.id),
    })),
    roots: directory.organizations.filter((o) => o.parentId === null).map((o) => o.id),
  };
  defineRoute(app, registry, {
    method: 'get',
    path: '/v1/organizations',
    operationId: 'listOrganizations',
    summary: 'The organization directory with its hierarchy',
    tags: ['organizations'],
    secured: true,
    responses: { 200: { description: 'All organizations', schema: OrganizationListSchema } },
    handler: ({ res }) => {
      res.json(body);
    },
  });
}
