import type { DistributionRow } from './distributions-repository.ts';
import type { EnrolmentRow } from './enrolments-repository.ts';
import type { ProgrammeRow, ProviderRow, SettingsRow } from './repository.ts';
import type {
  DistributionView,
  EnrolmentView,
  ProgrammeView,
  ProviderView,
  SettingsView,
} from './schema.ts';
import { DEFAULT_DEPENDENCY_THRESHOLD } from './indicators.ts';

export const DEFAULT_SETTINGS: SettingsView = {
  dependencyThreshold: DEFAULT_DEPENDENCY_THRESHOLD,
  reportingCurrency: 'USD',
  sriMethod: 'mean-scored-v1',
  sriMinScored: 6,
  sriWeights: null,
  version: 0,
};

export function presentSettings(r: SettingsRow | undefined): SettingsView {
  if (!r) return DEFAULT_SETTINGS;
  return {
    dependencyThreshold: r.dependency_threshold,
    reportingCurrency: r.reporting_currency,
    sriMethod: r.sri_method as SettingsView['sriMethod'],
    sriMinScored: r.sri_min_scored,
    sriWeights: (r.sri_weights as SettingsView['sriWeights']) ?? null,
    version: r.version,
  };
}

export function presentProvider(r: ProviderRow): ProviderView {
  return {
    id: r.id,
    name: r.name,
    independenceClass: r.independence_class as ProviderView['independenceClass'],
    organisationType: r.organisation_type,
    iatiRef: r.iati_ref,
    notes: r.notes,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

export function presentProgramme(r: ProgrammeRow, siteIds: string[]): ProgrammeView {
  return {
    id: r.id,
    name: r.name,
    type: r.type as ProgrammeView['type'],
    providerId: r.provider_id,
    providerName: r.provider_name,
    independenceClass: r.independence_class as ProgrammeView['independenceClass'],
    description: r.description,
    funders: r.funders as ProgrammeView['funders'],
    siteIds,
    eligibility: r.eligibility as ProgrammeView['eligibility'],
    capacity: r.capacity,
    startDate: r.start_date,
    endDate: r.end_date,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

export function presentDistribution(r: DistributionRow): DistributionView {
  return {
    id: r.id,
    personId: r.person_id,
    householdId: r.household_id,
    programmeId: r.programme_id,
    programmeType: r.programme_type as DistributionView['programmeType'],
    providerId: r.provider_id,
    independenceClass: r.independence_class as DistributionView['independenceClass'],
    kind: r.kind as DistributionView['kind'],
    item: r.item,
    quantity: r.quantity,
    unit: r.unit,
    value: r.value,
    currency: r.currency,
    reportingValue: r.reporting_value,
    reportingCurrency: r.reporting_currency,
    distributedOn: r.distributed_on,
    siteId: r.site_id,
    funder: r.funder,
    agreementId: r.agreement_id,
    batchId: r.batch_id,
    recordedAt: new Date(r.recorded_at).toISOString(),
  };
}

export function presentEnrolment(r: EnrolmentRow): EnrolmentView {
  return {
    id: r.id,
    personId: r.person_id,
    programmeId: r.programme_id,
    programmeType: r.programme_type as EnrolmentView['programmeType'],
    enrolledOn: r.enrolled_on,
    endedOn: r.ended_on,
    status: r.status as EnrolmentView['status'],
    outcomes: {
      completed: r.completed,
      certified: r.certified,
      employed: r.employed,
      businessStarted: r.business_started,
      monthlyIncome: r.monthly_income,
      incomeCurrency: r.income_currency,
      outcomeOn: r.outcome_on,
    },
    recordedAt: r.recorded_at.toISOString(),
    version: r.version,
  };
}
