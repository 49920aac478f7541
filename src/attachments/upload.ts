/**
 * Reading uploaded files from a multipart/form-data body (multer over busboy, in memory) and
 * deciding whether they may be stored. Nothing is stored here: a body that breaks a limit is cut
 * off while it streams (a file past the size limit is never held whole), and the files of an
 * accepted body are checked all together before the caller stores any of them — one bad file and
 * none is kept.
 *
 * Memory: at most `maxCount` files of `maxBytes` each per request are held until stored.
 */
import type { RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { ProblemError, validationProblem } from '../errors/problem';
import { ATTACHMENT_TYPES } from '../domain/letter';
import type { Actor } from '../domain/types';
import { freeTextProblem } from '../domain/text';
import { nameForType } from './fileName';
import { uploadRateLimit } from './uploadRate';
import { sniffAttachmentType } from './sniff';
import type { NewAttachment, UnclaimedQuota } from './store';

export interface UploadLimits {
  /** Largest file, bytes. */
  maxBytes: number;
  /** Most files per request (with its revisions) and so per upload. */
  maxCount: number;
  /** What one organization may hold in uploads no request claimed yet (checked by the store as it saves). */
  unclaimed: UnclaimedQuota;
  /** Uploads per caller per minute. */
  perMinute: number;
}

export const limitsOf = (config: {
  ATTACHMENT_MAX_BYTES: number;
  ATTACHMENT_MAX_COUNT: number;
  ATTACHMENT_UNCLAIMED_MAX_BYTES: number;
  ATTACHMENT_UNCLAIMED_MAX_COUNT: number;
  ATTACHMENT_UPLOAD_RATE_PER_MINUTE: number;
}): UploadLimits => ({
  maxBytes: config.ATTACHMENT_MAX_BYTES,
  maxCount: config.ATTACHMENT_MAX_COUNT,
  unclaimed: { maxBytes: config.ATTACHMENT_UNCLAIMED_MAX_BYTES, maxCount: config.ATTACHMENT_UNCLAIMED_MAX_COUNT },
  perMinute: config.ATTACHMENT_UPLOAD_RATE_PER_MINUTE,
});

const NAME_MAX = 255;
const megabytes = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** Parses the multipart body: text fields into `req.body` (nested names as `a[b][0]`), files into `req.files`. */
export function multipartParser(limits: UploadLimits): RequestHandler {
  return multer({
    storage: multer.memoryStorage(),
    // File names are UTF-8 in every browser we serve; busboy's default would read them as Latin-1.
    defParamCharset: 'utf8',
    limits: { fileSize: limits.maxBytes, files: limits.maxCount, fields: 2000, fieldSize: 20_000, parts: 2000 + limits.maxCount },
  }).any();
}

/** The problem a parse error stands for (limits broken while streaming), or null for other errors. */
export function uploadProblem(err: unknown, limits: UploadLimits): ProblemError | null {
  if (!(err instanceof MulterError)) return null;
  switch (err.code) {
    case 'LIMIT_FILE_SIZE':
      return new ProblemError('payloadTooLarge', `${err.field ?? 'a file'} is larger than ${megabytes(limits.maxBytes)}, the most an attachment may be`);
    case 'LIMIT_FILE_COUNT':
      return new ProblemError('unprocessable', `at most ${limits.maxCount} attachments per request`);
    default:
      return new ProblemError('validation', `the form data is not acceptable: ${err.message}`);
  }
}

/** The file's name as shown: its last path segment, trimmed; refused when it carries control or bidi characters. */
function cleanName(original: string): string {
  return original.split(/[\\/]/).pop()!.trim();
}

/**
 * Check uploaded files and return them ready to store: each a PDF or image by its content, not
 * empty, with a name that can be shown, ending with its type's extension (fileName.ts). Throws the first kind of problem found, naming the files.
 */
export function acceptUploads(files: Express.Multer.File[], limits: UploadLimits): NewAttachment[] {
  if (files.length > limits.maxCount) throw new ProblemError('unprocessable', `at most ${limits.maxCount} attachments per request`);
  const names = files.map((f) => cleanName(f.originalname));
  const badNames = names.flatMap((name, i) => {
    const problem = name === '' ? 'has no file name' : name.length > NAME_MAX ? `name is longer than ${NAME_MAX} characters` : freeTextProblem(name, { multiLine: false });
    return problem ? [{ in: 'body' as const, field: `${files[i].fieldname}[${i}]`, message: `file name ${problem}` }] : [];
  });
  if (badNames.length) throw validationProblem(badNames);
  const empty = files.flatMap((f, i) => (f.size === 0 ? [names[i]] : []));
  if (empty.length) throw new ProblemError('unprocessable', `empty file: ${empty.join(', ')}`);
  const typed = files.map((f, i) => ({ name: names[i], type: sniffAttachmentType(f.buffer), content: f.buffer }));
  const refused = typed.filter((t) => t.type === null).map((t) => t.name);
  if (refused.length) {
    throw new ProblemError('unsupportedMediaType', `not a PDF, PNG or JPEG file by its content (the name and declared type do not count): ${refused.join(', ')}; accepted: ${ATTACHMENT_TYPES.join(', ')}`);
  }
  // Stored (and so listed and downloaded) under a name whose extension says what the content is.
  return typed.map((t) => ({ name: nameForType(t.name, t.type!), type: t.type!, content: t.content }));
}

/**
 * The API's parser: multipart/form-data only (415 otherwise), the caller's upload rate (429, before
 * the body is read), and a limit broken while the body streams answered as its problem (413 too
 * large, 422 too many) before anything is stored. `callerOf` is the API's (src/api/auth.ts), handed
 * in so attachments never import the API.
 */
export function apiUploadParser(limits: UploadLimits, callerOf: (res: Response) => Actor): RequestHandler {
  const parse = multipartParser(limits);
  const rate = uploadRateLimit(limits, callerOf, (next, problem) => next(problem));
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next(new ProblemError('unsupportedMediaType', 'send the files as multipart/form-data'));
    void rate(req, res, (limited?: unknown) => {
      if (limited) return next(limited);
      parse(req, res, (err?: unknown) => next(err ? (uploadProblem(err, limits) ?? err) : undefined));
    });
  };
}
