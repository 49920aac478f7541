/**
 * What every page handler gets: the shared services (the API's own), and per request the session,
 * the language, the viewer's time zone and a CSRF token. `pageContext(res)` reads it back.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { CoordinationService } from '../api/coordinationService';
import type { RecordQueries } from '../api/recordQueries';
import type { AttachmentStore } from '../attachments/store';
import type { RequestReads } from '../api/requestReads';
import type { ScheduleService } from '../api/schedules/service';
import type { StageDeadlines } from '../api/stageDeadlines';
import type { Config } from '../config';
import type { Directory } from '../directory/directory';
import type { RecordsDb } from '../records/database';
import type { WorkingCalendar } from '../domain/calendar';
import type { StagesFile } from '../stages/stages';
import type { Actor } from '../domain/types';
import type { EmailLinks } from '../links/emailLinks';
import type { Csrf } from './csrf';
import { dictionaryFor, isLang, type Dictionary, type Lang } from './i18n/dictionary';
import type { Session, Sessions } from './session';
import { ProblemError } from '../api/problem';

export interface WebDeps {
  config: Config;
  directory: Directory;
  service: CoordinationService;
  /** Reads of one request as the API makes them: access first, then the workflow or its record. */
  reads: RequestReads;
  /** Uploaded attachments (the new-request and revision forms, downloads). */
  attachments: AttachmentStore;
  /** The list, overview and progress: the records store, through the API's own queries. */
  queries: RecordQueries;
  /** Coordination schedules (Temporal Schedules), through the API's own service. */
  schedules: ScheduleService;
  /** The election schedule (STAGE deadlines) and the working calendar, as the API has them. */
  stages: Pick<StagesFile, 'get' | 'current'>;
  calendar: WorkingCalendar;
  /** The election schedule and its admin re-resolve action, as the API has them. */
  stageDeadlines: StageDeadlines;
  logger: Logger;
  now: () => number;
  /** The records store: page sessions that carry a sign-in or a link live there (src/records/webSessions.ts). */
  records: RecordsDb;
}

export interface WebServices extends WebDeps {
  sessions: Sessions;
  csrf: Csrf;
  links: EmailLinks | undefined;
  /** Development sign-in offered (never in production). */
  devSignIn: boolean;
}

export interface PageContext {
  session: Session;
  lang: Lang;
  t: Dictionary;
  /** The signed-in user as an API actor, if any. */
  user: (Actor & { name: string }) | undefined;
  /** IANA zone dates are shown in: the viewer's organization's. */
  zone: string;
  csrfToken: string;
  /** Path and query of this page (for the language switch and sign-in return). */
  url: string;
}

const LANG_COOKIE = 'lang';
const DEFAULT_ZONE = 'Asia/Jakarta';

export function pageContext(res: Response): PageContext {
  const ctx = res.locals.page as PageContext | undefined;
  if (!ctx) throw new Error('route is not behind the page-context middleware');
  return ctx;
}

/** Replace the session (sign-in, link, sign-out): a new cookie now, the new context for this response. */
export async function replaceSession(res: Response, services: WebServices, session: Session): Promise<void> {
  const ctx = pageContext(res);
  await services.sessions.replace(res, ctx.session, session);
  res.locals.page = { ...ctx, session, csrfToken: services.csrf.tokenFor(session.sid), user: userOf(session, services) };
}

function userOf(session: Session, { directory }: WebServices): PageContext['user'] {
  const u = session.user;
  // An organization removed from the directory since sign-in signs its users out.
  if (!u || !directory.has(u.org)) return undefined;
  return { sub: u.sub, org: u.org, roles: u.roles, name: u.name };
}

/** Loads the session (creating one for a first visit), the language and the zone. */
export function pageContextMiddleware(services: WebServices) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    let session: Session | null;
    try {
      session = await services.sessions.read(req);
    } catch (err) {
      // The session store is unreachable: nobody's sign-in can be checked. A page saying so (503),
      // not a sign-in page that would fail next.
      services.logger.warn({ err: (err as Error).message }, 'page sessions not checkable (records store not reachable?)');
      res.locals.page = contextFor(req, res, services, services.sessions.fresh());
      return next(new ProblemError('unavailable', 'sessions cannot be checked now', { retryAfterSeconds: 5 }));
    }
    if (!session) {
      session = services.sessions.fresh();
      await services.sessions.write(res, session);
    }
    res.locals.page = contextFor(req, res, services, session);
    next();
  };
}

/** The language (?lang=, its cookie, the organization's), the zone and the CSRF token of this session. */
function contextFor(req: Request, res: Response, services: WebServices, session: Session): PageContext {
  const user = userOf(session, services);
  // ?lang= is the visible switch; it is remembered in a plain cookie (a preference, not a secret).
  const asked = req.query.lang;
  let lang: Lang | undefined;
  if (isLang(asked)) {
    lang = asked;
    res.cookie(LANG_COOKIE, asked, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 365 * 86_400_000 });
  } else {
    const cookie = /(?:^|;\s*)lang=(id|en)(?:;|$)/.exec(req.headers.cookie ?? '')?.[1];
    const orgOf = user?.org ?? session.link?.org;
    lang = isLang(cookie) ? cookie : (orgOf ? services.directory.get(orgOf)?.language : undefined);
  }
  const orgOf = user?.org ?? session.link?.org;
  return {
    session,
    lang: lang ?? 'id',
    t: dictionaryFor(lang ?? 'id'),
    user,
    zone: (orgOf && services.directory.get(orgOf)?.timeZone) || DEFAULT_ZONE,
    csrfToken: services.csrf.tokenFor(session.sid),
    url: req.originalUrl,
  };
}
