import { z } from 'zod';
import { email } from '../../platform/http/schemas.ts';

export const setupBody = z.object({
  token: z.string().min(10).max(200),
  email,
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1024),
});

export const setupStatus = z.object({ needed: z.boolean() });
