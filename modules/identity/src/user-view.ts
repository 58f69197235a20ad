import type { Locale, OrganizationKind } from '@linkmall/kernel';
import { isRole, permissionsOf, ROLES, scopeOf } from './domain/roles.ts';
import type { UserRow } from './identity-store.ts';

export interface UserView {
  readonly id: string;
  readonly displayName: string;
  readonly roles: string[];
  readonly roleNames: string[];
  readonly organization: { id: string; kind: OrganizationKind; name: string } | null;
  readonly organizationId: string | null;
  readonly organizationName: string | null;
  readonly permissions: string[];
  readonly scope: 'all' | 'supplier' | 'merchant' | 'self';
  readonly phoneMasked: string | null;
  readonly status: 'active' | 'disabled';
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
}

export function roleNames(roles: readonly string[], locale: Locale): string[] {
  return roles.map((role) => (isRole(role) ? ROLES[role].name[locale] : role));
}

export function toUserView(row: UserRow, locale: Locale): UserView {
  const organization =
    row.organization_id && row.organization_kind && row.organization_name
      ? { id: row.organization_id, kind: row.organization_kind, name: row.organization_name }
      : null;
  return {
    id: row.id,
    displayName: row.display_name,
    roles: [...row.roles],
    roleNames: roleNames(row.roles, locale),
    organization,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    permissions: [...permissionsOf(row.roles)].sort(),
    scope: scopeOf({ id: row.id, organizationId: row.organization_id, organizationKind: row.organization_kind }).kind,
    phoneMasked: row.phone_masked,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    lastLoginAt: row.last_login_at ? row.last_login_at.toISOString() : null,
  };
}

/** What the audit log keeps of a user: never the password hash or the phone ciphertext. */
export function auditSnapshot(row: Pick<UserRow, 'display_name' | 'roles' | 'status' | 'organization_id' | 'phone_masked'>) {
  return {
    displayName: row.display_name,
    roles: [...row.roles],
    status: row.status,
    organizationId: row.organization_id,
    phoneMasked: row.phone_masked,
  };
}
