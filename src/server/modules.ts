import type { Api } from '../platform/http/types.ts';
import type { Platform } from '../platform/platform.ts';
import { routes as agencies } from '../modules/agencies/routes.ts';
import { routes as audit } from '../modules/audit/routes.ts';
import { routes as documents } from '../modules/documents/routes.ts';
import { routes as duplicates } from '../modules/duplicates/routes.ts';
import { routes as households } from '../modules/households/routes.ts';
import { routes as jobs } from '../modules/jobs/routes.ts';
import { routes as assistance } from '../modules/assistance/routes.ts';
import { routes as reports } from '../modules/reports/routes.ts';
import { routes as selfreliance } from '../modules/selfreliance/routes.ts';
import { routes as transparency } from '../modules/transparency/routes.ts';
import { routes as notifications } from '../modules/notifications/routes.ts';
import { routes as cases } from '../modules/cases/routes.ts';
import { routes as referrals } from '../modules/referrals/routes.ts';
import { routes as incidents } from '../modules/incidents/routes.ts';
import { routes as residences } from '../modules/residences/routes.ts';
import { routes as rights } from '../modules/rights/routes.ts';
import { routes as separation } from '../modules/separation/routes.ts';
import { routes as auth } from '../modules/auth/routes.ts';
import { routes as operations } from '../modules/operations/routes.ts';
import { routes as registry } from '../modules/registry/routes.ts';
import { routes as setup } from '../modules/setup/routes.ts';
import { routes as sites } from '../modules/sites/routes.ts';
import { routes as system } from '../modules/system/routes.ts';
import { routes as tokens } from '../modules/tokens/routes.ts';
import { routes as transfer } from '../modules/transfer/routes.ts';
import { routes as users } from '../modules/users/routes.ts';
import { routes as dataprotection } from '../modules/dataprotection/routes.ts';

/** Every module's routes, registered under /api/v1. */
export const MODULES: ((api: Api, platform: Platform) => void)[] = [
  system,
  setup,
  auth,
  tokens,
  users,
  agencies,
  sites,
  operations,
  audit,
  registry,
  households,
  residences,
  documents,
  duplicates,
  jobs,
  transfer,
  rights,
  assistance,
  selfreliance,
  reports,
  transparency,
  separation,
  cases,
  referrals,
  incidents,
  notifications,
  dataprotection,
];
