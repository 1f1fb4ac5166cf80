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
  'data_protection_officer',
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
  'persons.import',
  'legal_status.write',
  'documents.read_number',
  'duplicates.review',
  'rights.assess',
  'separation.request',
  'persons.break_glass',
  'rights.report',
  'assistance.read',
  'assistance.manage',
  'assistance.record',
  'sri.assess',
  'reports.read',
  'transparency.read',
  'transparency.manage',
  'cases.read',
  'cases.manage',
  'cases.approve',
  'case_workflow.read',
  'services.read',
  'services.manage',
  'referrals.send',
  'referrals.receive',
  'incidents.read',
  'incidents.write',
  'incidents.restrict',
  'incidents.report',
  'testimonies.read',
  'testimonies.write',
  'sources.read',
  'sources.write',
  // Data-protection duties (src/modules/dataprotection, docs/data-protection.md).
  'dataprotection.read',
  'dataprotection.manage',
  'transfers.approve',
  'subject_access.export',
] as const;
export type Ability = (typeof ABILITIES)[number];

/**
 * Each role's abilities. Which record a role may see is decided per record by the modules'
 * policies (registry/policy.ts, cases/policy.ts); these only open the routes.
 */
export const ROLE_ABILITIES: Record<Role, readonly Ability[]> = {
  // Runs the installation; never case data (SECURITY.md rule 7). Keeps the service directory
  // and the funding agreements (no personal data in either).
  administrator: [
    'users.read',
    'users.manage',
    'agencies.manage',
    'sites.read',
    'sites.manage',
    'operation.manage',
    'case_workflow.read',
    'roles.read',
    'services.read',
    'services.manage',
    'transparency.read',
    'transparency.manage',
  ],
  registration_clerk: [
    'sites.read',
    'persons.read',
    'persons.write',
    'persons.import',
    'legal_status.write',
    'documents.read_number',
    'duplicates.review',
  ],
  // Caseworkers include legal-aid lawyers, who file separation requests for their clients.
  // They read a person's assistance and take SRI assessments; only programme officers record
  // assistance, which keeps the dependency figures in one set of hands.
  caseworker: [
    'sites.read',
    'persons.read',
    'persons.write',
    'rights.assess',
    'rights.report',
    'separation.request',
    'cases.read',
    'cases.manage',
    'case_workflow.read',
    'services.read',
    'referrals.send',
    'assistance.read',
    'sri.assess',
    // Incidents, testimonies and sources (docs/incidents.md); restricting one is for supervisors.
    'incidents.read',
    'incidents.write',
    'incidents.report',
    'testimonies.read',
    'testimonies.write',
    'sources.read',
    'sources.write',
  ],
  // The supervisors: approve case plans and closures, break glass, keep the service directory.
  protection_officer: [
    'sites.read',
    'persons.read',
    'persons.write',
    'persons.restrict',
    'persons.import',
    'legal_status.write',
    'documents.read_number',
    'duplicates.review',
    'rights.assess',
    'rights.report',
    'separation.request',
    'persons.break_glass',
    'cases.read',
    'cases.manage',
    'cases.approve',
    'case_workflow.read',
    'services.read',
    'services.manage',
    'referrals.send',
    'assistance.read',
    'reports.read',
    'incidents.read',
    'incidents.write',
    'incidents.restrict',
    'incidents.report',
    'testimonies.read',
    'testimonies.write',
    'sources.read',
    'sources.write',
    // A second pair of eyes on transfers to host authorities and law enforcement; produces a
    // subject-access export (it sees the cases and, when named, the restricted record).
    'transfers.approve',
    'subject_access.export',
  ],
  // Runs programmes, providers, distributions, enrolments and SRI; reports and transparency.
  programme_officer: [
    'sites.read',
    'persons.read',
    'rights.report',
    'services.read',
    'assistance.read',
    'assistance.manage',
    'assistance.record',
    'sri.assess',
    'reports.read',
    'transparency.read',
    'transparency.manage',
  ],
  // Receives referrals and sees only what each one shares (no persons.read, no cases.read).
  service_partner: ['services.read', 'referrals.receive'],
  // Aggregates only, always small-cell suppressed; never a person.
  analyst: [
    'sites.read',
    'rights.report',
    'reports.read',
    'transparency.read',
    // The protection-monitoring report (suppressed counts; docs/incidents.md).
    'incidents.report',
  ],
  // Reads the audit log; sees who the actors are, not case content.
  auditor: ['audit.read', 'users.read', 'roles.read'],
  // Transfers, subject requests, retention and legal holds, break-glass review; approves
  // transfers to authorities. No persons.read, no cases.read: never case content by default.
  data_protection_officer: ['dataprotection.read', 'dataprotection.manage', 'transfers.approve'],
};

export function abilitiesOf(roles: readonly Role[]): Set<Ability> {
  return new Set(roles.flatMap((r) => ROLE_ABILITIES[r]));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
