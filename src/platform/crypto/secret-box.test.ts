import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from './secret-box.ts';

const key = randomBytes(32);
const CANNOT_OPEN = 'secret box: cannot open';

describe('secret box', () => {
  it('round-trips any plaintext and aad', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.string(), (bytes, aad) => {
        const plain = Buffer.from(bytes);
        const box = sealSecret(key, plain, aad);
        expect(box.length).toBe(1 + 12 + 16 + plain.length);
        expect(box[0]).toBe(1);
        expect(openSecret(key, box, aad).equals(plain)).toBe(true);
      }),
    );
  });

  it('encrypts strings as UTF-8 and uses a fresh IV each time', () => {
    const a = sealSecret(key, 'géographie 🌍');
    const b = sealSecret(key, 'géographie 🌍');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('graphie'))).toBe(false);
    expect(openSecret(key, a).toString('utf8')).toBe('géographie 🌍');
  });

  it('detects every single-byte change', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bytes, at, mask) => {
          const box = sealSecret(key, Buffer.from(bytes), 'users.totp:42');
          const i = at % box.length;
          box[i] = box[i]! ^ mask;
          expect(() => openSecret(key, box, 'users.totp:42')).toThrow(CANNOT_OPEN);
        },
      ),
    );
  });

  it('refuses the wrong aad, wrong key, bad version and truncation', () => {
    const box = sealSecret(key, 'seed', 'users.totp:42');
    expect(() => openSecret(key, box, 'users.totp:43')).toThrow(CANNOT_OPEN);
    expect(() => openSecret(key, box)).toThrow(CANNOT_OPEN);
    expect(() => openSecret(randomBytes(32), box, 'users.totp:42')).toThrow(CANNOT_OPEN);
    const v2 = Buffer.from(box);
    v2[0] = 2;
    expect(() => openSecret(key, v2, 'users.totp:42')).toThrow(CANNOT_OPEN);
    expect(() => openSecret(key, box.subarray(0, 28), 'users.totp:42')).toThrow(CANNOT_OPEN);
    expect(() => openSecret(key, box.subarray(0, box.length - 1), 'users.totp:42')).toThrow(
      CANNOT_OPEN,
    );
    expect(openSecret(key, box, 'users.totp:42').toString()).toBe('seed');
  });

  it('insists on a 256-bit key', () => {
    expect(() => sealSecret(randomBytes(16), 'x')).toThrow(/32 bytes/);
    expect(() => openSecret(randomBytes(31), Buffer.alloc(40))).toThrow(/32 bytes/);
  });
});
