import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { contextOf } from '../../../platform/http/context.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import type { Api } from '../../../platform/http/types.ts';
import type { Platform } from '../../../platform/platform.ts';
import { renderSummary } from './render.ts';
import { checkSummary, loadSummary } from './service.ts';

const pdfFile = z
  .string()
  .describe(
    'The case summary as a PDF, watermarked with the reader, the time and the request id on every page',
  );

/** GET /cases/{id}/summary.pdf: the case summary, streamed, after it is audited (service.ts). */
export function pdfRoutes(api: Api, platform: Platform): void {
  api.get(
    '/cases/:id/summary.pdf',
    {
      config: { permission: 'cases.read' },
      schema: {
        tags: ['cases'],
        description:
          'A PDF of the case for its reader: case, person (no whereabouts or contact), plan, tasks, notes, approvals, transfers, referrals (the fields shared, never their values) and timeline. Recorded as an export in the transfer log and audited. 404 as for a random id when the reader may not see the case or its person; 403 while the case is only offered to their agency.',
        params: idParams,
        response: { 200: { content: { 'application/pdf': { schema: pdfFile } } } },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const attachment = (reference: string) =>
        reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${reference}.pdf"`);
      // Fastify answers HEAD with this handler: check access, but export and record nothing.
      if (req.method === 'HEAD')
        return attachment(await checkSummary(platform, ctx, req.params.id)).send('');
      const summary = await loadSummary(platform, ctx, req.params.id);
      const body = new PassThrough();
      // Rendering runs after the headers are out: a failure can only cut the file short.
      renderSummary(summary, body).catch((e: unknown) => {
        // The error's name only: a message could quote the case's text.
        req.log.error({ error: e instanceof Error ? e.name : typeof e }, 'case summary PDF failed');
        body.destroy(e instanceof Error ? e : new Error('case summary PDF failed'));
      });
      // A stream: Fastify pipes it, unserialised.
      return attachment(summary.reference).send(body as unknown as string);
    },
  );
}
