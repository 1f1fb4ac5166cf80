import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/platform/access/roles.ts';
import { createTestApp, send, signedIn, type TestApp } from './helpers/app.ts';

/**
 * The policy table, written out by hand: who may call each route. The test fails when a route
 * exists without a row here, so every new route gets a decision.
 * - 'public': anyone; 'session': any browser session, even before MFA; 'any': any signed-in role;
 * - a list: exactly these roles; every other role gets 403.
 */
const PERSON_READERS: Role[] = [
  'registration_clerk',
  'caseworker',
  'protection_officer',
  'programme_officer',
];

const PERSON_WRITERS: Role[] = ['registration_clerk', 'caseworker', 'protection_officer'];

const SEPARATION: Role[] = ['caseworker', 'protection_officer'];
const DEDUPE_REVIEWERS: Role[] = ['registration_clerk', 'protection_officer'];
const ASSISTANCE_READERS: Role[] = ['caseworker', 'protection_officer', 'programme_officer'];
const ASSISTANCE_WRITERS: Role[] = ['programme_officer'];
const REPORT_READERS: Role[] = ['protection_officer', 'programme_officer', 'analyst'];
const TRANSPARENCY_READERS: Role[] = ['administrator', 'programme_officer', 'analyst'];
const TRANSPARENCY_MANAGERS: Role[] = ['administrator', 'programme_officer'];

// Cases and referrals: per-record rules (agency, assignment, named on the person) are tested in
// test/cases.test.ts and test/referrals.test.ts; this table is who reaches the route at all.
const CASE_WORKERS: Role[] = ['caseworker', 'protection_officer'];
const DIRECTORY_READERS: Role[] = [
  'administrator',
  'caseworker',
  'protection_officer',
  'programme_officer',
  'service_partner',
];
const DIRECTORY_MANAGERS: Role[] = ['administrator', 'protection_officer'];
const PARTNERS: Role[] = ['service_partner'];
// Incidents, testimonies and sources: per-record rules (persons involved, sensitivity, named
// users, testimony text) are tested in test/incidents.test.ts; docs/incidents.md has the table.
const INCIDENT_WORKERS: Role[] = ['caseworker', 'protection_officer'];
const MONITORING_READERS: Role[] = ['caseworker', 'protection_officer', 'analyst'];

const POLICY: Record<string, 'public' | 'session' | 'any' | Role[]> = {
  'GET /api/v1/health': 'public',
  'GET /api/v1/setup/status': 'public',
  'POST /api/v1/setup': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/totp/enrol': 'session',
  'POST /api/v1/auth/totp/verify': 'session',
  'POST /api/v1/auth/recovery': 'session',
  'POST /api/v1/auth/logout': 'session',
  'GET /api/v1/auth/me': 'any',
  'POST /api/v1/auth/password': 'any',
  'GET /api/v1/auth/tokens': 'any',
  'POST /api/v1/auth/tokens': 'any',
  'DELETE /api/v1/auth/tokens/{id}': 'any',
  'GET /api/v1/roles': ['administrator', 'auditor'],
  'GET /api/v1/users': ['administrator', 'auditor'],
  'POST /api/v1/users': ['administrator'],
  'GET /api/v1/users/{id}': ['administrator', 'auditor'],
  'PATCH /api/v1/users/{id}': ['administrator'],
  'POST /api/v1/users/{id}/reset-mfa': ['administrator'],
  'GET /api/v1/agencies': 'any',
  'POST /api/v1/agencies': ['administrator'],
  'PATCH /api/v1/agencies/{id}': ['administrator'],
  'GET /api/v1/sites': [
    'administrator',
    'registration_clerk',
    'caseworker',
    'protection_officer',
    'programme_officer',
    'analyst',
  ],
  'POST /api/v1/sites': ['administrator'],
  'GET /api/v1/sites/{id}': [
    'administrator',
    'registration_clerk',
    'caseworker',
    'protection_officer',
    'programme_officer',
    'analyst',
  ],
  'PATCH /api/v1/sites/{id}': ['administrator'],
  'GET /api/v1/operations/current': 'any',
  'PATCH /api/v1/operations/current': ['administrator'],
  'GET /api/v1/audit/events': ['auditor'],
  'GET /api/v1/audit/verify': ['auditor'],
  'POST /api/v1/persons': PERSON_WRITERS,
  'GET /api/v1/persons/search': PERSON_READERS,
  'GET /api/v1/persons/{id}': PERSON_READERS,
  'PATCH /api/v1/persons/{id}': PERSON_WRITERS,
  'POST /api/v1/persons/{id}/legal-statuses': ['registration_clerk', 'protection_officer'],
  'GET /api/v1/persons/{id}/legal-statuses': PERSON_READERS,
  'POST /api/v1/households': PERSON_WRITERS,
  'GET /api/v1/households/{id}': PERSON_READERS,
  'POST /api/v1/households/{id}/members': PERSON_WRITERS,
  'PATCH /api/v1/households/{id}/members/{memberId}': PERSON_WRITERS,
  'GET /api/v1/persons/{id}/households': PERSON_READERS,
  'POST /api/v1/persons/{id}/residences': PERSON_WRITERS,
  'GET /api/v1/persons/{id}/residences': PERSON_READERS,
  'GET /api/v1/sites/{id}/residents': PERSON_READERS,
  'POST /api/v1/persons/{id}/documents': PERSON_WRITERS,
  'GET /api/v1/persons/{id}/documents': PERSON_READERS,
  'PATCH /api/v1/persons/{id}/documents/{documentId}': PERSON_WRITERS,
  'GET /api/v1/documents/matches': PERSON_WRITERS,
  'POST /api/v1/persons/duplicate-check': PERSON_WRITERS,
  'POST /api/v1/duplicates/jobs': DEDUPE_REVIEWERS,
  'GET /api/v1/duplicates': DEDUPE_REVIEWERS,
  'POST /api/v1/duplicates/decisions': DEDUPE_REVIEWERS,
  'POST /api/v1/merges': DEDUPE_REVIEWERS,
  'POST /api/v1/merges/{id}/reverse': DEDUPE_REVIEWERS,
  'GET /api/v1/jobs/{id}': 'any',
  'GET /api/v1/operations/current/host-profile': 'any',
  'PUT /api/v1/operations/current/host-profile': ['administrator'],
  'GET /api/v1/persons/{id}/entitlements': PERSON_READERS,
  'POST /api/v1/persons/{id}/rights-assessments': ['caseworker', 'protection_officer'],
  'GET /api/v1/persons/{id}/rights-assessments': PERSON_READERS,
  'GET /api/v1/persons/{id}/rights-gaps': PERSON_READERS,
  'GET /api/v1/operations/current/assistance-settings': 'any',
  'PUT /api/v1/operations/current/assistance-settings': ASSISTANCE_WRITERS,
  'POST /api/v1/providers': ASSISTANCE_WRITERS,
  'GET /api/v1/providers': ASSISTANCE_READERS,
  'GET /api/v1/providers/{id}': ASSISTANCE_READERS,
  'PATCH /api/v1/providers/{id}': ASSISTANCE_WRITERS,
  'POST /api/v1/programmes': ASSISTANCE_WRITERS,
  'GET /api/v1/programmes': ASSISTANCE_READERS,
  'GET /api/v1/programmes/{id}': ASSISTANCE_READERS,
  'PATCH /api/v1/programmes/{id}': ASSISTANCE_WRITERS,
  'GET /api/v1/programmes/{id}/eligibility/{personId}': ASSISTANCE_READERS,
  'POST /api/v1/distributions': ASSISTANCE_WRITERS,
  'POST /api/v1/distributions/bulk': ASSISTANCE_WRITERS,
  'GET /api/v1/persons/{id}/distributions': ASSISTANCE_READERS,
  'GET /api/v1/households/{id}/distributions': ASSISTANCE_READERS,
  'GET /api/v1/persons/{id}/dependency': ASSISTANCE_READERS,
  'GET /api/v1/households/{id}/dependency': ASSISTANCE_READERS,
  'POST /api/v1/enrolments': ASSISTANCE_WRITERS,
  'GET /api/v1/enrolments/{id}': ASSISTANCE_READERS,
  'PATCH /api/v1/enrolments/{id}': ASSISTANCE_WRITERS,
  'GET /api/v1/persons/{id}/enrolments': ASSISTANCE_READERS,
  'POST /api/v1/households/{id}/sri-assessments': ['caseworker', 'programme_officer'],
  'GET /api/v1/households/{id}/sri-assessments': ASSISTANCE_READERS,
  'GET /api/v1/reports/dependency': REPORT_READERS,
  'GET /api/v1/reports/self-reliance-access': REPORT_READERS,
  'GET /api/v1/reports/reached': REPORT_READERS,
  'GET /api/v1/reports/sri': REPORT_READERS,
  'GET /api/v1/reports/population': REPORT_READERS,
  'GET /api/v1/reports/sri-distribution': REPORT_READERS,
  'POST /api/v1/transparency/agreements': TRANSPARENCY_MANAGERS,
  'GET /api/v1/transparency/agreements': TRANSPARENCY_READERS,
  'GET /api/v1/transparency/agreements/{id}': TRANSPARENCY_READERS,
  'PATCH /api/v1/transparency/agreements/{id}': TRANSPARENCY_MANAGERS,
  'POST /api/v1/transparency/agreements/{id}/transactions': TRANSPARENCY_MANAGERS,
  'POST /api/v1/transparency/relocations': TRANSPARENCY_MANAGERS,
  'GET /api/v1/transparency/relocations': TRANSPARENCY_READERS,
  'GET /api/v1/transparency/relocations/{id}': TRANSPARENCY_READERS,
  'PATCH /api/v1/transparency/relocations/{id}': TRANSPARENCY_MANAGERS,
  'GET /api/v1/transparency/iati.xml': TRANSPARENCY_READERS,
  'GET /api/v1/public/transparency': 'public',
  'POST /api/v1/imports/dry-run': ['registration_clerk', 'protection_officer'],
  'POST /api/v1/imports': ['registration_clerk', 'protection_officer'],
  'GET /api/v1/exports/persons': PERSON_READERS,
  'POST /api/v1/persons/{id}/separation-requests': SEPARATION,
  'GET /api/v1/persons/{id}/separation-requests': PERSON_READERS,
  'PATCH /api/v1/separation-requests/{id}': SEPARATION,
  'POST /api/v1/separation-requests/{id}/steps': SEPARATION,
  'PATCH /api/v1/separation-requests/{id}/steps/{stepId}': SEPARATION,
  'GET /api/v1/persons/{id}/whereabouts': PERSON_READERS,
  'PUT /api/v1/persons/{id}/whereabouts': SEPARATION,
  'POST /api/v1/persons/{id}/access': SEPARATION,
  'POST /api/v1/persons/{id}/break-glass': ['protection_officer'],
  'POST /api/v1/sites/{id}/monitoring-rounds': ['caseworker', 'protection_officer'],
  'GET /api/v1/rights/monitoring-form.xlsx': ['caseworker', 'protection_officer'],
  'POST /api/v1/sites/{id}/monitoring-rounds/import': ['caseworker', 'protection_officer'],
  'GET /api/v1/sites/{id}/rights-trend': [
    'caseworker',
    'protection_officer',
    'programme_officer',
    'analyst',
  ],
  'GET /api/v1/reports/rights-gaps': [
    'caseworker',
    'protection_officer',
    'programme_officer',
    'analyst',
  ],
  'GET /api/v1/notifications': 'any',
  'POST /api/v1/notifications/{id}/read': 'any',
  'GET /api/v1/operations/current/case-workflow': [...CASE_WORKERS, 'administrator'],
  'PUT /api/v1/operations/current/case-workflow': ['administrator'],
  'POST /api/v1/cases': CASE_WORKERS,
  'GET /api/v1/cases': CASE_WORKERS,
  'GET /api/v1/cases/{id}': CASE_WORKERS,
  'PATCH /api/v1/cases/{id}': CASE_WORKERS,
  'GET /api/v1/cases/{id}/assignees': CASE_WORKERS,
  'POST /api/v1/cases/{id}/goals': CASE_WORKERS,
  'PATCH /api/v1/cases/{id}/goals/{goalId}': CASE_WORKERS,
  'POST /api/v1/cases/{id}/tasks': CASE_WORKERS,
  'PATCH /api/v1/cases/{id}/tasks/{taskId}': CASE_WORKERS,
  'GET /api/v1/tasks/mine': CASE_WORKERS,
  'POST /api/v1/cases/{id}/notes': CASE_WORKERS,
  'GET /api/v1/cases/{id}/notes': CASE_WORKERS,
  'GET /api/v1/cases/{id}/timeline': CASE_WORKERS,
  'GET /api/v1/cases/{id}/summary.pdf': CASE_WORKERS,
  'POST /api/v1/cases/{id}/approvals': CASE_WORKERS,
  'POST /api/v1/cases/{id}/approvals/{approvalId}/decision': ['protection_officer'],
  'POST /api/v1/cases/{id}/transfers': CASE_WORKERS,
  'POST /api/v1/cases/{id}/transfers/{transferId}/decision': CASE_WORKERS,
  'GET /api/v1/service-providers': DIRECTORY_READERS,
  'POST /api/v1/service-providers': DIRECTORY_MANAGERS,
  'GET /api/v1/service-providers/{id}': DIRECTORY_READERS,
  'PATCH /api/v1/service-providers/{id}': DIRECTORY_MANAGERS,
  'POST /api/v1/cases/{id}/referrals': CASE_WORKERS,
  'GET /api/v1/cases/{id}/referrals': CASE_WORKERS,
  'GET /api/v1/persons/{id}/referrals': CASE_WORKERS,
  'GET /api/v1/referrals/{id}': CASE_WORKERS,
  'POST /api/v1/referrals/{id}/withdraw': CASE_WORKERS,
  'POST /api/v1/referrals/{id}/decision': CASE_WORKERS,
  'POST /api/v1/referrals/{id}/outcome': CASE_WORKERS,
  'GET /api/v1/referral-inbox': PARTNERS,
  'GET /api/v1/referral-inbox/{id}': PARTNERS,
  'POST /api/v1/referral-inbox/{id}/decision': PARTNERS,
  'POST /api/v1/referral-inbox/{id}/outcome': PARTNERS,
  'POST /api/v1/incidents': INCIDENT_WORKERS,
  'GET /api/v1/incidents': INCIDENT_WORKERS,
  'GET /api/v1/incidents/{id}': INCIDENT_WORKERS,
  'PATCH /api/v1/incidents/{id}': INCIDENT_WORKERS,
  'DELETE /api/v1/incidents/{id}': INCIDENT_WORKERS,
  'POST /api/v1/incidents/{id}/access': INCIDENT_WORKERS,
  'POST /api/v1/incidents/{id}/citations': INCIDENT_WORKERS,
  'PATCH /api/v1/incidents/{id}/citations/{citationId}': INCIDENT_WORKERS,
  'DELETE /api/v1/incidents/{id}/citations/{citationId}': INCIDENT_WORKERS,
  'GET /api/v1/citations/flagged': INCIDENT_WORKERS,
  'POST /api/v1/sources': INCIDENT_WORKERS,
  'GET /api/v1/sources': INCIDENT_WORKERS,
  'GET /api/v1/sources/{id}': INCIDENT_WORKERS,
  'PATCH /api/v1/sources/{id}': INCIDENT_WORKERS,
  'POST /api/v1/testimonies': INCIDENT_WORKERS,
  'GET /api/v1/testimonies': INCIDENT_WORKERS,
  'GET /api/v1/testimonies/{id}': INCIDENT_WORKERS,
  'PATCH /api/v1/testimonies/{id}': INCIDENT_WORKERS,
  'GET /api/v1/reports/protection-monitoring': MONITORING_READERS,
  // Data-protection duties (docs/data-protection.md). Transfer requests: their requesters (any
  // person reader) see their own, approvers and the data-protection officer see all.
  'POST /api/v1/persons/{id}/consents': PERSON_WRITERS,
  'GET /api/v1/persons/{id}/consents': PERSON_READERS,
  'POST /api/v1/transfer-requests': PERSON_READERS,
  'GET /api/v1/transfer-requests': [...PERSON_READERS, 'data_protection_officer'],
  'GET /api/v1/transfer-requests/{id}': [...PERSON_READERS, 'data_protection_officer'],
  'POST /api/v1/transfer-requests/{id}/approvals': [
    'protection_officer',
    'data_protection_officer',
  ],
  'GET /api/v1/transfer-requests/{id}/download': PERSON_READERS,
  'GET /api/v1/data-protection/subject-requests/{id}/export': ['protection_officer'],
  'GET /api/v1/data-protection/transfers': ['data_protection_officer'],
  'GET /api/v1/data-protection/break-glass': ['data_protection_officer'],
  'POST /api/v1/data-protection/subject-requests': ['data_protection_officer'],
  'GET /api/v1/data-protection/subject-requests': ['data_protection_officer'],
  'GET /api/v1/data-protection/subject-requests/{id}': ['data_protection_officer'],
  'PATCH /api/v1/data-protection/subject-requests/{id}': ['data_protection_officer'],
  'GET /api/v1/data-protection/retention-rules': ['data_protection_officer'],
  'PUT /api/v1/data-protection/retention-rules': ['data_protection_officer'],
  'GET /api/v1/data-protection/retention-preview': ['data_protection_officer'],
  'POST /api/v1/data-protection/retention-runs': ['data_protection_officer'],
  'GET /api/v1/data-protection/retention-runs': ['data_protection_officer'],
  'GET /api/v1/data-protection/legal-holds': ['data_protection_officer'],
  'POST /api/v1/data-protection/legal-holds': ['data_protection_officer'],
  'POST /api/v1/data-protection/legal-holds/{id}/release': ['data_protection_officer'],
};

let t: TestApp;
const sessions = new Map<Role, Awaited<ReturnType<typeof signedIn>>>();
let routes: { method: string; path: string }[] = [];

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  for (const role of ROLES) sessions.set(role, await signedIn(t, [role]));
  const doc = (await send(t, null, 'GET', '/api/v1/openapi.json')).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })),
  );
});
afterAll(() => t.close());

const fill = (path: string) => path.replace(/\{\w+\}/g, () => crypto.randomUUID());

describe('authorization matrix', () => {
  it('has a decision for every route', () => {
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !(k in POLICY));
    expect(missing).toEqual([]);
  });

  it('refuses every non-public route without a session, with 401', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      if (POLICY[`${r.method} ${r.path}`] === 'public') continue;
      const res = await send(
        t,
        null,
        r.method as 'GET',
        fill(r.path),
        r.method === 'GET' ? undefined : {},
      );
      if (res.statusCode !== 401) wrong.push(`${r.method} ${r.path} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('gives every role exactly what the policy table says: 0 mismatches', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const r of routes) {
      const rule = POLICY[`${r.method} ${r.path}`];
      if (rule === 'public' || rule === 'session' || rule === undefined) continue; // session routes change the session itself
      for (const role of ROLES) {
        const s = sessions.get(role)!;
        const res = await s.as(
          r.method as 'GET',
          fill(r.path),
          r.method === 'GET' ? undefined : {},
        );
        const allowed = rule === 'any' || rule.includes(role);
        const refused = res.statusCode === 403 && res.json().code === 'forbidden';
        checked++;
        if (allowed === refused || res.statusCode === 401 || res.statusCode >= 500) {
          mismatches.push(
            `${role} ${r.method} ${r.path}: expected ${allowed ? 'allowed' : '403'}, got ${res.statusCode}`,
          );
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(mismatches).toEqual([]);
  });

  it('sends the web app the same abilities the server enforces', async () => {
    const admin = sessions.get('administrator')!;
    const me = (await admin.as('GET', '/api/v1/auth/me')).json() as { abilities: string[] };
    expect(me.abilities).toContain('users.manage');
    expect(me.abilities).not.toContain('audit.read');
    const clerk = sessions.get('registration_clerk')!;
    expect(
      ((await clerk.as('GET', '/api/v1/auth/me')).json() as { abilities: string[] }).abilities,
    ).toEqual([
      'documents.read_number',
      'duplicates.review',
      'legal_status.write',
      'persons.import',
      'persons.read',
      'persons.write',
      'sites.read',
    ]);
  });
});
