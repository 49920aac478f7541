/**
 * One operator secret, several keys: sessions, CSRF tokens and email links each get their own key
 * derived with HKDF, so a value made for one purpose can never pass as another.
 */
import { hkdfSync } from 'node:crypto';

export type KeyPurpose = 'session' | 'csrf' | 'email-link';

export function deriveKey(secret: string, purpose: KeyPurpose): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'koordinasi/web', `koordinasi/${purpose}/v1`, 32));
}

/**
 * The web secret: WEB_SECRET; in development, JWT_SECRET when WEB_SECRET is unset. Never that
 * fallback in production: the API's JWT_SECRET may be as short as 16 characters and is shared with
 * every token issuer, while page sessions and links need a long secret of their own (config
 * refuses to start production without one; this holds even where config was not the caller).
 */
export const webSecretOf = (config: { NODE_ENV?: string; WEB_SECRET?: string; JWT_SECRET?: string }): string | undefined =>
  config.WEB_SECRET ?? (config.NODE_ENV === 'production' ? undefined : config.JWT_SECRET);
