/**
 * The vocabulary of data protection: data categories, the purposes consent is asked for, who
 * receives a transfer and on what legal basis, and which categories each shared field belongs to.
 * Pure. The SQL function transfer_categories (migrations/0013) holds the same field map for rows
 * other modules write; test/data-protection.test.ts checks that the two agree.
 */

export const DATA_CATEGORIES = [
  'identity',
  'contact',
  'location',
  'household',
  'legal_status',
  'protection',
  'health',
  'biometrics',
  'assistance',
  'case_content',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** What consent is asked for (UNHCR personal-data policy: specific, per purpose). */
export const CONSENT_PURPOSES = [
  'registration',
  'assistance',
  'case_management',
  'referral',
  'data_sharing_with_partners',
  'resettlement',
  'research',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const RECIPIENT_TYPES = [
  'partner_agency',
  'service_provider',
  'unhcr',
  'donor',
  'host_authority',
  'law_enforcement',
  'data_subject',
  'other',
  'unspecified',
] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

/** A transfer to these leaves the humanitarian circle: two approvers, never the requester. */
const NEEDS_TWO_APPROVERS: ReadonlySet<RecipientType> = new Set([
  'host_authority',
  'law_enforcement',
]);
export const approvalsRequiredFor = (type: RecipientType): number =>
  NEEDS_TWO_APPROVERS.has(type) ? 2 : 0;

/** Legitimate bases for processing and transfer (UNHCR policy §2.2, ICRC handbook ch. 3). */
export const LEGAL_BASES = [
  'consent',
  'vital_interest',
  'best_interest',
  'mandate',
  'legal_obligation',
  'public_interest',
  'legitimate_interest',
  'contract',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

const IDENTITY: DataCategory[] = ['identity'];

/**
 * Each field a transfer can carry: person-export columns (transfer/export-fields.ts), referral
 * share fields (referrals/schema.ts SHARE_FIELDS), what a case transfer hands over
 * (cases/transfer-service.ts) and the sections of a subject-access export (subject-export.ts).
 */
export const FIELD_CATEGORIES: Readonly<Record<string, readonly DataCategory[]>> = {
  asylonId: IDENTITY,
  externalId: IDENTITY,
  givenName: IDENTITY,
  familyName: IDENTITY,
  middleName: IDENTITY,
  nativeGivenName: IDENTITY,
  nativeFamilyName: IDENTITY,
  nativeScript: IDENTITY,
  sex: IDENTITY,
  birthDate: IDENTITY,
  birthYear: IDENTITY,
  birthYearEstimated: IDENTITY,
  nationality: IDENTITY,
  languages: IDENTITY,
  registeredOn: IDENTITY,
  specificNeeds: ['health', 'protection'],
  sensitivity: ['protection'],
  phone: ['contact'],
  householdExternalId: ['household'],
  relationship: ['household'],
  legalStatus: ['legal_status'],
  legalStatusGrantedBy: ['legal_status'],
  legalStatusFrom: ['legal_status'],
  legalStatusTo: ['legal_status'],
  // referrals
  names: IDENTITY,
  nationalities: IDENTITY,
  contact: ['contact'],
  summary: ['case_content'],
  // case transfers
  case: ['case_content'],
  plan: ['case_content'],
  tasks: ['case_content'],
  notes: ['case_content'],
  approvals: ['case_content'],
  referrals: ['case_content'],
  timeline: ['case_content'],
  // subject-access exports
  person: IDENTITY,
  legalStatuses: ['legal_status'],
  residences: ['location'],
  whereabouts: ['contact', 'location'],
  documents: IDENTITY,
  households: ['household'],
  cases: ['case_content', 'protection'],
  separation: ['location', 'protection'],
  assistance: ['assistance'],
  consents: IDENTITY,
  accessLog: IDENTITY,
};

/** The categories of a set of fields, sorted; an unknown field is 'unclassified'. */
export function categoriesOf(fields: readonly string[]): string[] {
  const out = new Set<string>();
  for (const f of fields) for (const c of FIELD_CATEGORIES[f] ?? ['unclassified']) out.add(c);
  return [...out].sort();
}
