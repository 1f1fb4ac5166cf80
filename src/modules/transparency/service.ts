import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { buildIatiActivities, IATI_VERSION, type FundingAgreement } from './iati.ts';
import * as repo from './repository.ts';
import type {
  AgreementInput,
  AgreementPatch,
  AgreementView,
  TransactionInput,
  TransactionView,
} from './schema.ts';

const identifierOf = (r: repo.AgreementRow) => `${r.reporting_org_ref}-${r.reference}`;

function presentTransaction(t: repo.TransactionRow): TransactionView {
  return {
    id: t.id,
    agreementId: t.agreement_id,
    type: t.type as TransactionView['type'],
    value: t.value,
    currency: t.currency,
    date: t.transaction_date,
    description: t.description,
    providerOrg: t.provider_org,
    receiverOrg: t.receiver_org,
    recordedAt: t.recorded_at.toISOString(),
  };
}

function presentAgreement(
  r: repo.AgreementRow,
  programmeIds: string[],
  transactions: repo.TransactionRow[],
): AgreementView {
  return {
    id: r.id,
    reference: r.reference,
    iatiIdentifier: identifierOf(r),
    reportingOrg: {
      ref: r.reporting_org_ref,
      name: r.reporting_org_name,
      type: r.reporting_org_type,
    },
    title: r.title,
    description: r.description,
    purpose: r.purpose,
    amount: r.amount,
    currency: r.currency,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    public: r.is_public,
    recipientCountry: r.recipient_country,
    parties: r.parties as AgreementView['parties'],
    programmeIds,
    transactions: transactions.map(presentTransaction),
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

/** Agreements with their programmes and transactions, inside the caller's transaction. */
export async function agreementsIn(trx: Tx, operationId: string, onlyPublic: boolean) {
  const rows = await repo.listAgreements(trx, operationId, onlyPublic);
  const ids = rows.map((r) => r.id);
  const programmes = await repo.programmeIdsOf(trx, operationId, ids);
  const transactions = await repo.transactionsOf(trx, operationId, ids);
  return rows.map((r) =>
    presentAgreement(r, programmes.get(r.id) ?? [], transactions.get(r.id) ?? []),
  );
}

async function loadAgreement(trx: Tx, ctx: RequestContext, id: string) {
  const op = ctx.actor.operationId;
  const row = await repo.findAgreement(trx, op, id);
  if (!row) throw notFound();
  const programmes = await repo.programmeIdsOf(trx, op, [id]);
  const transactions = await repo.transactionsOf(trx, op, [id]);
  return presentAgreement(row, programmes.get(id) ?? [], transactions.get(id) ?? []);
}

export function createAgreement(platform: Platform, ctx: RequestContext, input: AgreementInput) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    await repo.insertAgreement(trx, {
      operation_id: ctx.actor.operationId,
      id,
      reference: input.reference,
      title: input.title,
      description: input.description ?? null,
      purpose: input.purpose,
      amount: input.amount,
      currency: input.currency,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      status: input.status,
      is_public: input.public,
      reporting_org_ref: input.reportingOrg.ref,
      reporting_org_name: input.reportingOrg.name,
      reporting_org_type: input.reportingOrg.type,
      recipient_country: input.recipientCountry ?? null,
      parties: JSON.stringify(input.parties),
      created_at: ctx.now,
      created_by: ctx.actor.userId,
      updated_at: ctx.now,
    });
    await repo.setAgreementProgrammes(trx, ctx.actor.operationId, id, input.programmeIds);
    await recordEvent(platform, trx, ctx, {
      action: 'funding_agreement.created',
      entityType: 'funding_agreement',
      entityId: id,
      details: { public: input.public },
    });
    return loadAgreement(trx, ctx, id);
  });
}

export function getAgreement(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, (trx) => loadAgreement(trx, ctx, id));
}

export function listAgreements(platform: Platform, ctx: RequestContext) {
  return asActor(platform, ctx, async (trx) => ({
    items: await agreementsIn(trx, ctx.actor.operationId, false),
  }));
}

/** Patch fields and their columns; reference and reporting org make the IATI identifier, which never changes. */
const AGREEMENT_COLUMNS: Record<string, string> = {
  title: 'title',
  description: 'description',
  purpose: 'purpose',
  amount: 'amount',
  currency: 'currency',
  startDate: 'start_date',
  endDate: 'end_date',
  status: 'status',
  public: 'is_public',
  recipientCountry: 'recipient_country',
  parties: 'parties',
};

export function updateAgreement(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  patch: AgreementPatch,
) {
  return asActor(platform, ctx, async (trx) => {
    const current = await loadAgreement(trx, ctx, id);
    const start = patch.startDate ?? current.startDate;
    const end = patch.endDate === undefined ? current.endDate : patch.endDate;
    if (end && end < start) throw fieldError('body.endDate', 'must not be before startDate');
    const changes = Object.fromEntries(
      Object.entries(patch).flatMap(([key, value]) => {
        const column = AGREEMENT_COLUMNS[key];
        if (!column) return [];
        return [[column, key === 'parties' ? JSON.stringify(value) : value]];
      }),
    );
    const ok = await repo.updateAgreement(trx, ctx.actor.operationId, id, version, {
      ...changes,
      updated_at: ctx.now,
    });
    if (!ok) throw new AppError('precondition_failed');
    if (patch.programmeIds)
      await repo.setAgreementProgrammes(trx, ctx.actor.operationId, id, patch.programmeIds);
    await recordEvent(platform, trx, ctx, {
      action: 'funding_agreement.updated',
      entityType: 'funding_agreement',
      entityId: id,
      details: { fields: Object.keys(patch).sort() },
    });
    return loadAgreement(trx, ctx, id);
  });
}

export function addTransaction(
  platform: Platform,
  ctx: RequestContext,
  agreementId: string,
  input: TransactionInput,
) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    const agreement = await loadAgreement(trx, ctx, agreementId);
    await repo.insertTransaction(trx, {
      operation_id: ctx.actor.operationId,
      id,
      agreement_id: agreementId,
      type: input.type,
      value: input.value,
      currency: input.currency ?? agreement.currency,
      transaction_date: input.date,
      description: input.description ?? null,
      provider_org: input.providerOrg ?? null,
      receiver_org: input.receiverOrg ?? null,
      recorded_at: ctx.now,
      recorded_by: ctx.actor.userId,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'funding_agreement.transaction_added',
      entityType: 'funding_agreement',
      entityId: agreementId,
      details: { transaction: id, type: input.type },
    });
    return presentTransaction(
      (await repo.transactionsOf(trx, ctx.actor.operationId, [agreementId]))
        .get(agreementId)!
        .find((t) => t.id === id)!,
    );
  });
}

// ----- IATI ----------------------------------------------------------------------------------

const IATI_TRANSACTION = {
  incoming_commitment: 'incomingCommitment',
  incoming_funds: 'incomingFunds',
  commitment: 'outgoingCommitment',
  disbursement: 'disbursement',
  expenditure: 'expenditure',
} as const;

/** An agreement as an IATI activity (its budget: the amount over the agreement's dates). */
export function toIatiActivity(a: AgreementView, lastUpdated: Date): FundingAgreement {
  return {
    id: a.reference,
    reportingOrg: a.reportingOrg,
    title: a.title,
    description: a.description ?? a.purpose,
    defaultCurrency: a.currency,
    lastUpdated,
    participatingOrgs: a.parties.map((p) => ({
      role: p.role as FundingAgreement['participatingOrgs'][number]['role'],
      name: p.name,
      ...(p.ref ? { ref: p.ref } : {}),
      ...(p.type ? { type: p.type } : {}),
    })),
    status: a.status as FundingAgreement['status'],
    dates: { plannedStart: a.startDate, ...(a.endDate ? { plannedEnd: a.endDate } : {}) },
    ...(a.recipientCountry ? { recipientCountry: a.recipientCountry } : {}),
    budgets: a.endDate
      ? [
          {
            type: 'original',
            status: 'committed',
            periodStart: a.startDate,
            periodEnd: a.endDate,
            value: a.amount,
            valueDate: a.startDate,
          },
        ]
      : [],
    transactions: a.transactions.map((t) => ({
      type: IATI_TRANSACTION[t.type],
      date: t.date,
      value: t.value,
      valueDate: t.date,
      currency: t.currency,
      ...(t.description ? { description: t.description } : {}),
      ...(t.providerOrg ? { provider: { name: t.providerOrg } } : {}),
      ...(t.receiverOrg ? { receiver: { name: t.receiverOrg } } : {}),
    })),
  };
}

const EMPTY_IATI = (at: Date) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="${IATI_VERSION}" generated-datetime="${at.toISOString().replace(/\.\d{3}Z$/, 'Z')}"/>\n`;

/** The agreements (public ones, or all) as IATI 2.03 XML, and the list of what it holds. */
export function iatiExport(platform: Platform, ctx: RequestContext, scope: 'public' | 'all') {
  return asActor(platform, ctx, async (trx) => {
    const agreements = await agreementsIn(trx, ctx.actor.operationId, scope === 'public');
    const updated = new Map(
      (await repo.listAgreements(trx, ctx.actor.operationId, scope === 'public')).map((r) => [
        r.id,
        r.updated_at,
      ]),
    );
    const activities = agreements.map((a) => toIatiActivity(a, updated.get(a.id) ?? ctx.now));
    let xml: string;
    try {
      xml = activities.length
        ? buildIatiActivities({ agreements: activities }, ctx.now)
        : EMPTY_IATI(ctx.now);
    } catch (e) {
      if (e instanceof RangeError)
        throw new AppError('conflict', {
          detail: `An agreement cannot be published: ${e.message}`,
        });
      throw e;
    }
    await recordEvent(platform, trx, ctx, {
      action: 'transparency.iati_exported',
      details: { scope, activities: activities.length },
    });
    return {
      xml,
      manifest: {
        generatedAt: ctx.now.toISOString(),
        activities: agreements.map((a) => ({
          iatiIdentifier: a.iatiIdentifier,
          title: a.title,
          public: a.public,
          transactions: a.transactions.length,
        })),
      },
    };
  });
}
