/**
 * The name an attachment is stored, listed and downloaded under: the uploaded name, made to end
 * with the extension of the type its content was sniffed as. The type is decided from the bytes;
 * the name is what a reader's computer decides by once the file is saved. A PDF/HTML polyglot
 * uploaded as `surat.html` (or `undangan.pdf.bat`) would be saved under that name and opened as
 * what it claims to be, so the name follows the content: `surat.html.pdf`, `undangan.pdf.bat.pdf`.
 * Appending rather than replacing keeps the rest of the name as the uploader wrote it.
 */
import type { AttachmentType } from '../domain/letter';

/** Extensions a name of each type may already end with; the first is the one appended. */
const EXTENSIONS: Record<AttachmentType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
};

/** `name` when it already ends with an extension of `type` (any case), else `name` + that extension. */
export function nameForType(name: string, type: AttachmentType): string {
  const lower = name.toLowerCase();
  return EXTENSIONS[type].some((ext) => lower.endsWith(ext)) ? name : `${name}${EXTENSIONS[type][0]}`;
}
