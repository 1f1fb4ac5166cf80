import { z } from 'zod';

export const agencyView = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type AgencyView = z.infer<typeof agencyView>;

export const agencyBody = z.object({ name: z.string().trim().min(1).max(200) });
export const agencyList = z.object({ items: z.array(agencyView) });
