import type { Actor } from '../../platform/access/actor.ts';
import { sameOperation, type Policy } from '../../platform/access/authorize.ts';
import { fieldError } from '../../platform/errors.ts';
import type { UserPatchInput } from './schema.ts';

export const canSeeUser: Policy<{ operationId: string }> = sameOperation;

/** An administrator cannot lock themselves out: no disabling oneself, no dropping one's own admin role. */
export function checkSelfChange(actor: Actor, userId: string, patch: UserPatchInput): void {
  if (actor.userId !== userId) return;
  if (patch.status === 'disabled')
    throw fieldError('body.status', 'you cannot disable your own account');
  if (
    patch.roles &&
    !patch.roles.includes('administrator') &&
    actor.roles.includes('administrator')
  ) {
    throw fieldError('body.roles', 'you cannot remove your own administrator role');
  }
}
