import { notFound } from '../../platform/errors.ts';
import { contextOf } from '../../platform/http/context.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import { findJob } from '../../platform/jobs.ts';
import type { Platform } from '../../platform/platform.ts';
import { jobView } from './schema.ts';

export function routes(api: Api, platform: Platform): void {
  // A job is visible to the user who started it, and only to them.
  api.get(
    '/jobs/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['jobs'], params: idParams, response: { 200: jobView } },
    },
    async (req) => {
      const ctx = contextOf(req, platform);
      const job = await findJob(platform, ctx, req.params.id);
      if (!job || job.created_by !== ctx.actor.userId) throw notFound();
      return {
        id: job.id,
        kind: job.kind,
        status: job.status,
        done: job.done,
        total: job.total,
        result: (job.result as Record<string, unknown> | null) ?? null,
        error: job.error,
        createdAt: job.created_at.toISOString(),
        finishedAt: job.finished_at?.toISOString() ?? null,
      };
    },
  );
}
