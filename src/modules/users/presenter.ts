import { isRole } from '../../platform/access/roles.ts';
import type { UserRow } from './repository.ts';
import type { UserView } from './schema.ts';

export function presentUser(r: UserRow): UserView {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    roles: r.roles.filter(isRole),
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    status: r.status,
    mfaEnrolled: r.totp_enrolled_at !== null,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}
