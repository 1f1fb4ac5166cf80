import { z } from 'zod';
import { ROLES } from '../../platform/access/roles.ts';

export const loginStatus = z.enum(['ok', 'mfa_required', 'mfa_enrolment_required']);

export const loginBody = z.object({
  email: z.string().min(1).max(254),
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
