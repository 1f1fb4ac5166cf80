// Opaque random tokens (sessions, invitations, resets) and the hashing used to store them.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits of randomness; the prefix makes leaked tokens recognisable in logs and scanners. */
export function randomToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

export function sha256Hex(data: string | Buffer): string {
  return sha256(data).toString('hex');
}

/** Comparing fixed-size digests keeps the time independent of content and length. */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  const same = timingSafeEqual(sha256(a), sha256(b));
  return same && a.length === b.length;
}
