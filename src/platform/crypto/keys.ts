import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

export interface Keys {
  /** 32-byte key for field-level encryption (TOTP secrets, later whereabouts). */
  masterKey: Buffer;
  /** Ed25519 key pair signing audit checkpoints. */
  auditSigning: { privateKey: KeyObject; publicKey: KeyObject };
}

/** Where the keys live when the settings do not give them. */
export function keyFiles(dataDir: string): { master: string; auditSigning: string } {
  const dir = path.join(dataDir, 'keys');
  return {
    master: path.join(dir, 'master.key'),
    auditSigning: path.join(dir, 'audit-signing.pem'),
  };
}

/** Reads a key file, or creates it (owner-only permissions) the first time. */
function readOrCreate(file: string, create: () => string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const value = create();
    fs.writeFileSync(file, value, { mode: 0o600, flag: 'wx' });
    return value;
  }
}

export function generateKeys(): Keys {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return { masterKey: crypto.randomBytes(32), auditSigning: { privateKey, publicKey } };
}

/**
 * Keys come from the settings when given (several servers on PostgreSQL share them), else from
 * <dataDir>/keys, made on first start. Back these files up with the database: without the
 * master key, encrypted fields cannot be read.
 */
export function loadKeys(config: Pick<Config, 'dataDir' | 'masterKey' | 'auditSigningKey'>): Keys {
  const files = keyFiles(config.dataDir);
  const master =
    config.masterKey ??
    readOrCreate(files.master, () => crypto.randomBytes(32).toString('base64')).trim();
  const pem =
    config.auditSigningKey ??
    readOrCreate(files.auditSigning, () =>
      crypto
        .generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
    );
  const privateKey = crypto.createPrivateKey(pem);
  return {
    masterKey: Buffer.from(master, 'base64'),
    auditSigning: { privateKey, publicKey: crypto.createPublicKey(privateKey) },
  };
}
