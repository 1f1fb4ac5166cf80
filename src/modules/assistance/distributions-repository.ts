import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { FOREIGN_KEY_VIOLATION, pgConstraint, pgErrorCode } from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';

export interface DistributionsTable {
  operation_id: string;
  id: string;
  person_id: string | null;
  household_id: string | null;
  programme_id: string;
  provider_id: string;
  kind: string;
  item: string | null;
  quantity: string | null;
  unit: string | null;
  value: string | null;
  currency: string | null;
  reporting_value: string | null;
  reporting_currency: string | null;
  distributed_on: string;
  site_id: string | null;
  funder: string | null;
  agreement_id: string | null;
  batch_id: string | null;
  recorded_at: Date;
  recorded_by: string | null;
}

export interface DistributionBatchesTable {
  operation_id: string;
  id: string;
  source: string;
  file_sha256: string | null;
  rows_total: number;
  committed_by: string | null;
  committed_at: Date;
}

type Tables = { distributions: DistributionsTable; distribution_batches: DistributionBatchesTable };
const tables = (trx: Tx) => trx.withTables<Tables>();

export type DistributionRow = DistributionsTable & {
  programme_type: string;
  independence_class: string;
};

const FK_FIELDS: [string, string][] = [
  ['site', 'siteId'],
  ['agreement', 'agreementId'],
  ['provider', 'providerId'],
  ['programme', 'programmeId'],
  ['household', 'householdId'],
  ['person', 'personId'],
];

/** Inserts rows in chunks (bind-parameter limits), mapping a missing reference to its field. */
export async function insertDistributions(
  trx: Tx,
  rows: Insertable<DistributionsTable>[],
  field = 'body',
) {
  try {
    for (let i = 0; i < rows.length; i += 500)
      await tables(trx)
        .insertInto('distributions')
        .values(rows.slice(i, i + 500))
        .execute();
  } catch (e) {
    if (pgErrorCode(e) === FOREIGN_KEY_VIOLATION) {
      const constraint = pgConstraint(e) ?? '';
      const hit = FK_FIELDS.find(([part]) => constraint.includes(part));
      throw fieldError(`${field}.${hit?.[1] ?? 'id'}`, 'does not exist');
    }
    throw e;
  }
}

export async function insertBatch(trx: Tx, row: Insertable<DistributionBatchesTable>) {
  await tables(trx).insertInto('distribution_batches').values(row).execute();
}

const SELECT = sql`
  d.*, g.type AS programme_type, pv.independence_class
  FROM distributions d
  JOIN programmes g ON g.operation_id = d.operation_id AND g.id = d.programme_id
  JOIN providers pv ON pv.operation_id = d.operation_id AND pv.id = d.provider_id`;

export async function findDistribution(trx: Tx, operationId: string, id: string) {
  const { rows } = await sql<DistributionRow>`
    SELECT ${SELECT} WHERE d.operation_id = ${operationId} AND d.id = ${id}`.execute(trx);
  return rows[0];
}

/**
 * What a person received: to them, or to a household they belonged to on the day. With `from`
 * and `to`, only that period; with `essentialTypes`, only those programme types.
 */
export async function distributionsOfPerson(
  trx: Tx,
  operationId: string,
  personId: string,
  period: { from?: string; to?: string } = {},
) {
  const { rows } = await sql<DistributionRow>`
    SELECT ${SELECT}
    WHERE d.operation_id = ${operationId}
      AND (d.person_id = ${personId} OR EXISTS (
        SELECT 1 FROM household_members m
        WHERE m.operation_id = d.operation_id AND m.household_id = d.household_id
          AND m.person_id = ${personId} AND m.joined_on <= d.distributed_on
          AND (m.left_on IS NULL OR m.left_on > d.distributed_on)))
      AND (${period.from ?? null}::date IS NULL OR d.distributed_on >= ${period.from ?? null}::date)
      AND (${period.to ?? null}::date IS NULL OR d.distributed_on <= ${period.to ?? null}::date)
    ORDER BY d.distributed_on DESC, d.recorded_at DESC, d.id`.execute(trx);
  return rows;
}

/** What a household received: to it, or to any of the given (visible) members. */
export async function distributionsOfHousehold(
  trx: Tx,
  operationId: string,
  householdId: string,
  memberIds: readonly string[],
  period: { from?: string; to?: string } = {},
) {
  const { rows } = await sql<DistributionRow>`
    SELECT ${SELECT}
    WHERE d.operation_id = ${operationId}
      AND (d.household_id = ${householdId} OR d.person_id = ANY(${[...memberIds]}::uuid[]))
      AND (${period.from ?? null}::date IS NULL OR d.distributed_on >= ${period.from ?? null}::date)
      AND (${period.to ?? null}::date IS NULL OR d.distributed_on <= ${period.to ?? null}::date)
    ORDER BY d.distributed_on DESC, d.recorded_at DESC, d.id`.execute(trx);
  return rows;
}
