import { z } from 'zod';
import { ROLES } from '../../platform/access/roles.ts';
import { email } from '../../platform/http/schemas.ts';

export const loginStatus = z.enum(['ok', 'mfa_required', 'mfa_enrolment_required']);

export const loginBody = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export const setupBody = z.object({
  token: z.string().min(10).max(200),
  email,
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1024),
});

export const statusResponse = z.object({ status: loginStatus });

export const enrolResponse = z.object({ secret: z.string(), otpauthUrl: z.string() });

export const codeBody = z.object({ code: z.string().trim().min(1).max(64) });

export const verifyResponse = z.object({
  status: z.literal('ok'),
  recoveryCodes: z.array(z.string()).optional(),
});

export const passwordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const meResponse = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    operationId: z.uuid(),
    agencyId: z.uuid().nullable(),
    roles: z.array(z.enum(ROLES)),
  }),
  abilities: z.array(z.string()),
  mfa: z.object({ required: z.boolean(), enrolled: z.boolean(), verified: z.boolean() }),
  warnings: z.array(z.enum(['mfa_disabled', 'insecure_transport'])),
});

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

export const setupStatus = z.object({ needed: z.boolean() });
