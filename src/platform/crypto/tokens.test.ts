import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { randomToken, safeEqual, sha256, sha256Hex } from './tokens.ts';

describe('tokens', () => {
  it('makes prefixed base64url tokens of 32 random bytes', () => {
    const token = randomToken('asy_s_');
    expect(token).toMatch(/^asy_s_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(6), 'base64url').length).toBe(32);
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const many = new Set(Array.from({ length: 200 }, () => randomToken()));
    expect(many.size).toBe(200);
  });

  it('hashes with SHA-256', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256(Buffer.from('abc')).toString('hex')).toBe(sha256Hex('abc'));
    expect(sha256('').length).toBe(32);
  });

  it('compares buffers of any length without throwing', () => {
    expect(safeEqual(Buffer.from('secret'), Buffer.from('secret'))).toBe(true);
    expect(safeEqual(Buffer.from('secret'), Buffer.from('secreT'))).toBe(false);
    expect(safeEqual(Buffer.from('secret'), Buffer.from('secret1'))).toBe(false);
    expect(safeEqual(Buffer.alloc(0), Buffer.alloc(0))).toBe(true);
    fc.assert(
      fc.property(fc.uint8Array(), fc.uint8Array(), (a, b) => {
        const x = Buffer.from(a);
        const y = Buffer.from(b);
        expect(safeEqual(x, y)).toBe(x.equals(y));
        expect(safeEqual(x, Buffer.from(x))).toBe(true);
      }),
    );
  });
});
