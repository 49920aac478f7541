/**
 * File uploads from the pages' forms (new request, revision), without JavaScript: the forms post
 * multipart/form-data with their files last, so the text fields are read even when a file breaks a
 * limit and the form can come back filled in with the problem beside the file field. Files are
 * only parsed for a signed-in user and only stored after the form's CSRF check, by the route.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import { ProblemError } from '../../api/problem';
import { acceptUploads, limitsOf, multipartParser, uploadProblem } from '../../attachments/upload';
import type { StoredAttachment } from '../../attachments/store';
import { uploadRateLimit } from '../../attachments/uploadRate';
import { pageContext, type WebServices } from '../context';

/** The file field of the forms. */
export const FILES_FIELD = 'files';

export function uploadRoutes(router: Router, services: WebServices): void {
  const limits = limitsOf(services.config);
  const parse = multipartParser(limits);
  // Counted only for posts that bring files (adding a step re-posts the form without any); past
  // the budget the files are not stored and the form says why beside its file field.
  const rate = uploadRateLimit(limits, (res) => pageContext(res).user!, (next, problem, _req, res) => {
    res.locals.uploadProblem = problem;
    next();
  });
  const parseIfSignedIn: RequestHandler = (req, res, next) => {
    if (!req.is('multipart/form-data') || !pageContext(res).user) return next();
    parse(req, res, (err?: unknown) => {
      if (err) res.locals.uploadProblem = uploadProblem(err, limits) ?? new ProblemError('validation', 'the form could not be read');
      if (err || formFiles(req).length === 0) return next();
      void rate(req, res, next);
    });
  };
  router.post('/requests', parseIfSignedIn);
  router.post('/requests/:id/revise', parseIfSignedIn);
}

/** The files a form brought: an empty file field still sends one part, without a name and content. */
const formFiles = (req: Request): Express.Multer.File[] =>
  ((req.files as Express.Multer.File[] | undefined) ?? []).filter((f) => f.fieldname === FILES_FIELD && (f.originalname !== '' || f.size > 0));

/**
 * Store the files a form brought (checked all together: one bad file and none is kept) for the
 * signed-in user's organization. Throws the problem of a broken limit or a refused file.
 */
export async function storeFormFiles(req: Request, res: Response, services: WebServices): Promise<StoredAttachment[]> {
  const problem = res.locals.uploadProblem as ProblemError | undefined;
  if (problem) throw problem;
  const files = formFiles(req);
  if (files.length === 0) return [];
  const limits = limitsOf(services.config);
  return services.attachments.save(pageContext(res).user!, acceptUploads(files, limits), limits.unclaimed);
}
