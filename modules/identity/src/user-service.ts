import { err, maskPhone, newId, ok, type Locale, type OrganizationKind, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, isUniqueViolation, pageWindow } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { hashPassword, passwordProblem } from './domain/password-policy.ts';
import { PERMISSIONS, ROLE_NAMES, ROLES, rolesFitOrganization, scopedOrganizationId, type Permission } from './domain/roles.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { IdentityErrorCode } from './identity-errors.ts';
import { identityStore as store, type OrganizationRow } from './identity-store.ts';
import { auditSnapshot, toUserView, type UserView } from './user-view.ts';

export interface Page {
  readonly page: number;
  readonly pageSize: number;
}

export interface NewUser {
  readonly displayName: string;
  readonly phone: string;
  readonly password: string;
  readonly roles: string[];
  /** Required for staff when the actor sees all organisations; otherwise the actor's own organisation. */
  readonly organizationId?: string | null;
}

export interface UserPatch {
  readonly displayName?: string;
  readonly roles?: string[];
  readonly status?: 'active' | 'disabled';
  readonly password?: string;
}

export interface OrganizationView {
  readonly id: string;
  readonly kind: OrganizationKind;
  readonly name: string;
  readonly status: 'active' | 'suspended';
  readonly createdAt: string;
}

const toOrganizationView = (row: OrganizationRow): OrganizationView => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  status: row.status,
  createdAt: row.created_at.toISOString(),
});

const ADMIN_ROLES = new Set(['platform_admin', 'supplier_admin', 'merchant_admin']);

export function createUserService(deps: IdentityDeps) {
  const { db, pii } = deps;

  /** The organisation a new user joins: scoped actors may only add to their own. */
  async function targetOrganization(ctx: RequestContext, requested: string | null | undefined) {
    const own = scopedOrganizationId(ctx.actor!.scope);
    const id = own ?? requested ?? null;
    if (id === null) return ok(null);
    const organization = await store.findOrganization(db, id);
    return organization ? ok(organization) : err('organization_not_found' as const);
  }

  return {
    async listUsers(ctx: RequestContext, query: Page & { q?: string; role?: string; organizationId?: string }) {
      const search = query.q?.trim();
      const phoneLike = search && /^1[3-9]\d{9}$/.test(search) ? pii.searchHash(search) : undefined;
      const { items, total } = await store.listUsers(
        db,
        ctx.actor!.scope,
        {
          ...(search ? { search } : {}),
          ...(phoneLike ? { searchPhoneHash: phoneLike } : {}),
          ...(query.role ? { role: query.role } : {}),
          ...(query.organizationId ? { organizationId: query.organizationId } : {}),
        },
        pageWindow(query),
      );
      return { items: items.map((row) => toUserView(row, ctx.locale)), total };
    },

    async getUser(ctx: RequestContext, id: string): Promise<Result<UserView, IdentityErrorCode>> {
      const row = await store.findUserById(db, id, ctx.actor!.scope);
      return row ? ok(toUserView(row, ctx.locale)) : err('user_not_found');
    },

    async createUser(ctx: RequestContext, input: NewUser): Promise<Result<UserView, IdentityErrorCode>> {
      if (passwordProblem(input.password)) return err('weak_password', { reason: passwordProblem(input.password) });
      const organization = await targetOrganization(ctx, input.organizationId);
      if (!organization.ok) return organization;
      if (!rolesFitOrganization(input.roles, organization.value?.kind ?? null)) {
        return err('roles_not_allowed', { organizationKind: organization.value?.kind ?? null });
      }
      const passwordHash = await hashPassword(input.password);
      const now = ctx.clock.now();
      const id = newId('usr', now.getTime());
      try {
        return await inTransaction(db, async (tx) => {
          const row = {
            id,
            organization_id: organization.value?.id ?? null,
            roles: [...new Set(input.roles)],
            display_name: input.displayName,
            phone_cipher: pii.encrypt(input.phone),
            phone_hash: pii.searchHash(input.phone),
            phone_masked: maskPhone(input.phone),
            password_hash: passwordHash,
            status: 'active' as const,
            created_at: now,
            updated_at: now,
            last_login_at: null,
          };
          await store.insertUser(tx, row);
          await recordAudit(tx, ctx, {
            action: 'user.created',
            entityType: 'user',
            entityId: id,
            organizationId: row.organization_id,
            before: null,
            after: auditSnapshot(row),
          });
          await publishEvent(tx, ctx, {
            type: 'user.created',
            aggregateId: id,
            payload: { userId: id, roles: row.roles, organizationId: row.organization_id },
          });
          const created = await store.findUserById(tx, id);
          return ok(toUserView(created!, ctx.locale));
        });
      } catch (error) {
        if (isUniqueViolation(error)) return err('phone_taken');
        throw error;
      }
    },

    async updateUser(ctx: RequestContext, id: string, patch: UserPatch): Promise<Result<UserView, IdentityErrorCode>> {
      if (patch.password !== undefined && passwordProblem(patch.password)) {
        return err('weak_password', { reason: passwordProblem(patch.password) });
      }
      const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
      return inTransaction(db, async (tx) => {
        await store.lockUser(tx, id);
        const before = await store.findUserById(tx, id, ctx.actor!.scope);
        if (!before) return err('user_not_found');
        if (patch.roles && !rolesFitOrganization(patch.roles, before.organization_kind)) {
          return err('roles_not_allowed', { organizationKind: before.organization_kind });
        }
        const isSelf = before.id === ctx.actor!.userId;
        const losesAdmin = patch.roles && before.roles.some((r) => ADMIN_ROLES.has(r)) && !patch.roles.some((r) => ADMIN_ROLES.has(r));
        if (isSelf && (patch.status === 'disabled' || losesAdmin)) return err('cannot_change_self');
        const now = ctx.clock.now();
        await store.updateUser(tx, id, {
          ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
          ...(patch.roles !== undefined ? { roles: [...new Set(patch.roles)] } : {}),
          ...(patch.status !== undefined ? { status: patch.status } : {}),
          ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
          updated_at: now,
        });
        // A disabled user or a password reset must not keep working sessions.
        if (patch.status === 'disabled' || passwordHash !== undefined) await store.revokeUserSessions(tx, id, now);
        const after = (await store.findUserById(tx, id))!;
        await recordAudit(tx, ctx, {
          action: passwordHash !== undefined ? 'user.password_reset' : 'user.updated',
          entityType: 'user',
          entityId: id,
          organizationId: before.organization_id,
          before: auditSnapshot(before),
          after: auditSnapshot(after),
        });
        return ok(toUserView(after, ctx.locale));
      });
    },

    async revokeSessions(ctx: RequestContext, id: string): Promise<Result<{ revoked: number }, IdentityErrorCode>> {
      return inTransaction(db, async (tx) => {
        const user = await store.findUserById(tx, id, ctx.actor!.scope);
        if (!user) return err('user_not_found');
        const revoked = await store.revokeUserSessions(tx, id, ctx.clock.now());
        await recordAudit(tx, ctx, {
          action: 'user.sessions_revoked',
          entityType: 'user',
          entityId: id,
          organizationId: user.organization_id,
          before: null,
          after: { revokedSessions: revoked },
        });
        return ok({ revoked });
      });
    },

    listRoles(locale: Locale) {
      return ROLE_NAMES.map((role) => ({
        role,
        name: ROLES[role].name[locale],
        organizationKind: ROLES[role].organizationKind,
        permissions: ROLES[role].permissions.map((key: Permission) => ({ key, name: PERMISSIONS[key][locale] })),
      }));
    },

    async listOrganizations(ctx: RequestContext, query: Page & { kind?: OrganizationKind }) {
      const { items, total } = await store.listOrganizations(db, ctx.actor!.scope, pageWindow(query), query.kind);
      return { items: items.map(toOrganizationView), total };
    },

    async createOrganization(ctx: RequestContext, input: { kind: OrganizationKind; name: string }): Promise<OrganizationView> {
      const now = ctx.clock.now();
      const row: OrganizationRow = {
        id: newId('org', now.getTime()),
        kind: input.kind,
        name: input.name,
        status: 'active',
        created_at: now,
        updated_at: now,
      };
      await inTransaction(db, async (tx) => {
        await store.insertOrganization(tx, row);
        await recordAudit(tx, ctx, {
          action: 'organization.created',
          entityType: 'organization',
          entityId: row.id,
          organizationId: row.id,
          before: null,
          after: toOrganizationView(row),
        });
        await publishEvent(tx, ctx, { type: 'organization.created', aggregateId: row.id, payload: { organizationId: row.id, kind: row.kind } });
      });
      return toOrganizationView(row);
    },

    /** The user's openid in a WeChat app: WeChat Pay's JSAPI payments are made by that payer. */
    async wechatOpenId(userId: string, appId: string): Promise<string | null> {
      return (await store.findOpenIdOfUser(db, appId, userId)) ?? null;
    },

    /** Which organisation an active user belongs to (null: none); null when there is no such active user. */
    async organizationOfUser(userId: string): Promise<{ organizationId: string | null } | null> {
      const row = await store.findUserById(db, userId);
      return row && row.status === 'active' ? { organizationId: row.organization_id } : null;
    },

    async organizationNames(ids: readonly string[]): Promise<Map<string, string>> {
      const rows = await store.findOrganizations(db, [...new Set(ids)]);
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    /**
     * Display names and masked phones of the given users, for screens that list people by id (payees,
     * team members): a names lookup, not a user read (no roles, organisation or clear phone).
     */
    async userNames(ids: readonly string[]): Promise<Map<string, { displayName: string; phoneMasked: string | null }>> {
      const rows = await store.findUserNames(db, [...new Set(ids)]);
      return new Map(rows.map((row) => [row.id, { displayName: row.display_name, phoneMasked: row.phone_masked }]));
    },

    /** Keyed hashes of the given users' login phones (team-health rules compare them; no phone leaves). */
    async phoneHashes(ids: readonly string[]): Promise<Map<string, string>> {
      const rows = await store.findPhoneHashes(db, [...new Set(ids)]);
      return new Map(rows.flatMap((row) => (row.phone_hash ? [[row.id, row.phone_hash] as const] : [])));
    },

    async counts(ctx: RequestContext) {
      const scope = ctx.actor!.scope;
      const users = await store.countUsers(db, scope);
      if (scope.kind !== 'all') return users;
      const organizations = await store.countOrganizationsByKind(db);
      return { ...users, organizations: organizations.platform + organizations.supplier + organizations.merchant, suppliers: organizations.supplier, merchants: organizations.merchant };
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
