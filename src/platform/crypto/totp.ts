// RFC 6238 time-based one-time passwords (HMAC-SHA1), as used by authenticator apps.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const CODE_DIGITS = 6;
const PERIOD_SECONDS = 30;

/** 160-bit secret, the HMAC-SHA1 block-friendly size RFC 4226 recommends. */
export function generateTotpSecret(): Buffer {
  return randomBytes(20);
}

/** RFC 4648 base32 without padding (authenticator apps accept it unpadded). */
export function base32Encode(buf: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of buf) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Lenient on case, spaces and padding (people retype secrets), strict on everything else. */
export function base32Decode(s: string): Buffer {
  const clean = s.replace(/[\s=]/g, '').toUpperCase();
  // 1, 3 or 6 leftover characters can never come out of an encoder: a character is missing.
  if ([1, 3, 6].includes(clean.length % 8)) throw new Error('base32: invalid length');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const idx = BASE32_ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error('base32: invalid character');
    value = ((value << 5) | idx) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totpStep(at: Date, period = PERIOD_SECONDS): number {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('totp: invalid date');
  return Math.floor(ms / 1000 / period);
}

/** HOTP value for one counter step (RFC 4226 dynamic truncation), zero padded. */
export function totpAt(secret: Buffer, step: number, digits = CODE_DIGITS): string {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError('totp: invalid step');
  // A 31-bit truncated value has at most 10 decimal digits.
  if (!Number.isInteger(digits) || digits < 1 || digits > 10) {
    throw new RangeError('totp: invalid digits');
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * Accepts a code from steps now-window..now+window (clock drift), but never a step at or before
 * lastUsedStep: each code works once, so a shoulder-surfed or phished code cannot be replayed.
 */
export function verifyTotp(
  secret: Buffer,
  code: string,
  now: Date,
  lastUsedStep: number | null,
  window = 1,
): { ok: true; step: number } | { ok: false } {
  if (!Number.isInteger(window) || window < 0 || window > 10) {
    throw new RangeError('totp: invalid window');
  }
  if (!/^[0-9]{6}$/.test(code)) return { ok: false };
  const given = Buffer.from(code, 'ascii');
  const current = totpStep(now);
  let matched: number | null = null;
  // Check every candidate so timing does not reveal which step matched.
  for (let step = current - window; step <= current + window; step++) {
    if (step < 0 || (lastUsedStep !== null && step <= lastUsedStep)) continue;
    const expected = Buffer.from(totpAt(secret, step, CODE_DIGITS), 'ascii');
    if (timingSafeEqual(given, expected) && matched === null) matched = step;
  }
  return matched === null ? { ok: false } : { ok: true, step: matched };
}

/** Key URI for QR codes (Google Authenticator "Key Uri Format"). */
export function otpauthUrl(opts: { secret: Buffer; account: string; issuer: string }): string {
  const label = `${encodeURIComponent(opts.issuer)}:${encodeURIComponent(opts.account)}`;
  const query = [
    `secret=${base32Encode(opts.secret)}`,
    `issuer=${encodeURIComponent(opts.issuer)}`,
    'algorithm=SHA1',
    `digits=${CODE_DIGITS}`,
    `period=${PERIOD_SECONDS}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}
