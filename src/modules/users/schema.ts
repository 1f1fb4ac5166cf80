import { z } from 'zod';
import { ROLES } from '../../platform/access/roles.ts';
import { email, listQuery } from '../../platform/http/schemas.ts';

export const userView = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  agencyId: z.uuid().nullable(),
  agencyName: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  mfaEnrolled: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type UserView = z.infer<typeof userView>;

export const userList = z.object({ items: z.array(userView), total: z.number().int() });

export const userListQuery = listQuery.extend({ q: z.string().trim().max(200).optional() });

const roles = z.array(z.enum(ROLES)).min(1, 'needs at least one role').max(ROLES.length);

export const userCreateBody = z.object({
  email,
  displayName: z.string().trim().min(1).max(200),
  roles,
  agencyId: z.uuid().nullable().optional(),
  password: z.string().min(1).max(1024),
});
export type UserCreateInput = z.infer<typeof userCreateBody>;

export const userPatchBody = z
  .object({
    displayName: z.string().trim().min(1).max(200),
    roles,
    agencyId: z.uuid().nullable(),
    status: z.enum(['active', 'disabled']),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type UserPatchInput = z.infer<typeof userPatchBody>;
