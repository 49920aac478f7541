/**
 * Sending a page: server-rendered preact to HTML, never cached (pages show personal state and
 * may sit behind an email-link session), with the pages' own Content-Security-Policy.
 */
import type { Response } from 'express';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/**
 * Scripts and styles only from here (htmx is served from node_modules, no CDN); forms post only
 * here; no framing. Upgrading to https only where the public address is https.
 */
export function contentSecurityPolicy(https: boolean): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
}

export function sendHtml(res: Response, status: number, page: VNode): void {
  noStore(res);
  res.status(status).type('html').send(`<!doctype html>${renderToString(page)}`);
}

/** A fragment for htmx (no document around it). */
export function sendFragment(res: Response, fragment: VNode): void {
  noStore(res);
  res.status(200).type('html').send(renderToString(fragment));
}
