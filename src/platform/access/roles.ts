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
  caseworker: ['sites.read', 'persons.read', 'persons.write', 'rights.assess'],
  protection_officer: [
    'sites.read',
    'persons.read',
    'persons.write',
    'persons.restrict',
    'legal_status.write',
    'documents.read_number',
    'duplicates.review',
    'rights.assess',
  ],
  programme_officer: ['sites.read', 'persons.read'],
  // Sees only what a referral shares with them (a later module).
  service_partner: [],
  // Aggregates only, never a person.
  analyst: ['sites.read'],
  // Reads the audit log; sees who the actors are, not case content.
  auditor: ['audit.read', 'users.read', 'roles.read'],
};

export function abilitiesOf(roles: readonly Role[]): Set<Ability> {
  return new Set(roles.flatMap((r) => ROLE_ABILITIES[r]));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
