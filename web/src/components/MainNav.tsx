import { NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import type { Ability } from './MeContext';

interface NavItem {
  to: string;
  labelKey: string;
  testId: string;
  /** Ability (from GET /auth/me) needed to see the item; none = everyone. */
  ability?: Ability;
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/', labelKey: 'nav.home', testId: 'nav-home' },
  { to: '/persons', labelKey: 'nav.persons', testId: 'nav-persons', ability: 'persons.read' },
  {
    to: '/duplicates',
    labelKey: 'nav.duplicates',
    testId: 'nav-duplicates',
    ability: 'duplicates.review',
  },
  { to: '/users', labelKey: 'nav.users', testId: 'nav-users', ability: 'users.read' },
  // Every signed-in user may list agencies; changing them needs agencies.manage.
  { to: '/agencies', labelKey: 'nav.agencies', testId: 'nav-agencies' },
  { to: '/sites', labelKey: 'nav.sites', testId: 'nav-sites', ability: 'sites.read' },
  {
    to: '/reports/rights-gaps',
    labelKey: 'nav.rightsGaps',
    testId: 'nav-rights-gaps',
    ability: 'rights.report',
  },
  {
    to: '/operation',
    labelKey: 'nav.operation',
    testId: 'nav-operation',
    ability: 'operation.manage',
  },
  {
    to: '/operation/host-profile',
    labelKey: 'nav.hostProfile',
    testId: 'nav-host-profile',
    ability: 'operation.manage',
  },
  {
    to: '/dashboard',
    labelKey: 'nav.aidDashboard',
    testId: 'nav-dashboard',
    ability: 'reports.read',
  },
  {
    to: '/assistance/programmes',
    labelKey: 'nav.aidProgrammes',
    testId: 'nav-programmes',
    ability: 'assistance.read',
  },
  {
    to: '/assistance/providers',
    labelKey: 'nav.aidProviders',
    testId: 'nav-providers',
    ability: 'assistance.read',
  },
  {
    to: '/assistance/distributions',
    labelKey: 'nav.aidDistributions',
    testId: 'nav-distributions',
    ability: 'assistance.record',
  },
  {
    to: '/assistance/enrolments',
    labelKey: 'nav.aidEnrolments',
    testId: 'nav-enrolments',
    ability: 'assistance.read',
  },
  {
    to: '/transparency/agreements',
    labelKey: 'nav.aidAgreements',
    testId: 'nav-agreements',
    ability: 'transparency.read',
  },
  {
    to: '/transparency/relocations',
    labelKey: 'nav.aidRelocations',
    testId: 'nav-relocations',
    ability: 'transparency.read',
  },
  { to: '/audit', labelKey: 'nav.audit', testId: 'nav-audit', ability: 'audit.read' },
  { to: '/tasks', labelKey: 'nav.casesMyTasks', testId: 'nav-my-tasks', ability: 'cases.read' },
  { to: '/cases', labelKey: 'nav.casesList', testId: 'nav-cases', ability: 'cases.read' },
  {
    to: '/referral-inbox',
    labelKey: 'nav.casesReferralInbox',
    testId: 'nav-referral-inbox',
    ability: 'referrals.receive',
  },
  {
    to: '/services',
    labelKey: 'nav.casesServices',
    testId: 'nav-services',
    ability: 'services.read',
  },
  {
    to: '/incidents',
    labelKey: 'nav.incidentsList',
    testId: 'nav-incidents',
    ability: 'incidents.read',
  },
  {
    to: '/sources',
    labelKey: 'nav.incidentsSources',
    testId: 'nav-sources',
    ability: 'sources.read',
  },
  {
    to: '/reports/protection-monitoring',
    labelKey: 'nav.incidentsMonitoring',
    testId: 'nav-protection-monitoring',
    ability: 'incidents.report',
  },
  {
    to: '/data-protection',
    labelKey: 'nav.dataProtection',
    testId: 'nav-data-protection',
    ability: 'dataprotection.read',
  },
  // Requesters follow their transfer requests, approvers decide them; the officer has a tab.
  {
    to: '/transfer-requests',
    labelKey: 'nav.transferRequests',
    testId: 'nav-transfer-requests',
    ability: 'persons.read',
  },
];

interface MainNavProps {
  abilities: string[];
  onNavigate?: () => void;
}

function matches(to: string, pathname: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/** The item the page belongs to: the longest matching path (/operation/host-profile, not /operation). */
export function activeItem(items: readonly NavItem[], pathname: string): NavItem | undefined {
  return items
    .filter((item) => matches(item.to, pathname))
    .sort((a, b) => b.to.length - a.to.length)[0];
}

/** Role-driven navigation: only the sections the user's abilities allow. */
export function MainNav({ abilities, onNavigate }: MainNavProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items = NAV_ITEMS.filter((item) => !item.ability || abilities.includes(item.ability));
  const current = activeItem(items, pathname);
  return (
    <nav aria-label={t('nav.main')}>
      {items.map((item) => {
        const active = item === current;
        return (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.labelKey)}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
            data-testid={item.testId}
          />
        );
      })}
    </nav>
  );
}
