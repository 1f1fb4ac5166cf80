// Ed25519 signatures over audit checkpoints. The private key lives outside the database, so
// someone who can rewrite audit rows still cannot forge the checkpoints that pin them.
import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from './chain.ts';
import type { Checkpoint } from './chain.ts';

function signedBytes(cp: Omit<Checkpoint, 'signature'>): Buffer {
  const { operationId, seq, hash, at, keyId } = cp;
  return Buffer.from(canonicalJson({ operationId, seq, hash, at, keyId }), 'utf8');
}

function isEd25519(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'ed25519';
}

/** Short fingerprint of the public key (SHA-256 over its SPKI DER encoding). */
export function keyIdOf(publicKey: KeyObject): string {
  if (!isEd25519(publicKey)) throw new TypeError('checkpoint signing: expected an Ed25519 key');
  // Given the private half, fingerprint its public half, so both name the same key.
  const pub = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  const spki = pub.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('hex').slice(0, 16);
}

export function signCheckpoint(
  privateKey: KeyObject,
  keyId: string,
  cp: Omit<Checkpoint, 'signature' | 'keyId'>,
): Checkpoint {
  if (privateKey.type !== 'private' || !isEd25519(privateKey)) {
    throw new TypeError('checkpoint signing: expected an Ed25519 private key');
  }
  const unsigned = { operationId: cp.operationId, seq: cp.seq, hash: cp.hash, at: cp.at, keyId };
  const signature = sign(null, signedBytes(unsigned), privateKey).toString('base64');
  return { ...unsigned, signature };
}

/** False for any mismatch, including a keyId that does not name this key. */
export function verifyCheckpointSignature(publicKey: KeyObject, cp: Checkpoint): boolean {
  if (!isEd25519(publicKey) || cp.keyId !== keyIdOf(publicKey)) return false;
  const signature = Buffer.from(cp.signature, 'base64');
  // Buffer.from skips junk characters; insist on the canonical encoding.
  if (signature.length !== 64 || signature.toString('base64') !== cp.signature) return false;
  try {
    return verify(null, signedBytes(cp), publicKey, signature);
  } catch {
    return false;
  }
}
