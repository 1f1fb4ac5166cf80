import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { generateKeyPairSync } from 'node:crypto';
import { keyIdOf, signCheckpoint, verifyCheckpointSignature } from './checkpoint-signing.ts';
import type { Checkpoint } from './chain.ts';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const keyId = keyIdOf(publicKey);

const base = {
  operationId: 'op-greece-2025',
  seq: 42,
  hash: 'ab'.repeat(32),
  at: '2025-03-01T12:00:00.000Z',
};

describe('checkpoint signing', () => {
  it('derives a 16-hex-char key id, the same from either half', () => {
    expect(keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(privateKey)).toBe(keyId);
    expect(keyIdOf(other.publicKey)).not.toBe(keyId);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => keyIdOf(rsa.publicKey)).toThrow(TypeError);
  });

  it('signs and verifies', () => {
    const cp = signCheckpoint(privateKey, keyId, base);
    expect(cp).toMatchObject({ ...base, keyId });
    expect(Buffer.from(cp.signature, 'base64').length).toBe(64);
    expect(verifyCheckpointSignature(publicKey, cp)).toBe(true);
  });

  it('ignores extra properties passed in', () => {
    const cp = signCheckpoint(privateKey, keyId, { ...base, extra: 1 } as typeof base);
    expect(Object.keys(cp).sort()).toEqual([
      'at',
      'hash',
      'keyId',
      'operationId',
      'seq',
      'signature',
    ]);
    expect(verifyCheckpointSignature(publicKey, cp)).toBe(true);
  });

  it('refuses any tampered field', () => {
    const cp = signCheckpoint(privateKey, keyId, base);
    const tampered: Checkpoint[] = [
      { ...cp, operationId: 'op-other' },
      { ...cp, seq: 43 },
      { ...cp, hash: 'ac'.repeat(32) },
      { ...cp, at: '2025-03-01T12:00:00.001Z' },
      { ...cp, keyId: keyIdOf(other.publicKey) },
      { ...cp, signature: `${cp.signature.slice(0, -4)}AAA=` },
      { ...cp, signature: `${cp.signature}#` },
      { ...cp, signature: '' },
    ];
    for (const t of tampered) expect(verifyCheckpointSignature(publicKey, t)).toBe(false);
  });

  it('refuses any flipped signature bit', () => {
    const cp = signCheckpoint(privateKey, keyId, base);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 511 }), (bit) => {
        const sig = Buffer.from(cp.signature, 'base64');
        sig[bit >> 3] = sig[bit >> 3]! ^ (1 << (bit & 7));
        const t = { ...cp, signature: sig.toString('base64') };
        expect(verifyCheckpointSignature(publicKey, t)).toBe(false);
      }),
    );
  });

  it('refuses the wrong key', () => {
    const cp = signCheckpoint(privateKey, keyId, base);
    expect(verifyCheckpointSignature(other.publicKey, cp)).toBe(false);
    // Signed by another key while claiming this key's id.
    const forged = signCheckpoint(other.privateKey, keyId, base);
    expect(verifyCheckpointSignature(publicKey, forged)).toBe(false);
    const honest = signCheckpoint(other.privateKey, keyIdOf(other.publicKey), base);
    expect(verifyCheckpointSignature(publicKey, honest)).toBe(false);
    expect(verifyCheckpointSignature(other.publicKey, honest)).toBe(true);
    expect(() => signCheckpoint(publicKey, keyId, base)).toThrow(TypeError);
  });
});
