/**
 * Roles and what each may do (PRODUCT.md, "Who uses it"). The web app receives the same
 * abilities so it hides what the server would refuse.
 */
export const ROLES = [
  'administrator',
  'registration_clerk',
  'caseworker',
  'protection_officer',
  'programme_officer',
  'service_partner',
  'analyst',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ABILITIES = [
  'users.read',
  'users.manage',
  'agencies.manage',
  'sites.read',
  'sites.manage',
  'operation.manage',
  'roles.read',
  'audit.read',
  'persons.read',
  'persons.write',
  'persons.restrict',
  'legal_status.write',
  'documents.read_number',
  'duplicates.review',
  'rights.assess',
  'separation.request',
  'persons.break_glass',
  'assistance.read',
  'assistance.manage',
  'assistance.record',
  'sri.assess',
  'reports.read',
  'transparency.read',
  'transparency.manage',
] as const;
export type Ability = (typeof ABILITIES)[number];

export const ROLE_ABILITIES: Record<Role, readonly Ability[]> = {
  // Runs the installation; never case data (SECURITY.md rule 7).
  administrator: [
    'users.read',
    'users.manage',
    'agencies.manage',
    'sites.read',
    'sites.manage',
    'operation.manage',
    'roles.read',
  ],
  registration_clerk: [
    'sites.read',
    'persons.read',
    'persons.write',
    'legal_status.write',
    'documents.read_number',
    'duplicates.review',
  ],
  // Caseworkers include legal-aid lawyers, who file separation requests for their clients.
  caseworker: [
    'sites.read',
    'persons.read',
    'persons.write',
    'rights.assess',
    'separation.request',
  ],
  protection_officer: [
    'sites.read',
    'persons.read',
    'persons.write',
    'persons.restrict',
    'legal_status.write',
    'documents.read_number',
    'duplicates.review',
    'rights.assess',
    'separation.request',
    'persons.break_glass',
  ],
  programme_officer: ['sites.read', 'persons.read'],
  // Sees only what a referral shares with them (a later module).
  service_partner: [],
  // Aggregates only, never a person.
  analyst: ['sites.read'],
  // Reads the audit log; sees who the actors are, not case content.
  auditor: ['audit.read', 'users.read', 'roles.read'],
};

/**
 * Abilities of the assistance, self-reliance, reports and transparency modules, merged into
 * ROLE_ABILITIES at load. Kept apart so those decisions read in one place:
 * - programme officers run programmes, providers, distributions, enrolments and SRI;
 * - caseworkers and protection officers read a person's assistance (dependency is a protection
 *   risk); caseworkers also take SRI assessments; only programme officers record assistance;
 * - aggregates ('reports.read', always small-cell suppressed) for analysts, programme and
 *   protection officers; analysts never reach a person (no persons.read);
 * - funding agreements and relocations: managed by administrators and programme officers, read
 *   also by analysts (no personal data in them).
 */
const ASSISTANCE_ROLE_ABILITIES: Partial<Record<Role, readonly Ability[]>> = {
  administrator: ['transparency.read', 'transparency.manage'],
  caseworker: ['assistance.read', 'sri.assess'],
  protection_officer: ['assistance.read', 'reports.read'],
  programme_officer: [
    'assistance.read',
    'assistance.manage',
    'assistance.record',
    'sri.assess',
    'reports.read',
    'transparency.read',
    'transparency.manage',
  ],
  analyst: ['reports.read', 'transparency.read'],
};
for (const role of ROLES) {
  (ROLE_ABILITIES[role] as Ability[]).push(...(ASSISTANCE_ROLE_ABILITIES[role] ?? []));
}

export function abilitiesOf(roles: readonly Role[]): Set<Ability> {
  return new Set(roles.flatMap((r) => ROLE_ABILITIES[r]));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
