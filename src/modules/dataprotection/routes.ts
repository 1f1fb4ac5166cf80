/**
 * Data-protection duties (issue 7; docs/data-protection.md): consent, transfer requests with two
 * approvers, subject requests and the access export, retention with legal holds and its daily
 * schedule, and the data-protection officer's lists.
 */
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { officerRoutes } from './officer-routes.ts';
import { personRoutes } from './person-routes.ts';
import { scheduleRetention } from './scheduler.ts';

export function routes(api: Api, platform: Platform): void {
  personRoutes(api, platform);
  officerRoutes(api, platform);
  scheduleRetention(api, platform);
}
