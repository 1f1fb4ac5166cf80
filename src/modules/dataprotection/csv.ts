/**
 * The officer's lists as CSV, through platform/tabular (formula cells neutralised). Only the
 * columns named here are written: codes, ids, dates, counts, and a transfer's recipient and
 * purpose; never notes, reasons, evidence or request details.
 */
import { PassThrough } from 'node:stream';
import { writeTable, type WriteColumn, type WriteRow } from '../../platform/tabular/index.ts';
import type { RunView } from './retention-schema.ts';
import type { SubjectRequestView } from './subject-schema.ts';
import type { TransferView } from './officer-schema.ts';
import type { z } from 'zod';
import type { breakGlassView } from './officer-schema.ts';

export async function toCsv(keys: readonly string[], rows: readonly WriteRow[]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const columns: WriteColumn[] = keys.map((k) => ({ header: k }));
  await writeTable(out, { format: 'csv', columns }, rows);
  return Buffer.concat(chunks).toString('utf8');
}

const list = (a: readonly string[]) => a.join(' ');

export function transfersCsv(items: readonly TransferView[]) {
  return toCsv(
    [
      'id',
      'createdAt',
      'kind',
      'recipient',
      'recipientType',
      'purpose',
      'legalBasis',
      'categories',
      'fields',
      'recordCount',
      'format',
      'consentPurpose',
      'consentMissing',
      'requestId',
      'createdBy',
    ],
    items.map((t) => ({
      ...t,
      categories: list(t.categories),
      fields: list(t.fields),
      overrideReason: null,
    })),
  );
}

export function subjectRequestsCsv(items: readonly SubjectRequestView[]) {
  return toCsv(
    [
      'id',
      'personId',
      'kind',
      'status',
      'receivedOn',
      'dueOn',
      'overdue',
      'inPerson',
      'verificationMethod',
      'verifiedBy',
      'verifiedOn',
      'exportedAt',
      'closedAt',
    ],
    items.map((r) => ({
      id: r.id,
      personId: r.personId,
      kind: r.kind,
      status: r.status,
      receivedOn: r.receivedOn,
      dueOn: r.dueOn,
      overdue: r.overdue ? 'yes' : 'no',
      inPerson: r.inPerson ? 'yes' : 'no',
      verificationMethod: r.verification.method,
      verifiedBy: r.verification.verifiedBy,
      verifiedOn: r.verification.verifiedOn,
      exportedAt: r.exportedAt,
      closedAt: r.closedAt,
    })),
  );
}

/** One line per run and category. */
export function runsCsv(items: readonly RunView[]) {
  return toCsv(
    [
      'runId',
      'trigger',
      'startedAt',
      'startedBy',
      'category',
      'enabled',
      'keepDays',
      'cutoff',
      'deleted',
      'held',
      'blocked',
    ],
    items.flatMap((r) =>
      r.categories.map((c) => ({
        runId: r.id,
        trigger: r.trigger,
        startedAt: r.startedAt,
        startedBy: r.startedBy,
        category: c.category,
        enabled: c.enabled ? 'yes' : 'no',
        keepDays: c.keepDays,
        cutoff: c.cutoff,
        deleted: c.deleted,
        held: c.held,
        blocked: c.blocked,
      })),
    ),
  );
}

export function breakGlassCsv(items: readonly z.infer<typeof breakGlassView>[]) {
  return toCsv(
    ['at', 'userId', 'personId', 'until', 'active'],
    items.map((b) => ({ ...b, active: b.active ? 'yes' : 'no', reason: null })),
  );
}
