/**
 * One operator secret, several keys: sessions, CSRF tokens and email links each get their own key
 * derived with HKDF, so a value made for one purpose can never pass as another.
 */
import { hkdfSync } from 'node:crypto';

export type KeyPurpose = 'session' | 'csrf' | 'email-link';

export function deriveKey(secret: string, purpose: KeyPurpose): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'koordinasi/web', `koordinasi/${purpose}/v1`, 32));
}

/** The web secret: WEB_SECRET, else (development) JWT_SECRET; undefined when neither is set. */
export const webSecretOf = (config: { WEB_SECRET?: string; JWT_SECRET?: string }): string | undefined => config.WEB_SECRET ?? config.JWT_SECRET;
