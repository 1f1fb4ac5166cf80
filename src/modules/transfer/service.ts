/**
 * Imports and exports of persons. An import is checked (dry run) or committed whole: one
 * transaction holds every write of a commit, so any problem — or a killed process — leaves no
 * trace. An export takes only records and columns the user may see, and its transfer record is
 * written before the first row leaves. Choices: README.md in this folder.
 */
import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { authorize } from '../../platform/access/authorize.ts';
import { abilitiesOf, isRole } from '../../platform/access/roles.ts';
import { inTransaction, type Tx } from '../../platform/db/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { startJob } from '../../platform/jobs.ts';
import type { Platform } from '../../platform/platform.ts';
import {
  openTable,
  TabularError,
  type Table,
  type WriteColumn,
  type WriteRow,
} from '../../platform/tabular/index.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { findActiveAccount } from '../auth/service.ts';
import { approvalsRequiredFor, categoriesOf } from '../dataprotection/categories.ts';
import { consentGate, recordOverride } from '../dataprotection/consent-service.ts';
import { seal } from '../dataprotection/sealing.ts';
import { seesSensitive } from '../registry/policy.ts';
import {
  defaultFields,
  exportColumns,
  exportRow,
  mayExport,
  type ExportField,
} from './export-fields.ts';
import { estimateRows, sha256File } from './files.ts';
import { ImportPass, type ImportCounts } from './import-pass.ts';
import {
  resolveMapping,
  type ExplicitMapping,
  type Problem,
  type ResolvedMapping,
} from './mapping.ts';
import * as exportRepo from './export-repository.ts';
import * as repo from './repository.ts';
import type { ExportQuery, ImportReport } from './schema.ts';
import type { UploadedFile } from './upload.ts';

export interface ImportFile {
  path: string;
  /** Kept in the import record. */
  name: string;
  sha256?: string;
}

export interface ImportOptions {
  mapping?: ExplicitMapping;
  sheet?: string;
  /** Called after each batch with the number of rows read so far. */
  onRows?: (rows: number) => void | Promise<void>;
}

export interface CommitResult extends ImportReport {
  committed: boolean;
  batchId: string | null;
}

const ZERO: ImportCounts = {
  rows: 0,
  personsCreated: 0,
  personsUpdated: 0,
  personsUnchanged: 0,
  householdsCreated: 0,
  membersAdded: 0,
  statusesAdded: 0,
};

interface Opened {
  sha256: string;
  /** Null until the file opened, and again when a mapping problem stops the import there. */
  table: Table | null;
  file: Omit<ImportReport['file'], 'name' | 'sha256'>;
  mapping: ResolvedMapping;
  problems: Problem[];
  previousImportAt: Date | null;
}

/** Opens the file and resolves its mapping; a file or mapping problem stops here. */
async function open(platform: Platform, ctx: RequestContext, file: ImportFile, o: ImportOptions) {
  authorize(ctx.actor, 'persons.import');
  const sha256 = file.sha256 ?? (await sha256File(file.path));
  const previousImportAt = await asActor(platform, ctx, (trx) =>
    repo.lastImportOf(trx, ctx.actor.operationId, sha256),
  );
  const opened: Opened = {
    sha256,
    table: null,
    file: { format: null, sheet: null, kobo: false, hxl: false },
    mapping: { fields: {}, ignored: [] },
    problems: [],
    previousImportAt,
  };
  try {
    opened.table = await openTable(file.path, o.sheet ? { sheet: o.sheet } : {});
  } catch (e) {
    if (!(e instanceof TabularError)) throw e;
    opened.problems.push({
      row: e.row,
      column: e.column ? { header: '', letter: e.column } : null,
      field: null,
      message: e.message,
    });
    return opened;
  }
  const { format, sheet, kobo, hxlTags, columns } = opened.table;
  opened.file = { format, sheet, kobo, hxl: hxlTags !== null };
  const resolved = resolveMapping(columns, o.mapping ?? {}, { kobo });
  opened.mapping = resolved.mapping;
  opened.problems = resolved.problems;
  if (resolved.problems.length) {
    await opened.table.close();
    opened.table = null;
  }
  return opened;
}

function report(file: ImportFile, o: Opened, pass: ImportPass | null): ImportReport {
  const problems = pass ? [...o.problems, ...pass.problems] : o.problems;
  const problemCount = o.problems.length + (pass?.problemCount ?? 0);
  return {
    file: { name: file.name, sha256: o.sha256, ...o.file },
    mapping: o.mapping,
    valid: problemCount === 0,
    problems,
    problemCount,
    summary: pass ? { ...pass.counts } : { ...ZERO },
    previousImportAt: o.previousImportAt?.toISOString() ?? null,
  };
}

/** Checks a file without writing: every problem by row and column, and what a commit would do. */
export async function dryRun(
  platform: Platform,
  ctx: RequestContext,
  file: ImportFile,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const opened = await open(platform, ctx, file, options);
  const table = opened.table;
  if (!table) return report(file, opened, null);
  const pass = new ImportPass(ctx, opened.mapping, {
    write: false,
    batchId: crypto.randomUUID(),
    inTx: (work) => asActor(platform, ctx, work),
    onRows: options.onRows,
  });
  await pass.run(table);
  // A check reads the registry (which external ids exist): it is recorded, with counts only.
  await asActor(platform, ctx, (trx) =>
    recordEvent(platform, trx, ctx, {
      action: 'persons.import_checked',
      details: { ...pass.counts, problems: pass.problemCount },
    }),
  );
  return report(file, opened, pass);
}

class Refused extends Error {}

/**
 * Imports a file in one transaction: persons (created, or updated by external id), households,
 * memberships and legal statuses, one import_batches row and one audit event. Any problem rolls
 * everything back and is reported as in a dry run.
 */
export async function commitImport(
  platform: Platform,
  ctx: RequestContext,
  file: ImportFile,
  options: ImportOptions = {},
): Promise<CommitResult> {
  const opened = await open(platform, ctx, file, options);
  const table = opened.table;
  if (!table) return { ...report(file, opened, null), committed: false, batchId: null };
  const batchId = crypto.randomUUID();
  let pass: ImportPass | null = null;
  try {
    await asActor(platform, ctx, async (trx) => {
      await repo.lockImports(trx, ctx.actor.operationId);
      pass = new ImportPass(ctx, opened.mapping, {
        write: true,
        batchId,
        inTx: (work) => work(trx),
        onRows: options.onRows,
      });
      await pass.run(table);
      if (pass.problemCount) throw new Refused();
      const c = pass.counts;
      await repo.insertImportBatch(trx, {
        operation_id: ctx.actor.operationId,
        id: batchId,
        file_name: file.name,
        file_sha256: opened.sha256,
        format: table.format,
        rows_total: c.rows,
        persons_created: c.personsCreated,
        persons_updated: c.personsUpdated,
        households_created: c.householdsCreated,
        statuses_added: c.statusesAdded,
        imported_by: ctx.actor.userId,
        imported_at: ctx.now,
      });
      // Counts only: never a name, a file name or a value (SECURITY.md rule 4).
      await recordEvent(platform, trx, ctx, {
        action: 'persons.imported',
        entityType: 'import_batch',
        entityId: batchId,
        details: { ...c, format: table.format },
      });
    });
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
  }
  const result = report(file, opened, pass);
  // A refused commit wrote nothing, whatever it had counted before the rollback.
  if (!result.valid)
    return {
      ...result,
      summary: { ...ZERO, rows: result.summary.rows },
      committed: false,
      batchId: null,
    };
  return { ...result, committed: true, batchId };
}

/** The import as a background job the web wizard polls: a check pass, then the commit. */
export async function startImportJob(
  platform: Platform,
  ctx: RequestContext,
  upload: UploadedFile,
  input: { fileName?: string; mapping?: ExplicitMapping; sheet?: string },
): Promise<{ id: string }> {
  upload.claimed = true;
  const file = { path: upload.path, name: input.fileName ?? 'upload', sha256: upload.sha256 };
  const options = { mapping: input.mapping, sheet: input.sheet };
  try {
    const job = await startJob(platform, ctx, 'import', async (progress) => {
      try {
        const estimate = await estimateRows(upload.path);
        const total = estimate === null ? undefined : 2 * estimate;
        const check = await dryRun(platform, ctx, file, {
          ...options,
          onRows: (n) => progress.progress(n, total),
        });
        if (!check.valid) return jobResult({ ...check, committed: false, batchId: null });
        const rows = check.summary.rows;
        // The embedded database has one connection, held by the import: progress waits.
        const live = platform.database.kind === 'postgres';
        const done = await commitImport(platform, ctx, file, {
          ...options,
          onRows: live ? (n) => progress.progress(rows + n, 2 * rows) : undefined,
        });
        return jobResult(done);
      } finally {
        await upload.release();
      }
    });
    return { id: job.id };
  } catch (e) {
    await upload.release();
    throw e;
  }
}

/** What the job keeps: the outcome, counts and the first thousand problems. */
function jobResult(r: CommitResult): Record<string, unknown> {
  return {
    committed: r.committed,
    batchId: r.batchId,
    summary: r.summary,
    problemCount: r.problemCount,
    problems: r.problems.slice(0, 1000),
  };
}

/**
 * The context of a command-line import or export: it acts as the named user, with that user's
 * roles and agency, so the same rights apply as in the web app and the audit log names them.
 */
export async function commandLineContext(
  platform: Platform,
  email: string,
): Promise<RequestContext> {
  const found = await findActiveAccount(platform, email);
  const user =
    found &&
    (await inTransaction(platform.db, found, (trx) =>
      exportRepo.userOf(trx, found.operationId, found.userId),
    ));
  if (!found || !user)
    throw new AppError('not_found', { detail: 'No active user has that email.' });
  const roles = user.roles.filter(isRole);
  return {
    actor: {
      userId: found.userId,
      operationId: found.operationId,
      agencyId: user.agency_id,
      roles,
      abilities: abilitiesOf(roles),
      via: 'token',
    },
    requestId: `cli-${crypto.randomUUID()}`,
    now: platform.now(),
  };
}

// ---- exports ----------------------------------------------------------------------------------

const PAGE = 1000;

/** An export of chosen persons that carries out an approved transfer request. */
export interface ChosenExport {
  personIds: readonly string[];
  requestId: string;
  /** Runs in the transaction that records the transfer (the request is marked downloaded). */
  onRecorded: (trx: Tx, transferId: string) => Promise<void>;
}

export interface ExportStream {
  transferId: string;
  count: number;
  columns: WriteColumn[];
  rows: AsyncIterable<WriteRow>;
}

/**
 * Starts an export: checks the columns against the role, records the transfer (recipient,
 * purpose, legal basis, columns, count, format) and its audit event, then yields the rows page
 * by page, each page in its own short transaction (no transaction waits on the network).
 */
export async function exportPersons(
  platform: Platform,
  ctx: RequestContext,
  q: ExportQuery,
  chosen?: ChosenExport,
): Promise<ExportStream> {
  authorize(ctx.actor, 'persons.read');
  if (approvalsRequiredFor(q.recipientType) > 0 && !chosen)
    throw fieldError(
      'query.recipientType',
      'a transfer to this recipient needs two approvers: request it with POST /api/v1/transfer-requests',
      'conflict',
    );
  const fields: ExportField[] = q.fields ?? defaultFields(ctx.actor);
  const refused = fields.filter((f) => !mayExport(ctx.actor, f));
  if (refused.length)
    throw new AppError('forbidden', {
      errors: [
        { field: 'query.fields', message: `not available to your role: ${refused.join(', ')}` },
      ],
    });
  const viewer = { ...ctx.actor, seesSensitive: seesSensitive(ctx.actor), now: ctx.now };
  const transferId = crypto.randomUUID();
  const ids = chosen?.personIds ?? null;
  const categories = categoriesOf(fields);
  const count = await asActor(platform, ctx, async (trx) => {
    const n = await exportRepo.countExportable(trx, viewer, ids);
    // Consent, when the export relies on it: refused without it unless overridden (audited).
    const consent = q.consentPurpose ? { purpose: q.consentPurpose, categories } : null;
    const missing = consent
      ? await exportRepo.countExportableWithoutConsent(trx, viewer, consent, ids)
      : 0;
    if (consent) consentGate(missing, consent.purpose, q.consentOverride, 'query.consentPurpose');
    await exportRepo.insertTransfer(trx, {
      operation_id: ctx.actor.operationId,
      id: transferId,
      kind: 'export',
      recipient: q.recipient,
      purpose: q.purpose,
      legal_basis: q.legalBasis ?? null,
      fields,
      record_count: n,
      format: q.format,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      recipient_type: q.recipientType,
      categories,
      consent_purpose: consent?.purpose ?? null,
      consent_missing: consent ? missing : null,
      override_reason_sealed:
        missing > 0 ? seal(platform, q.consentOverride!, 'transfers.override', transferId) : null,
      request_id: chosen?.requestId ?? null,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'persons.exported',
      entityType: 'transfer',
      entityId: transferId,
      details: { records: n, format: q.format, fields, recipientType: q.recipientType },
    });
    if (missing > 0)
      await recordOverride(platform, trx, ctx, {
        entityType: 'transfer',
        entityId: transferId,
        purpose: consent!.purpose,
        persons: missing,
      });
    if (chosen) await chosen.onRecorded(trx, transferId);
    return n;
  });
  const withPhone = fields.includes('phone');
  async function* rows(): AsyncGenerator<WriteRow> {
    let afterId: string | null = null;
    // No more than the transfer record says: records added meanwhile wait for the next export.
    for (let left = count; left > 0;) {
      const page = await asActor(platform, ctx, (trx) =>
        exportRepo.exportPage(trx, viewer, {
          afterId,
          limit: Math.min(PAGE, left),
          withPhone,
          ids,
        }),
      );
      for (const r of page) yield exportRow(r);
      left -= page.length;
      if (page.length < PAGE) break;
      afterId = page[page.length - 1]!.id;
    }
  }
  return { transferId, count, columns: exportColumns(fields), rows: rows() };
}
