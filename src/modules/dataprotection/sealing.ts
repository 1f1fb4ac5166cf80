/**
 * Free text of this module (evidence notes, reasons, details) is sealed at rest with the master
 * key; the associated data names table, column and row, so a box cannot be moved elsewhere.
 */
import { openSecret, sealSecret } from '../../platform/crypto/secret-box.ts';
import type { Platform } from '../../platform/platform.ts';

export function seal(platform: Platform, text: string, column: string, id: string): Buffer {
  return sealSecret(platform.keys.masterKey, text, `${column}:${id}`);
}

export function sealIf(
  platform: Platform,
  text: string | undefined | null,
  column: string,
  id: string,
): Buffer | null {
  return text ? seal(platform, text, column, id) : null;
}

export function unseal(
  platform: Platform,
  box: Buffer | null,
  column: string,
  id: string,
): string | null {
  return box ? openSecret(platform.keys.masterKey, box, `${column}:${id}`).toString('utf8') : null;
}

/** The application's day (UTC). */
export const todayOf = (now: Date): string => now.toISOString().slice(0, 10);
