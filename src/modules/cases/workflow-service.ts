import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import * as repo from './repository.ts';
import type { WorkflowInput } from './schema.ts';
import { DEFAULT_WORKFLOW, workflowProblems, type Workflow } from './workflow.ts';

/** The operation's configured workflow (or the default), for reading and for moves. */
export async function loadWorkflow(trx: Tx, operationId: string) {
  const row = await repo.findWorkflow(trx, operationId);
  const workflow: Workflow = row
    ? {
        transitions: row.transitions as Workflow['transitions'],
        planApprovalRequired: row.plan_approval_required,
      }
    : DEFAULT_WORKFLOW;
  return { ...workflow, version: row?.version ?? 0 };
}

/** The operation's workflow; version 0 means the default, never edited. */
export function getWorkflow(platform: Platform, ctx: RequestContext) {
  return asActor(platform, ctx, (trx) => loadWorkflow(trx, ctx.actor.operationId));
}

export function saveWorkflow(
  platform: Platform,
  ctx: RequestContext,
  version: number,
  input: WorkflowInput,
) {
  const problems = workflowProblems(input);
  if (problems.length)
    throw new AppError('validation_failed', {
      errors: problems.map((p) => ({ field: `body.transitions.${p.state}`, message: p.message })),
    });
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    if (!(await repo.saveWorkflow(trx, op, version, input, ctx.now, ctx.actor.userId)))
      throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'case_workflow.updated',
      entityType: 'operation',
      entityId: op,
      details: { planApprovalRequired: input.planApprovalRequired },
    });
    return loadWorkflow(trx, op);
  });
}
