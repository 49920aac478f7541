/**
 * What a file is, from its first bytes (magic numbers, by the `magic-bytes.js` library), never from
 * its name or the type the client declared: a program renamed `laporan.pdf` is still a program.
 */
import { filetypeinfo } from 'magic-bytes.js';
import { ATTACHMENT_TYPES, type AttachmentType } from '../domain/letter';

/** Bytes enough for every signature we accept (PDF, PNG, JPEG look at fewer than 16). */
export const SNIFF_BYTES = 64;

/** The accepted media type of this content, or null when it is none of them. */
export function sniffAttachmentType(content: Uint8Array): AttachmentType | null {
  const guesses = filetypeinfo(content.subarray(0, SNIFF_BYTES));
  const mime = guesses.map((g) => g.mime).find((m): m is AttachmentType => (ATTACHMENT_TYPES as readonly string[]).includes(m ?? ''));
  return mime ?? null;
}
