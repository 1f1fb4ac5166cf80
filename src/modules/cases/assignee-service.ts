import type { RequestContext } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor } from '../../platform/unit-of-work.ts';
import { canWorkOnCase } from './policy.ts';
import * as repo from './repository.ts';
import type { AssigneeList } from './schema.ts';
import { factsOf, loadCase, staffActor, userSeesPerson } from './service.ts';

/**
 * Whom the case, or one of its tasks, may be given to: exactly the users `requireWorker` would
 * accept (active, may manage cases, would work on this case, see its person), by name. Only
 * someone who may work on the case asks; the list names colleagues, never the person.
 */
export async function listAssignees(
  platform: Platform,
  ctx: RequestContext,
  caseId: string,
): Promise<AssigneeList> {
  return asActor(platform, ctx, async (trx) => {
    const { row } = await loadCase(trx, ctx, caseId, 'work');
    const facts = factsOf(row);
    const items: AssigneeList['items'] = [];
    for (const c of await repo.caseStaffCandidates(trx, ctx.actor.operationId, row.agency_id)) {
      const user = await staffActor(trx, ctx, c.id);
      if (!user || !can(user, 'cases.manage') || !canWorkOnCase(user, facts)) continue;
      if (!(await userSeesPerson(trx, ctx, user, row.person_id))) continue;
      items.push({ id: c.id, displayName: c.display_name, isYou: c.id === ctx.actor.userId });
    }
    return { items };
  });
}
