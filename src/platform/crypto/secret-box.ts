// Field-level encryption for secrets at rest (TOTP seeds, tokens): AES-256-GCM.
// Layout: version (1 byte) | IV (12) | tag (16) | ciphertext.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const HEADER_LENGTH = 1 + IV_LENGTH + TAG_LENGTH;

function checkKey(key: Buffer): void {
  // A wrong-sized key is a configuration bug, not a tampered box: say so.
  if (key.length !== 32) throw new Error('secret box: key must be 32 bytes');
}

/** aad binds the box to its context (e.g. table and row id) so it cannot be moved elsewhere. */
export function sealSecret(key: Buffer, plaintext: Buffer | string, aad = ''): Buffer {
  checkKey(key);
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

/** One error for every failure, so callers cannot leak which check failed. */
export function openSecret(key: Buffer, box: Buffer, aad = ''): Buffer {
  checkKey(key);
  if (box.length < HEADER_LENGTH || box[0] !== VERSION) throw new Error('secret box: cannot open');
  const iv = box.subarray(1, 1 + IV_LENGTH);
  const tag = box.subarray(1 + IV_LENGTH, HEADER_LENGTH);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(box.subarray(HEADER_LENGTH)), decipher.final()]);
  } catch {
    throw new Error('secret box: cannot open');
  }
}
