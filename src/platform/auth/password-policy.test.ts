import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { checkPassword } from './password-policy.ts';

const list = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.length > 0);

const refused = (reason: string) => ({ ok: false, reason });

describe('common password list', () => {
  it('is a large lowercase list without blanks or duplicates', () => {
    expect(list.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(list).size).toBe(list.length);
    for (const entry of list) expect(entry).toBe(entry.trim().toLowerCase());
    for (const w of ['mohammad', 'allahakbar', 'tirana', 'dashuri', 'doostetdaram', 'qwerty']) {
      expect(list).toContain(w);
    }
  });

  it('refuses every entry long enough to be allowed otherwise', () => {
    const long = list.filter((w) => [...w].length >= 12);
    expect(long.length).toBeGreaterThan(50);
    for (const w of long) expect(checkPassword(w)).toEqual(refused('common'));
  });

  it('refuses entries ending in a letter padded with digits and symbols', () => {
    const words = list.filter((w) => /\p{L}$/u.test(w) && [...w].length < 12);
    for (const w of words) {
      const padded = `${w[0]!.toUpperCase()}${w.slice(1)}${'2024!'.padEnd(12 - w.length, '9')}`;
      expect(checkPassword(padded)).toEqual(refused('common'));
    }
  });
});

describe('checkPassword', () => {
  it('refuses passwords under 12 code points', () => {
    expect(checkPassword('')).toEqual(refused('too_short'));
    expect(checkPassword('zq8#Lm2vTx0')).toEqual(refused('too_short'));
    expect(checkPassword('zq8#Lm2vTx0p')).toEqual({ ok: true });
    // 11 emoji: 22 UTF-16 units, but 11 characters.
    expect(checkPassword('🦊'.repeat(11))).toEqual(refused('too_short'));
    expect(checkPassword('🦊'.repeat(12))).toEqual({ ok: true });
  });

  it('counts code points after NFC normalisation', () => {
    // "e" + combining acute composes into one "é": 17 code points decomposed, 11 composed.
    expect(checkPassword('e\u0301'.repeat(6) + 'xyzqw')).toEqual(refused('too_short'));
    expect(checkPassword('é'.repeat(6) + 'xyzqwvkrtp')).toEqual({ ok: true });
    expect(checkPassword('حرية-وطن-بيت-قمر')).toEqual({ ok: true });
  });

  it('refuses passwords over 256 code points', () => {
    const base = 'correct horse battery staple ';
    const at256 = base.repeat(9).slice(0, 256);
    expect(checkPassword(at256)).toEqual({ ok: true });
    expect(checkPassword(`${at256}x`)).toEqual(refused('too_long'));
    expect(checkPassword('🦊'.repeat(256))).toEqual({ ok: true });
    expect(checkPassword('🦊'.repeat(257))).toEqual(refused('too_long'));
    expect(checkPassword('x'.repeat(1_000_000))).toEqual(refused('too_long'));
  });

  it('refuses common passwords case-insensitively and with junk bolted on', () => {
    expect(checkPassword('Password1234')).toEqual(refused('common'));
    expect(checkPassword('Password123!')).toEqual(refused('common'));
    expect(checkPassword('PASSWORD!!!!')).toEqual(refused('common'));
    expect(checkPassword('qwertyuiop123')).toEqual(refused('common'));
    expect(checkPassword('123456789012')).toEqual(refused('common'));
    expect(checkPassword('Mohammad1234')).toEqual(refused('common'));
    expect(checkPassword('Dashuri2024!')).toEqual(refused('common'));
    expect(checkPassword('2024 Allahakbar')).toEqual(refused('common'));
    expect(checkPassword('Password1234 is mine')).toEqual({ ok: true });
  });

  it('refuses passwords containing the email local part', () => {
    const email = 'Ana.Krasniqi+asylon@example.org';
    expect(checkPassword('my ana.krasniqi+asylon pw', { email })).toEqual(
      refused('contains_email'),
    );
    expect(checkPassword('xxANA.KRASNIQIxx', { email })).toEqual(refused('contains_email'));
    expect(checkPassword('lake-ana.krasnov-sky', { email })).toEqual({ ok: true });
    // Local parts under four characters are too short to matter.
    expect(checkPassword('ana-lake-sky-dome', { email: 'ana@example.org' })).toEqual({
      ok: true,
    });
    expect(checkPassword('omar-lake-sky-dome', { email: 'omar@example.org' })).toEqual(
      refused('contains_email'),
    );
  });

  it('accepts random passphrases', () => {
    expect(checkPassword('tulip orbit9')).toEqual({ ok: true });
    expect(checkPassword('gjethe-deti-mali-hena')).toEqual({ ok: true });
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split('')),
          minLength: 16,
          maxLength: 80,
        }),
        (pw) => {
          expect(checkPassword(pw)).toEqual({ ok: true });
        },
      ),
    );
  });
});
