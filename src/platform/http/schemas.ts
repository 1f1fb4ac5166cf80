import { z } from 'zod';

/** Schema pieces every module shares. */
export const idParams = z.object({ id: z.uuid() });

/** A calendar day, YYYY-MM-DD, from 1900 on: the database refuses year 0, and nothing Asylon
 * records is older. */
export const isoDate = z.iso.date().refine((d) => d >= '1900-01-01', 'must be 1900-01-01 or later');
export const timestamp = z.string();

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const email = z
  .email()
  .max(254)
  .transform((v) => v.trim().toLowerCase());

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  requestId: z.string(),
});

export const noContent = z.null().describe('No content');
