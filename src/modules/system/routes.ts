import { z } from 'zod';
import { ROLE_ABILITIES, ROLES } from '../../platform/access/roles.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { VERSION } from '../../platform/version.ts';

const health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['pglite', 'postgres']),
});
const roleList = z.object({
  items: z.array(z.object({ code: z.enum(ROLES), abilities: z.array(z.string()) })),
});

export function routes(api: Api, platform: Platform): void {
  api.get(
    '/health',
    { config: { permission: 'public' }, schema: { tags: ['system'], response: { 200: health } } },
    () => ({ status: 'ok' as const, version: VERSION, database: platform.database.kind }),
  );

  api.get(
    '/roles',
    {
      config: { permission: 'roles.read' },
      schema: { tags: ['system'], response: { 200: roleList } },
    },
    () => ({ items: ROLES.map((code) => ({ code, abilities: [...ROLE_ABILITIES[code]] })) }),
  );
}
