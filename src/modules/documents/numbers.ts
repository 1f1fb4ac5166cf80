import crypto from 'node:crypto';

/**
 * Document numbers are matched, not read: the same number written "AB 123-456" or "ab123456"
 * with the same issuer gives the same HMAC. The HMAC key is derived from the master key, so a
 * copy of the database alone cannot test guesses.
 */
export function normaliseDocumentNumber(number: string): string {
  return number
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-./]/g, '');
}

export function normaliseIssuer(issuer: string): string {
  return issuer.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

export function documentNumberHash(masterKey: Buffer, issuer: string, number: string): Buffer {
  const key = Buffer.from(
    crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'asylon/document-number', 32),
  );
  return crypto
    .createHmac('sha256', key)
    .update(`${normaliseIssuer(issuer)}\u0000${normaliseDocumentNumber(number)}`)
    .digest();
}
