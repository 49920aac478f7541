/**
 * Attachments (lampiran, docs/ARCHITECTURE.md#attachments): upload first, then name the ids in a
 * create or revision; download through the request, by those who may read it.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Express } from 'express';
import { z } from 'zod';
import { sendAttachment } from '../../attachments/download';
import type { AttachmentStore } from '../../attachments/store';
import { acceptUploads, apiUploadParser, type UploadLimits } from '../../attachments/upload';
import { callerOf } from '../auth';
import { validationProblem } from '../problem';
import type { RequestReads } from '../requestReads';
import { AttachmentRefSchema } from '../responses';
import { defineRoute } from '../route';
import { AttachmentParamsSchema, UploadFormSchema } from '../schemas';

export interface AttachmentRouteDeps {
  store: AttachmentStore;
  reads: RequestReads;
  limits: UploadLimits;
}

const UploadedSchema = z
  .object({ attachments: z.array(AttachmentRefSchema.omit({ revision: true })) })
  .openapi('UploadedAttachments');

export function attachmentRoutes(app: Express, registry: OpenAPIRegistry, { store, reads, limits }: AttachmentRouteDeps): void {
  defineRoute(app, registry, {
    method: 'post',
    path: '/v1/attachments',
    operationId: 'uploadAttachments',
    summary: 'Upload attachments (PDF, PNG, JPEG) to name in a create or revision',
    description:
      `multipart/form-data, one \`file\` part per file, at most ${limits.maxCount} files of at most ${limits.maxBytes} bytes each ` +
      '(ATTACHMENT_MAX_COUNT, ATTACHMENT_MAX_BYTES). The type is decided from the content, never the name or declared type: anything ' +
      'else is 415, a file too large 413, too many 422, and then nothing is stored. The files belong to your organization until a ' +
      'request of it names them in `attachments`. An organization holds at most ' +
      `${limits.unclaimed.maxCount} files and ${limits.unclaimed.maxBytes} bytes that no request uses yet (ATTACHMENT_UNCLAIMED_MAX_COUNT, ` +
      'ATTACHMENT_UNCLAIMED_MAX_BYTES): an upload past that is 429 `uploadQuota` and stores nothing. Each caller may upload ' +
      `${limits.perMinute} times a minute (ATTACHMENT_UPLOAD_RATE_PER_MINUTE; 429 \`rateLimited\` beyond, with Retry-After).`,
    tags: ['attachments'],
    secured: true,
    multipart: { schema: UploadFormSchema, parser: apiUploadParser(limits, callerOf) },
    responses: { 201: { description: 'Stored: their ids, names, types, sizes and SHA-256', schema: UploadedSchema } },
    problems: [503],
    handler: async ({ req, res }) => {
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      if (files.length === 0) throw validationProblem([{ in: 'body', field: 'file', message: 'no file: send one `file` part per file' }]);
      const stored = await store.save(callerOf(res), acceptUploads(files, limits), limits.unclaimed);
      res.status(201).json({ attachments: stored });
    },
  });

  defineRoute(app, registry, {
    method: 'get',
    path: '/v1/coordination-requests/{id}/attachments/{attachmentId}',
    operationId: 'downloadAttachment',
    summary: 'Download one attachment of a request',
    description:
      'For those who may read the request (else 404, as for the request itself). Always a download (`Content-Disposition: attachment`), ' +
      'with the type decided at upload, `X-Content-Type-Options: nosniff` and the SHA-256 in `Repr-Digest`.',
    tags: ['attachments'],
    secured: true,
    params: AttachmentParamsSchema,
    responses: {
      200: { description: 'The file', contentType: 'application/octet-stream', schema: z.string().openapi({ type: 'string', format: 'binary' }) },
    },
    problems: [404, 503],
    handler: async ({ res, params }) => {
      await reads.access(callerOf(res), params.id);
      await sendAttachment(res, store, params.id, params.attachmentId);
    },
  });
}
