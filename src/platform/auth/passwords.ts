import { hash, verify } from '@node-rs/argon2';

// OWASP / ASVS level 2 minimum for argon2id.
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolated modules cannot read)
const PARAMS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/** Spends the same time as a real check, for a login whose account does not exist. */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummy ??= hashPassword('asylon-dummy-password-for-timing');
  await verifyPassword(await dummy, password);
  return false;
}
