/**
 * WhatsApp numbers: E.164 (+62…) as the WhatsApp Business API wants them (DESIGN §14), checked
 * with libphonenumber-js's metadata rather than a regular expression, so "+62 123" is refused.
 * Operators write local numbers ("0812-3456-7890"); those are read as Indonesian.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** The number in E.164, or undefined when it is not a valid phone number. */
export function toE164(input: string): string | undefined {
  const parsed = parsePhoneNumberFromString(input.trim(), 'ID');
  return parsed?.isValid() ? parsed.number : undefined;
}

/** Already in E.164 and valid (what the store and the directory file hold). */
export function isWhatsAppNumber(value: string): boolean {
  return toE164(value) === value;
}
