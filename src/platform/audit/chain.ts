// Tamper-evident audit log: each event's hash covers the previous hash, so editing, deleting,
// inserting or reordering an event breaks every later link. Signed checkpoints and the stored
// head catch what the links alone cannot: a truncated tail or a consistently rewritten suffix.
import { createHash } from 'node:crypto';

export interface AuditEventBody {
  operationId: string;
  seq: number;
  at: string /* ISO 8601 with ms */;
  actorId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AuditEventRecord extends AuditEventBody {
  prevHash: string /* hex */;
  hash: string /* hex */;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface Checkpoint {
  operationId: string;
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  signature: string /* base64 */;
}

export type VerifyResult =
  | { ok: true; checked: number; lastSeq: number; lastHash: string }
  | { ok: false; checked: number; firstBad: { seq: number; reason: string } };

/**
 * Deterministic JSON: object keys sorted (UTF-16 order) at every depth, no whitespace. Values
 * that plain JSON would silently alter or drop throw instead, because a hash over a lossy
 * encoding would not survive a round trip through the database.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, new Set());
}

function encode(value: unknown, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'object':
      return encodeObject(value, ancestors);
    default:
      // undefined (outside an object), bigint, function, symbol
      throw new TypeError(`canonicalJson: unsupported ${typeof value}`);
  }
}

function encodeObject(value: object, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new TypeError('canonicalJson: circular structure');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item: unknown) => encode(item, ancestors)).join(',')}]`;
    }
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    // Dates and the like: use their JSON form, as the stored copy will have it.
    if (typeof toJSON === 'function') return encode(toJSON.call(value), ancestors);
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError('canonicalJson: unsupported object type');
    }
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${encode(item, ancestors)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

// Only the body fields are hashed, even when handed a full record with prevHash and hash.
function bodyOf(body: AuditEventBody): AuditEventBody {
  return {
    operationId: body.operationId,
    seq: body.seq,
    at: body.at,
    actorId: body.actorId,
    action: body.action,
    entityType: body.entityType,
    entityId: body.entityId,
    requestId: body.requestId,
    details: body.details,
  };
}

export function computeEventHash(prevHash: string, body: AuditEventBody): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(bodyOf(body))}`, 'utf8')
    .digest('hex');
}

export function chainNext(
  prev: { seq: number; hash: string } | null,
  body: Omit<AuditEventBody, 'seq'>,
): AuditEventRecord {
  const seq = prev === null ? 1 : prev.seq + 1;
  const prevHash = prev === null ? GENESIS_HASH : prev.hash;
  const full = bodyOf({ ...body, seq });
  return { ...full, prevHash, hash: computeEventHash(prevHash, full) };
}

// A body that cannot even be encoded was not written by chainNext.
function rehash(event: AuditEventRecord): string | null {
  try {
    return computeEventHash(event.prevHash, event);
  } catch {
    return null;
  }
}

export interface VerifyOptions {
  /** The stored head. undefined: not checked; null: the chain must be empty. */
  head?: { seq: number; hash: string } | null;
  checkpoints?: Checkpoint[];
  verifySignature?: (cp: Checkpoint) => boolean;
}

/**
 * Verifies one operation's chain, streamed in seq order with constant memory, and reports the
 * first bad position. Reasons: operation_mismatch, seq_gap (entry deleted), seq_unexpected
 * (entry inserted, duplicated or reordered), prev_hash_mismatch, hash_mismatch (entry edited),
 * bad_checkpoint, bad_signature, checkpoint_operation_mismatch, checkpoint_mismatch (history
 * rewritten), checkpoint_beyond_tail (tail truncated), head_mismatch, head_beyond_tail,
 * beyond_head.
 */
export async function verifyChain(
  events: AsyncIterable<AuditEventRecord> | Iterable<AuditEventRecord>,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const { head, verifySignature } = options;
  const checkpoints = [...(options.checkpoints ?? [])].sort((a, b) => a.seq - b.seq);
  if (checkpoints.length > 0 && verifySignature === undefined) {
    // An unverified checkpoint proves nothing; refuse to give false comfort.
    throw new TypeError('verifyChain: checkpoints need verifySignature');
  }
  const signatureOk = (cp: Checkpoint): boolean => verifySignature?.(cp) === true;
  const bad = (checked: number, seq: number, reason: string): VerifyResult => ({
    ok: false,
    checked,
    firstBad: { seq, reason },
  });

  for (const cp of checkpoints) {
    if (!Number.isSafeInteger(cp.seq) || cp.seq < 1) return bad(0, 0, 'bad_checkpoint');
  }
  const headSeq = head === undefined ? undefined : (head?.seq ?? 0);

  let checked = 0;
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  let operationId: string | null = null;
  let nextCp = 0;

  for await (const event of events) {
    const expected = lastSeq + 1;
    operationId ??= event.operationId;
    if (event.operationId !== operationId) return bad(checked, expected, 'operation_mismatch');
    if (event.seq !== expected) {
      const reason = event.seq > expected ? 'seq_gap' : 'seq_unexpected';
      return bad(checked, expected, reason);
    }
    if (headSeq !== undefined && event.seq > headSeq) return bad(checked, expected, 'beyond_head');
    if (event.prevHash !== lastHash) return bad(checked, expected, 'prev_hash_mismatch');
    if (rehash(event) !== event.hash) return bad(checked, expected, 'hash_mismatch');
    for (; nextCp < checkpoints.length && checkpoints[nextCp]!.seq === event.seq; nextCp++) {
      const cp = checkpoints[nextCp]!;
      if (!signatureOk(cp)) return bad(checked, cp.seq, 'bad_signature');
      if (cp.operationId !== operationId) {
        return bad(checked, cp.seq, 'checkpoint_operation_mismatch');
      }
      if (cp.hash !== event.hash) return bad(checked, cp.seq, 'checkpoint_mismatch');
    }
    if (head && event.seq === head.seq && event.hash !== head.hash) {
      return bad(checked, event.seq, 'head_mismatch');
    }
    checked++;
    lastSeq = event.seq;
    lastHash = event.hash;
  }

  // Whatever the head or a genuine checkpoint claims beyond the last event was cut off.
  if (headSeq !== undefined && headSeq > lastSeq) {
    return bad(checked, lastSeq + 1, 'head_beyond_tail');
  }
  const cp = checkpoints[nextCp];
  if (cp !== undefined) {
    if (!signatureOk(cp)) return bad(checked, cp.seq, 'bad_signature');
    if (operationId !== null && cp.operationId !== operationId) {
      return bad(checked, cp.seq, 'checkpoint_operation_mismatch');
    }
    return bad(checked, lastSeq + 1, 'checkpoint_beyond_tail');
  }
  return { ok: true, checked, lastSeq, lastHash };
}
