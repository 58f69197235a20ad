import { useEffect, useState } from 'react';
import { api, isAbortError } from './api';
import { useI18n } from './i18n';
import type { Organization, OrganizationKind, Paged, Role } from './types';

/** Roles with localized names; quietly empty when the actor may not read them. */
export function useRoles(enabled = true): Role[] {
  const { locale } = useI18n();
  const [roles, setRoles] = useState<Role[]>([]);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    api
      .get<{ items: Role[] }>('/admin/roles', { silent: true, signal: controller.signal })
      .then((response) => setRoles(response.items))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setRoles([]);
      });
    return () => controller.abort();
  }, [enabled, locale]);
  return roles;
}

const ORGANIZATION_PAGE_SIZE = 100;
const ORGANIZATION_PAGE_LIMIT = 20;

/** Every organization, page by page, for select boxes; only platform-wide actors need it. */
export function useOrganizations(enabled: boolean): Organization[] {
  const [organizations, setOrganizations] = useState<Organization[]>([]);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const load = async () => {
      const collected: Organization[] = [];
      for (let page = 1; page <= ORGANIZATION_PAGE_LIMIT; page += 1) {
        const response = await api.get<Paged<Organization>>('/admin/organizations', {
          query: { page, pageSize: ORGANIZATION_PAGE_SIZE },
          silent: true,
          signal: controller.signal,
        });
        collected.push(...response.items);
        if (response.items.length === 0 || collected.length >= response.total) break;
      }
      setOrganizations(collected);
    };
    load().catch((error: unknown) => {
      if (!isAbortError(error)) setOrganizations([]);
    });
    return () => controller.abort();
  }, [enabled]);
  return organizations;
}

/** Roles a user in an organization of this kind may hold; `null` means a user without organization. */
export function assignableRoles(roles: readonly Role[], kind: OrganizationKind | null | undefined): Role[] {
  if (kind === undefined) return [...roles];
  return roles.filter((role) => role.organizationKind === kind);
}
