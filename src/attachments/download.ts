/**
 * Sending one attachment to a reader who may see its request (the caller decided that): always as a
 * download (`Content-Disposition: attachment`, so a PDF or image never renders inside our origin),
 * with its content type as sniffed at upload, a name ending with that type's extension, no sniffing
 * by the browser, and its SHA-256.
 */
import type { Response } from 'express';
import { ProblemError } from '../errors/problem';
import { nameForType } from './fileName';
import type { AttachmentStore } from './store';

export async function sendAttachment(res: Response, store: AttachmentStore, requestId: string, attachmentId: string): Promise<void> {
  const a = await store.read(requestId, attachmentId);
  if (!a) throw new ProblemError('notFound', 'no such attachment of this request');
  // Content-Disposition with an RFC 6266 filename* for non-ASCII names; the extension follows the
  // content also for files stored before upload enforced it.
  res.attachment(nameForType(a.name, a.type));
  res.setHeader('Content-Type', a.type);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Length', String(a.content.length));
  res.setHeader('Cache-Control', 'private, no-store');
  // RFC 9530: the reader can check the file against the hash the request lists.
  res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(a.sha256, 'hex').toString('base64')}:`);
  res.status(200).end(a.content);
}
