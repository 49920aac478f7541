/**
 * Pure rendering of a notification message for one reader: subject, plain text and HTML, in the
 * reader's language, with the deadline in the reader's own time zone. No I/O: names of the
 * organizations mentioned are passed in (resolved from the directory by the caller).
 *
 * Both parts are built from one document model so they always say the same thing; every value
 * that reaches the HTML part goes through `escapeHtml`.
 */
import { formatCalendarDate, formatLocalDateTime, type Language } from '../../../src/domain/localTime';
import type { NotificationMessage, Organization, OrgId } from '../../../src/domain/types';
import { ANSWERS_WORDING } from './answersStrings';
import { WORDING, type Wording } from './strings';

export interface RenderInput {
  message: NotificationMessage;
  /** The reader: name for the greeting, zone for the deadline, language for the wording. */
  recipient: Pick<Organization, 'id' | 'name' | 'timeZone' | 'language'>;
  /** Names of the organizations the message mentions; an unknown id is shown as the id. */
  orgNames: Record<OrgId, string>;
  /** Base URL of the HTTP API, e.g. `https://koordinasi.example`. */
  publicBaseUrl: string;
  /** The link to show instead of the request page's address (a personal email link). */
  link?: string;
}

export interface RenderedNotification {
  language: Language;
  subject: string;
  text: string;
  html: string;
  /** Link to the request's page (or the personal link the caller gave). */
  link: string;
  /** The deadline as the reader sees it, e.g. "Kamis, 10 Desember 2026 16.00 WITA"; null if none. */
  deadlineText: string | null;
}

interface Document {
  subject: string;
  greeting: string;
  headline: string;
  list?: { label: string; items: string[] };
  facts: Array<[string, string]>;
  /** Free text as its author wrote it, each attributed to its author only. */
  comments: Array<{ label: string; text: string }>;
  ask: string;
  link: { label: string; href: string };
  footer: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One line, no control characters: safe for a subject header. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The request's page in the web app (people click it; the JSON API is at /v1 for programs). */
export function requestLink(publicBaseUrl: string, requestId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/requests/${encodeURIComponent(requestId)}`;
}

const RESPOND_KINDS = new Set(['REQUEST_CREATED', 'REMINDER_BEFORE', 'REMINDER_DUE', 'REVISED', 'DEADLINE_EXTENDED', 'STAGE_DEADLINE_MOVED', 'EXTENSION_GRANTED', 'EXTENSION_DECLINED']);

/** The letter's facts, under the request's own: people find a request by its letter number. */
function letterFacts(letter: NotificationMessage['request']['letter'], w: Wording, language: Language): Array<[string, string]> {
  if (!letter) return [];
  return [
    [w.labels.letterNumber, oneLine(letter.number)],
    [w.labels.letterDate, formatCalendarDate(letter.date, language)],
    [w.labels.letterSubject, oneLine(letter.subject)],
    [w.labels.letterClassification, w.classifications[letter.classification] ?? letter.classification],
    ...(letter.srikandiUrl ? [[w.labels.srikandi, letter.srikandiUrl] as [string, string]] : []),
  ];
}

function buildDocument(input: RenderInput, w: Wording, deadlineText: string | null, link: string, language: Language): Document {
  const { message: m, recipient } = input;
  const a = ANSWERS_WORDING[language];
  const untilText = m.extension ? formatLocalDateTime(m.extension.until, recipient.timeZone, language) : '';
  const name = (id: OrgId): string => input.orgNames[id] ?? id;
  const req = m.request;
  const requester = name(req.requester);
  const me = recipient.name;
  const label = m.reminderLabel;
  const tembusan = m.role === 'TEMBUSAN';

  const headline = ((): string => {
    switch (m.kind) {
      case 'REQUEST_CREATED':
        return w.headline.created(requester, me, tembusan);
      case 'REMINDER_BEFORE':
        return w.headline.reminderBefore(label ?? '', me);
      case 'REMINDER_DUE':
        return w.headline.reminderDue(me);
      case 'REMINDER_OVERDUE':
        return w.headline.reminderOverdue(label ?? '', me);
      case 'ESCALATION':
        return w.headline.escalation(requester);
      case 'CHANGES_REQUESTED':
        return w.headline.changesRequested;
      case 'REVISED':
        return w.headline.revised(requester, req.revision);
      case 'DEADLINE_EXTENDED':
        return w.headline.deadlineExtended(deadlineText ?? w.noDeadline);
      case 'STAGE_DEADLINE_MOVED':
        return w.headline.stageMoved(m.stage?.id ?? '?', m.stage?.date ?? '?', deadlineText ?? w.noDeadline);
      case 'DELEGATED':
        return w.headline.delegated(name(m.delegation?.from ?? '?'), name(m.delegation?.to ?? '?'));
      case 'CANCELLED':
        return w.headline.cancelled(requester);
      case 'OUTCOME_APPROVED':
        return w.headline.approved;
      case 'OUTCOME_REJECTED':
        return w.headline.rejected(req.step + 1);
      case 'OUTCOME_EXPIRED':
        return w.headline.expired;
      case 'CONDITION_MET':
        return a.headline.conditionMet(requester);
      case 'EXTENSION_REQUESTED':
        return a.headline.extensionRequested(name(m.extension?.org ?? '?'), untilText);
      case 'EXTENSION_GRANTED':
        return m.seatDeadline ? a.headline.extensionGrantedSeat(untilText) : a.headline.extensionGrantedStep(untilText);
      case 'EXTENSION_DECLINED':
        return a.headline.extensionDeclined(requester);
    }
  })();

  const ask = ((): string => {
    const respond = deadlineText ? w.ask.respondBy(deadlineText) : w.ask.respond;
    if (m.kind === 'ESCALATION') return m.role === 'SUPERVISOR' ? w.ask.supervisor : w.ask.noAction;
    if (m.kind === 'CHANGES_REQUESTED') return m.role === 'REQUESTER' ? w.ask.revise : w.ask.noAction;
    if (m.kind === 'EXTENSION_REQUESTED') return m.role === 'REQUESTER' ? a.decide : w.ask.noAction;
    if (tembusan) return w.ask.informedOnly(me);
    if (m.role !== 'PARTICIPANT') return w.ask.noAction;
    if (m.kind === 'REMINDER_OVERDUE') return w.ask.respondNow;
    if (RESPOND_KINDS.has(m.kind)) return respond;
    if (m.kind === 'DELEGATED') return m.delegation?.to === recipient.id ? respond : w.ask.delegatedAway;
    return w.ask.noAction;
  })();

  const facts: Array<[string, string]> = [
    [w.labels.request, `${oneLine(req.title)} (${req.id})`],
    [w.labels.requester, requester],
    [w.labels.category, w.categories[req.category] ?? req.category],
    [w.labels.step, w.stepOf(req.step + 1, req.stepCount, oneLine(req.stepName))],
    [w.labels.deadline, deadlineText ?? w.noDeadline],
    ...letterFacts(req.letter, w, input.recipient.language === 'en' ? 'en' : 'id'),
    ...(req.attachments?.length ? [[w.labels.attachments, req.attachments.map(oneLine).join(', ')] as [string, string]] : []),
  ];
  if (label) facts.push([w.labels.reminder, label]);
  if (m.kind === 'EXTENSION_REQUESTED') facts.push([a.labels.proposed, untilText]);
  if (m.kind === 'REVISED' || req.revision > 1) facts.push([w.labels.revision, String(req.revision)]);
  if (m.actor && m.actor.org !== 'system') facts.push([w.labels.actedBy, name(m.actor.org)]);

  // People's words are shown as they wrote them, under a label naming who wrote them; their text
  // is never rewritten (a line starting "kpu-ri:" stays the commenter's words, not KPU RI's).
  const said = (text: string | undefined): string | undefined => (text?.trim() ? text.trim() : undefined);
  const comments: Document['comments'] = [];
  if (m.condition) comments.push({ label: a.labels.condition, text: m.condition.text });
  for (const c of m.comments ?? []) {
    const text = said(c.text);
    if (text) comments.push({ label: `${w.labels.comment} (${name(c.org)})`, text });
  }
  const own = said(m.comment);
  if (own) {
    const by = m.actor && m.actor.org !== 'system' && m.kind !== 'CHANGES_REQUESTED' ? ` (${name(m.actor.org)})` : '';
    comments.push({ label: `${w.labels.comment}${by}`, text: own });
  }

  return {
    subject: `[${w.appName}] ${w.subject[m.kind]({ label, revision: req.revision, tembusan })}: ${oneLine(req.title)} (${req.id})`,
    greeting: w.greeting(me),
    headline,
    ...(m.kind === 'ESCALATION' && m.silentOrgs?.length ? { list: { label: w.labels.silent, items: m.silentOrgs.map(name) } } : {}),
    facts,
    comments,
    ask,
    link: { label: w.link, href: link },
    footer: w.footer(m.idempotencyKey),
  };
}

function toText(d: Document): string {
  const out: string[] = [d.greeting, '', d.headline, ''];
  if (d.list) out.push(`${d.list.label}:`, ...d.list.items.map((i) => `  - ${i}`), '');
  const width = Math.max(...d.facts.map(([k]) => k.length));
  for (const [k, v] of d.facts) out.push(`${`${k}:`.padEnd(width + 2)}${v}`);
  out.push('');
  for (const c of d.comments) out.push(`${c.label}:`, ...c.text.split('\n').map((l) => `  ${l}`), '');
  out.push(d.ask, '', `${d.link.label}: ${d.link.href}`, '', '-- ', d.footer, '');
  return out.join('\n');
}

function toHtml(d: Document, language: Language): string {
  const e = escapeHtml;
  const out: string[] = [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1a1a1a">',
    `<p>${e(d.greeting)}</p>`,
    `<p>${e(d.headline)}</p>`,
  ];
  if (d.list) out.push(`<p><strong>${e(d.list.label)}:</strong></p>`, '<ul>', ...d.list.items.map((i) => `<li>${e(i)}</li>`), '</ul>');
  out.push('<table cellpadding="4" style="border-collapse:collapse">');
  for (const [k, v] of d.facts) out.push(`<tr><th align="left" valign="top">${e(k)}</th><td>${e(v)}</td></tr>`);
  out.push('</table>');
  for (const c of d.comments) {
    out.push(`<p><strong>${e(c.label)}:</strong></p>`, `<blockquote style="white-space:pre-wrap">${e(c.text)}</blockquote>`);
  }
  out.push(
    `<p><strong>${e(d.ask)}</strong></p>`,
    `<p><a href="${e(d.link.href)}">${e(d.link.label)}</a><br><span style="color:#555">${e(d.link.href)}</span></p>`,
    `<hr><p style="color:#777;font-size:12px">${e(d.footer)}</p>`,
    '</body>',
    '</html>',
    '',
  );
  return out.join('\n');
}

export function renderNotification(input: RenderInput): RenderedNotification {
  const language: Language = input.recipient.language === 'en' ? 'en' : 'id';
  const w = WORDING[language];
  const deadline = input.message.seatDeadline ?? input.message.request.deadline;
  const deadlineText = deadline ? formatLocalDateTime(deadline, input.recipient.timeZone, language) : null;
  const link = input.link ?? requestLink(input.publicBaseUrl, input.message.request.id);
  const doc = buildDocument(input, w, deadlineText, link, language);
  return { language, subject: doc.subject, text: toText(doc), html: toHtml(doc, language), link, deadlineText };
}

/** Ids of the organizations a message mentions besides its recipient (for name lookup). */
export function mentionedOrganizations(m: NotificationMessage): OrgId[] {
  const ids = [m.request.requester, ...(m.silentOrgs ?? [])];
  if (m.delegation) ids.push(m.delegation.from, m.delegation.to);
  if (m.extension) ids.push(m.extension.org);
  if (m.actor) ids.push(m.actor.org);
  for (const c of m.comments ?? []) ids.push(c.org);
  return [...new Set(ids)];
}
