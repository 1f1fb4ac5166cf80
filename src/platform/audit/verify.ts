import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../db/schema.ts';
import { verifyChain, type VerifyResult } from './chain.ts';
import { verifyCheckpointSignature } from './checkpoint-signing.ts';
import { listOperationIds, loadChainEnds, streamChain } from './audit-repository.ts';

export interface OperationVerification {
  operationId: string;
  result: VerifyResult;
}

/** Verifies one operation's chain against its head and its signed checkpoints. */
export async function verifyOperationChain(
  db: Kysely<PlatformTables>,
  publicKey: KeyObject,
  operationId: string,
): Promise<VerifyResult> {
  const { head, checkpoints } = await loadChainEnds(db, operationId);
  return verifyChain(streamChain(db, operationId), {
    head,
    checkpoints,
    verifySignature: (cp) => verifyCheckpointSignature(publicKey, cp),
  });
}

export async function verifyAllChains(
  db: Kysely<PlatformTables>,
  publicKey: KeyObject,
): Promise<OperationVerification[]> {
  const out: OperationVerification[] = [];
  for (const operationId of await listOperationIds(db)) {
    out.push({ operationId, result: await verifyOperationChain(db, publicKey, operationId) });
  }
  return out;
}
