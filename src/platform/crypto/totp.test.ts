import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  otpauthUrl,
  totpAt,
  totpStep,
  verifyTotp,
} from './totp.ts';

const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('base32', () => {
  it('matches the RFC 4648 test vectors (unpadded)', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded).toString()).toBe(plain);
    }
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const buf = Buffer.from(bytes);
        const encoded = base32Encode(buf);
        expect(encoded).toMatch(/^[A-Z2-7]*$/);
        expect(base32Decode(encoded).equals(buf)).toBe(true);
      }),
    );
  });

  it('decodes lower case, spaces and padding', () => {
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
  });

  it('throws on invalid characters and impossible lengths', () => {
    expect(() => base32Decode('MZXW1')).toThrow(/invalid character/);
    expect(() => base32Decode('MZXW6Y0B')).toThrow(/invalid character/);
    expect(() => base32Decode('M')).toThrow(/invalid length/);
    expect(() => base32Decode('MZX')).toThrow(/invalid length/);
  });
});

describe('totpAt', () => {
  it('matches the RFC 6238 appendix B SHA1 vectors (8 digits)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) {
      expect(totpAt(RFC_SECRET, totpStep(new Date(seconds * 1000)), 8)).toBe(code);
    }
  });

  it('matches the RFC 4226 appendix D HOTP vectors (6 digits)', () => {
    const codes = ['755224', '287082', '359152', '969429', '338314'];
    codes.push('254676', '287922', '162583', '399871', '520489');
    codes.forEach((code, counter) => expect(totpAt(RFC_SECRET, counter)).toBe(code));
  });

  it('rejects nonsense steps and digit counts', () => {
    expect(() => totpAt(RFC_SECRET, -1)).toThrow(RangeError);
    expect(() => totpAt(RFC_SECRET, 1.5)).toThrow(RangeError);
    expect(() => totpAt(RFC_SECRET, 1, 11)).toThrow(RangeError);
    expect(() => totpStep(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('uses 30-second steps', () => {
    expect(totpStep(new Date(29_999))).toBe(0);
    expect(totpStep(new Date(30_000))).toBe(1);
    expect(totpStep(new Date(60_000), 60)).toBe(1);
  });
});

describe('verifyTotp', () => {
  const now = new Date('2025-03-01T12:00:10Z');
  const step = totpStep(now);

  it('generates 20-byte random secrets', () => {
    const a = generateTotpSecret();
    expect(a.length).toBe(20);
    expect(a.equals(generateTotpSecret())).toBe(false);
  });

  it('accepts the current code and reports its step', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (bytes, ms) => {
          const secret = Buffer.from(bytes);
          const at = new Date(ms);
          const s = totpStep(at);
          expect(verifyTotp(secret, totpAt(secret, s), at, null)).toEqual({ ok: true, step: s });
        },
      ),
    );
  });

  it('respects the window', () => {
    const secret = generateTotpSecret();
    for (const delta of [-1, 0, 1]) {
      const res = verifyTotp(secret, totpAt(secret, step + delta), now, null);
      expect(res).toEqual({ ok: true, step: step + delta });
    }
    for (const delta of [-3, -2, 2, 3]) {
      expect(verifyTotp(secret, totpAt(secret, step + delta), now, null).ok).toBe(false);
    }
    expect(verifyTotp(secret, totpAt(secret, step + 2), now, null, 2)).toEqual({
      ok: true,
      step: step + 2,
    });
    expect(verifyTotp(secret, totpAt(secret, step + 1), now, null, 0).ok).toBe(false);
  });

  it('refuses a replayed code and any earlier step', () => {
    const secret = generateTotpSecret();
    const code = totpAt(secret, step);
    const first = verifyTotp(secret, code, now, null);
    expect(first).toEqual({ ok: true, step });
    expect(verifyTotp(secret, code, now, step).ok).toBe(false);
    // Still inside the window, but older than the last accepted step.
    expect(verifyTotp(secret, totpAt(secret, step - 1), now, step).ok).toBe(false);
    expect(verifyTotp(secret, totpAt(secret, step + 1), now, step)).toEqual({
      ok: true,
      step: step + 1,
    });
  });

  it('refuses codes that are not exactly six ASCII digits', () => {
    const secret = generateTotpSecret();
    const code = totpAt(secret, step);
    const bad = [code.slice(1), `${code}0`, ` ${code}`, `${code}\n`, '', code.replace(/./, 'a')];
    bad.push(totpAt(secret, step, 8), '１２３４５６');
    for (const c of bad) expect(verifyTotp(secret, c, now, null).ok).toBe(false);
  });

  it('refuses the wrong secret', () => {
    const code = totpAt(generateTotpSecret(), step);
    const other = generateTotpSecret();
    const codes = [-1, 0, 1].map((d) => totpAt(other, step + d));
    expect(verifyTotp(other, code, now, null).ok).toBe(codes.includes(code));
  });
});

describe('otpauthUrl', () => {
  it('builds an encoded key URI', () => {
    const url = otpauthUrl({
      secret: Buffer.from('foobar'),
      account: 'ana.k@example.org',
      issuer: 'Asylon Demo',
    });
    expect(url).toBe(
      'otpauth://totp/Asylon%20Demo:ana.k%40example.org?secret=MZXW6YTBOI' +
        '&issuer=Asylon%20Demo&algorithm=SHA1&digits=6&period=30',
    );
    const parsed = new URL(url);
    expect(parsed.searchParams.get('issuer')).toBe('Asylon Demo');
    expect(base32Decode(parsed.searchParams.get('secret')!).toString()).toBe('foobar');
  });

  it('encodes separators inside the account name', () => {
    const url = otpauthUrl({ secret: Buffer.alloc(20), account: 'a:b?c&d', issuer: 'X' });
    expect(url.startsWith('otpauth://totp/X:a%3Ab%3Fc%26d?')).toBe(true);
  });
});
