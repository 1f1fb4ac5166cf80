import { z } from 'zod';

export const tokenCreateBody = z.object({
  name: z.string().trim().min(1).max(100),
  days: z.number().int().min(1).max(365).default(90),
});

export const tokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export const tokenCreated = tokenView.extend({ token: z.string() });
