/**
 * The encrypted container of a backup file: a magic line, a salt, then AES-256-GCM frames of at
 * most 1 MiB each. The key comes from the passphrase through scrypt. Every frame has its own nonce
 * and authenticates its position and whether it is the last, so a reordered, truncated or
 * altered file fails to open instead of restoring part of a database.
 *
 *   "ASYLON-BACKUP 1\n"  salt(16)  { length(4, BE)  nonce(12)  ciphertext(length)  tag(16) }*
 */
import crypto from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

const MAGIC = Buffer.from('ASYLON-BACKUP 1\n');
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const FRAME_BYTES = 1 << 20;
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
export const MIN_PASSPHRASE_LENGTH = 12;

export class BackupFileError extends Error {}

function deriveKey(passphrase: string, salt: Buffer): Buffer {
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);
}

function frameData(index: number, last: boolean): Buffer {
  const aad = Buffer.alloc(9);
  aad.writeBigUInt64BE(BigInt(index));
  aad[8] = last ? 1 : 0;
  return aad;
}

/** Encrypts a byte stream into the backup container. */
export function sealStream(passphrase: string): Transform {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = deriveKey(passphrase, salt);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  let started = false;

  const frame = (plain: Buffer, last: boolean): Buffer => {
    const nonce = crypto.randomBytes(NONCE_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(frameData(index++, last));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    return Buffer.concat([length, nonce, body, cipher.getAuthTag()]);
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (!started) {
        this.push(Buffer.concat([MAGIC, salt]));
        started = true;
      }
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes > FRAME_BYTES) {
        const all = Buffer.concat(pending);
        this.push(frame(all.subarray(0, FRAME_BYTES), false));
        pending = [all.subarray(FRAME_BYTES)];
        pendingBytes = pending[0]!.length;
      }
      done();
    },
    flush(done: TransformCallback) {
      if (!started) this.push(Buffer.concat([MAGIC, salt]));
      this.push(frame(Buffer.concat(pending), true));
      done();
    },
  });
}

/** Decrypts the backup container; fails on a wrong passphrase, any alteration or truncation. */
export function openStream(passphrase: string): Transform {
  let buffered = Buffer.alloc(0);
  let key: Buffer | null = null;
  let index = 0;
  let ended = false;

  const wrong = () =>
    new BackupFileError(
      'The backup cannot be decrypted: the passphrase is wrong, or the file was altered.',
    );

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      buffered = Buffer.concat([buffered, chunk]);
      try {
        if (!key) {
          if (buffered.length < MAGIC.length + SALT_BYTES) return done();
          if (!buffered.subarray(0, MAGIC.length).equals(MAGIC)) {
            throw new BackupFileError('The file is not an Asylon backup.');
          }
          key = deriveKey(passphrase, buffered.subarray(MAGIC.length, MAGIC.length + SALT_BYTES));
          buffered = buffered.subarray(MAGIC.length + SALT_BYTES);
        }
        for (;;) {
          if (buffered.length < 4) break;
          const length = buffered.readUInt32BE(0);
          const total = 4 + NONCE_BYTES + length + TAG_BYTES;
          if (buffered.length < total) break;
          if (ended) throw new BackupFileError('The backup has data after its last part.');
          const nonce = buffered.subarray(4, 4 + NONCE_BYTES);
          const body = buffered.subarray(4 + NONCE_BYTES, 4 + NONCE_BYTES + length);
          const tag = buffered.subarray(total - TAG_BYTES, total);
          const plain = decryptFrame(key, nonce, body, tag, index);
          if (!plain) throw wrong();
          index++;
          ended = plain.last;
          this.push(plain.data);
          buffered = buffered.subarray(total);
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      if (!key) return done(new BackupFileError('The file is not an Asylon backup.'));
      if (!ended || buffered.length > 0) {
        return done(new BackupFileError('The backup is incomplete: the file was cut short.'));
      }
      done();
    },
  });
}

function decryptFrame(
  key: Buffer,
  nonce: Buffer,
  body: Buffer,
  tag: Buffer,
  index: number,
): { data: Buffer; last: boolean } | null {
  for (const last of [false, true]) {
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce);
      decipher.setAAD(frameData(index, last));
      decipher.setAuthTag(tag);
      return { data: Buffer.concat([decipher.update(body), decipher.final()]), last };
    } catch {
      // Not authentic with this position flag; try the other, then give up.
    }
  }
  return null;
}
