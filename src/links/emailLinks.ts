/**
 * Email-link access (docs/ARCHITECTURE.md#web-app-and-sign-in): a personal link in each notification, for one request, one
 * organization's seat and the address it was sent to. The token is a signed JWT (HS256, key
 * derived from the web secret) carrying only ids, the address and an expiry; nothing is stored.
 *
 * Minted by the notification activity, checked by the web pages. What a link may do beyond
 * "this token is genuine and not expired" is decided against the request's state when it is used
 * (see `linkStanding`): the seat must still be held by that organization, the request must be
 * open, and an answer link is good for the revision it was sent for; and (`linkAddressCurrent`)
 * its address must still be one of the organization's contacts in the directory.
 */
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Directory } from '../directory/directory';
import type { CoordinationState, OrgId } from '../domain/types';
import { parsePositiveDuration } from '../domain/duration';
import { deriveKey, webSecretOf } from './keys';

/** `answer`: the recipient may answer for the seat; `view`: it may only read. */
export type LinkMode = 'answer' | 'view';

/** Operator choice: links that answer, links that only show, or plain links that need sign-in. */
export const EMAIL_LINK_SETTINGS = ['on', 'view-only', 'off'] as const;
export type EmailLinkSetting = (typeof EMAIL_LINK_SETTINGS)[number];

export interface LinkGrant {
  requestId: string;
  org: OrgId;
  address: string;
  mode: LinkMode;
  /** Revision of the request the link was sent for. */
  revision: number;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const claims = z.object({
  rid: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/),
  org: z.string().min(1).max(64),
  adr: z.string().min(3).max(320),
  m: z.enum(['answer', 'view']),
  rev: z.number().int().min(1),
  exp: z.number().int(),
});

const AUDIENCE = 'koordinasi/email-link';

export class EmailLinks {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = deriveKey(secret, 'email-link');
  }

  async mint(grant: Omit<LinkGrant, 'exp'>, nowMs = Date.now()): Promise<string> {
    return new SignJWT({ rid: grant.requestId, org: grant.org, adr: grant.address, m: grant.mode, rev: grant.revision })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience(AUDIENCE)
      .setExpirationTime(Math.floor(nowMs / 1000) + this.ttlSeconds)
      .sign(this.key);
  }

  /** The grant of a genuine, unexpired token; null for anything else (tampered, expired, garbage). */
  async verify(token: string, nowMs = Date.now()): Promise<LinkGrant | null> {
    if (token.length > 2048) return null;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], audience: AUDIENCE, currentDate: new Date(nowMs) });
      const c = claims.safeParse(payload);
      if (!c.success) return null;
      return { requestId: c.data.rid, org: c.data.org, address: c.data.adr, mode: c.data.m, revision: c.data.rev, exp: c.data.exp };
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) return null;
      throw err;
    }
  }
}

export type LinkStanding = 'answer' | 'view' | 'closed';

/**
 * What a genuine link may do now, from the request's state: nothing once the request closed;
 * answer only while that organization still holds a seat (delegation takes the seat — and its old
 * links' right to answer — away) and the request is still at the revision the link was sent for
 * (a revision sends new links).
 */
export function linkStanding(grant: LinkGrant, state: CoordinationState): LinkStanding {
  if (state.closedAt !== null || !['IN_PROGRESS', 'CHANGES_REQUESTED'].includes(state.status)) return 'closed';
  if (grant.mode !== 'answer' || grant.revision !== state.revision) return 'view';
  const holds = state.steps.some((s) => s.participants.some((p) => p.org === grant.org));
  return holds ? 'answer' : 'view';
}

/**
 * Whether the address a link was sent to is still one of its organization's contacts in the
 * directory now (compared without regard to case). A link outlives a directory change: an address
 * removed from it (someone left the office) must stop speaking for the organization at once, not
 * when its links expire.
 */
export function linkAddressCurrent(grant: LinkGrant, directory: Pick<Directory, 'get'>): boolean {
  const address = grant.address.toLowerCase();
  return directory.get(grant.org)?.contacts.emails.some((e) => e.toLowerCase() === address) ?? false;
}

/** Where a link leads: the page that checks the token and opens the request (GET changes nothing). */
export const LINK_PATH = '/link';
export const personalLink = (publicBaseUrl: string, token: string): string => `${publicBaseUrl.replace(/\/+$/, '')}${LINK_PATH}?t=${token}`;

/** The kind of link a recipient gets: participants may answer (unless the operator chose view-only), tembusan and supervisors only view. */
export function linkModeFor(role: 'PARTICIPANT' | 'TEMBUSAN' | 'REQUESTER' | 'SUPERVISOR', setting: EmailLinkSetting): LinkMode | undefined {
  if (setting === 'off') return undefined;
  if (role === 'PARTICIPANT') return setting === 'on' ? 'answer' : 'view';
  if (role === 'TEMBUSAN' || role === 'SUPERVISOR') return 'view';
  return undefined; // the requester signs in: revising and cancelling are staff work
}

/** The actor an answer through a link is recorded as: the seat's organization, named by the address. */
export const linkActor = (grant: LinkGrant) => ({ sub: `email:${grant.address}`, org: grant.org, roles: ['staff'] });

/** The link minter/checker the configuration asks for; undefined when links are off or no secret is set. */
export function emailLinksFor(config: { NODE_ENV?: string; EMAIL_LINK_ACCESS: EmailLinkSetting; EMAIL_LINK_TTL: string; WEB_SECRET?: string; JWT_SECRET?: string }): EmailLinks | undefined {
  const secret = webSecretOf(config);
  if (config.EMAIL_LINK_ACCESS === 'off' || !secret) return undefined;
  return new EmailLinks(secret, Math.floor(parsePositiveDuration(config.EMAIL_LINK_TTL) / 1000));
}
