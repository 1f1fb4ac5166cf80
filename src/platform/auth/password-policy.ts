// Password rules after OWASP ASVS level 2 (v2.1): length limits and a deny-list, no
// composition rules (they push people to predictable patterns like "Password1!").
import { readFileSync } from 'node:fs';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordCheck =
  { ok: true } | { ok: false; reason: 'too_short' | 'too_long' | 'common' | 'contains_email' };

let common: Set<string> | null = null;

// Loaded on first use so importing the module costs nothing.
function commonPasswords(): Set<string> {
  if (common === null) {
    const text = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8');
    common = new Set(
      text
        .split('\n')
        .map((line) => line.trim().normalize('NFC').toLowerCase())
        .filter((line) => line.length > 0),
    );
  }
  return common;
}

// Digits, punctuation, symbols and spaces: what people bolt onto a weak word.
const TRAILING_JUNK = /[^\p{L}\p{M}]+$/u;
const LEADING_JUNK = /^[^\p{L}\p{M}]+/u;

function isCommon(lower: string): boolean {
  const list = commonPasswords();
  const trimmed = lower.replace(TRAILING_JUNK, '');
  const bothEnds = trimmed.replace(LEADING_JUNK, '');
  return list.has(lower) || list.has(trimmed) || list.has(bothEnds);
}

function emailParts(email: string): string[] {
  const normalised = email.normalize('NFC').toLowerCase().trim();
  const at = normalised.lastIndexOf('@');
  const local = at >= 0 ? normalised.slice(0, at) : normalised;
  // "ana+asylon@…": the part before the tag is what a person would reuse.
  const untagged = local.split('+')[0] ?? '';
  return [local, untagged].filter((part) => [...part].length >= 4);
}

export function checkPassword(password: string, context: { email?: string } = {}): PasswordCheck {
  // Cheap cut-off before normalising huge input; NFC merges at most 4 code points into one,
  // so this bound leaves ample room.
  if (password.length > MAX_PASSWORD_LENGTH * 16) return { ok: false, reason: 'too_long' };
  const normalised = password.normalize('NFC');
  const length = [...normalised].length;
  if (length < MIN_PASSWORD_LENGTH) return { ok: false, reason: 'too_short' };
  if (length > MAX_PASSWORD_LENGTH) return { ok: false, reason: 'too_long' };
  const lower = normalised.toLowerCase();
  if (isCommon(lower)) return { ok: false, reason: 'common' };
  if (context.email !== undefined) {
    if (emailParts(context.email).some((part) => lower.includes(part))) {
      return { ok: false, reason: 'contains_email' };
    }
  }
  return { ok: true };
}
