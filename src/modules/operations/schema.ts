import { z } from 'zod';

export const operationSettings = z.object({
  mfaRequired: z.boolean(),
  suppressionThreshold: z.number().int(),
});

export const operationView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  settings: operationSettings,
  version: z.number().int(),
});
export type OperationView = z.infer<typeof operationView>;

export const operationPatchBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    suppressionThreshold: z.number().int().min(2).max(100),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type OperationPatch = z.infer<typeof operationPatchBody>;

/** Stored per operation; defaults apply to keys never set. */
export const storedSettings = z.object({ suppressionThreshold: z.number().int().default(5) });
