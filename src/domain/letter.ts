/**
 * The official letter (naskah dinas) a request carries, and the references to its attachments
 * (lampiran). Plain types and limits only: workflow code imports them. Attachment content lives in
 * the records store (src/attachments/); the workflow holds these references, never the bytes.
 */

/** Sifat surat: how urgent the letter says it is. */
export const LETTER_CLASSIFICATIONS = ['BIASA', 'SEGERA', 'SANGAT_SEGERA'] as const;
export type LetterClassification = (typeof LETTER_CLASSIFICATIONS)[number];

export interface Letter {
  /** Nomor surat as the secretariat wrote it, e.g. `123/PP.01.2-SD/5204/2026`. */
  number: string;
  /** Tanggal surat, a calendar date (YYYY-MM-DD): the letter's own date, not an instant. */
  date: string;
  /** Perihal. */
  subject: string;
  classification: LetterClassification;
  /** The same letter in the e-office system (SRIKANDI), an https URL. */
  srikandiUrl?: string;
}

export const LETTER_LIMITS = { number: 100, subject: 500, url: 2000 } as const;

/** Media types an attachment may have, decided from its content (magic bytes), never its name. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export interface AttachmentRef {
  /** `att-` and hex, made by the store at upload. */
  id: string;
  /** File name as uploaded (shown, and offered as the download's name). */
  name: string;
  type: AttachmentType;
  size: number;
  /** SHA-256 of the content, lowercase hex. */
  sha256: string;
  /** Revision of the request it came with (1: with the request itself). */
  revision: number;
}

/** Attachment ids: what clients send in create and revise bodies. */
export const ATTACHMENT_ID = /^att-[0-9a-f]{32}$/;

/** The request's attachments after a revision added these (each marked with the revision it came with). */
export function withRevisionAttachments(current: AttachmentRef[] | undefined, added: Array<Omit<AttachmentRef, 'revision'>>, revision: number): AttachmentRef[] {
  const known = new Set((current ?? []).map((a) => a.id));
  return [...(current ?? []), ...added.filter((a) => !known.has(a.id)).map((a) => ({ ...a, revision }))];
}
