import type { DataScope, OrganizationKind } from '@linkmall/kernel';
import { countRows, type Db } from '@linkmall/db';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { IdentityTables, OrganizationTable, UserTable } from './identity-tables.ts';

/** The only file that touches identity's tables. */
const t = (db: Db) => db as Kysely<IdentityTables>;

export type OrganizationRow = Selectable<OrganizationTable>;
export type UserRow = Selectable<UserTable> & { organization_kind: OrganizationKind | null; organization_name: string | null };

function usersWithOrganization(db: Db) {
  return t(db)
    .selectFrom('users')
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .selectAll('users')
    .select(['organizations.kind as organization_kind', 'organizations.name as organization_name']);
}

/** The users an actor may see: all, one organisation's, or only themselves. */
function userScope(scope: DataScope) {
  return (eb: ExpressionBuilder<IdentityTables, 'users'>): Expression<SqlBool> => {
    if (scope.kind === 'supplier') return eb('users.organization_id', '=', scope.supplierId);
    if (scope.kind === 'merchant') return eb('users.organization_id', '=', scope.merchantId);
    if (scope.kind === 'self') return eb('users.id', '=', scope.userId);
    return eb.lit(true);
  };
}

export const identityStore = {
  async findOrganization(db: Db, id: string): Promise<OrganizationRow | undefined> {
    return t(db).selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findOrganizations(db: Db, ids: readonly string[]): Promise<OrganizationRow[]> {
    if (ids.length === 0) return [];
    return t(db).selectFrom('organizations').selectAll().where('id', 'in', ids).execute();
  },

  /** Display names and masked phones only (no scope: callers pass ids they may already see). */
  async findUserNames(db: Db, ids: readonly string[]): Promise<{ id: string; display_name: string; phone_masked: string | null }[]> {
    if (ids.length === 0) return [];
    return t(db).selectFrom('users').select(['id', 'display_name', 'phone_masked']).where('id', 'in', [...ids]).execute();
  },

  async findPhoneHashes(db: Db, ids: readonly string[]): Promise<{ id: string; phone_hash: string | null }[]> {
    if (ids.length === 0) return [];
    return t(db).selectFrom('users').select(['id', 'phone_hash']).where('id', 'in', [...ids]).where('phone_hash', 'is not', null).execute();
  },

  async insertOrganization(db: Db, row: OrganizationRow): Promise<void> {
    await t(db).insertInto('organizations').values(row).execute();
  },

  async listOrganizations(db: Db, scope: DataScope, page: { limit: number; offset: number }, kind?: OrganizationKind) {
    let query = t(db).selectFrom('organizations');
    if (scope.kind === 'supplier') query = query.where('id', '=', scope.supplierId);
    if (scope.kind === 'merchant') query = query.where('id', '=', scope.merchantId);
    if (scope.kind === 'self') query = query.where(sql<boolean>`false`);
    if (kind) query = query.where('kind', '=', kind);
    const [items, total] = await Promise.all([
      query.selectAll().orderBy('created_at').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      countRows(query),
    ]);
    return { items, total };
  },

  async countOrganizationsByKind(db: Db): Promise<Record<OrganizationKind, number>> {
    const rows = await t(db)
      .selectFrom('organizations')
      .select(['kind', (eb) => eb.fn.countAll<bigint>().as('total')])
      .groupBy('kind')
      .execute();
    const counts: Record<OrganizationKind, number> = { platform: 0, supplier: 0, merchant: 0 };
    for (const row of rows) counts[row.kind] = Number(row.total);
    return counts;
  },

  async findUserById(db: Db, id: string, scope: DataScope = { kind: 'all' }): Promise<UserRow | undefined> {
    return usersWithOrganization(db).where('users.id', '=', id).where(userScope(scope)).executeTakeFirst() as Promise<UserRow | undefined>;
  },

  async findUserByPhoneHash(db: Db, phoneHash: string): Promise<UserRow | undefined> {
    return usersWithOrganization(db).where('users.phone_hash', '=', phoneHash).executeTakeFirst() as Promise<UserRow | undefined>;
  },

  /** Locks the user row so concurrent edits of one user apply one after another. */
  async lockUser(db: Db, id: string): Promise<void> {
    await t(db).selectFrom('users').select('id').where('id', '=', id).forUpdate().execute();
  },

  async listUsers(
    db: Db,
    scope: DataScope,
    filter: { search?: string; searchPhoneHash?: string; role?: string; organizationId?: string },
    page: { limit: number; offset: number },
  ) {
    let query = usersWithOrganization(db).where(userScope(scope));
    if (filter.role) query = query.where(sql<boolean>`${filter.role} = any(users.roles)`);
    if (filter.organizationId) query = query.where('users.organization_id', '=', filter.organizationId);
    if (filter.search) {
      const like = `%${filter.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb('users.display_name', 'ilike', like),
          ...(filter.searchPhoneHash ? [eb('users.phone_hash', '=', filter.searchPhoneHash)] : []),
        ]),
      );
    }
    const [items, total] = await Promise.all([
      query.orderBy('users.created_at', 'desc').orderBy('users.id', 'desc').limit(page.limit).offset(page.offset).execute(),
      countRows(query),
    ]);
    return { items: items as UserRow[], total };
  },

  async countUsers(db: Db, scope: DataScope): Promise<{ staff: number; consumers: number }> {
    const row = await t(db)
      .selectFrom('users')
      .select([
        sql<bigint>`count(*) filter (where not ('consumer' = any(roles)))`.as('staff'),
        sql<bigint>`count(*) filter (where 'consumer' = any(roles))`.as('consumers'),
      ])
      .where(userScope(scope))
      .executeTakeFirstOrThrow();
    return { staff: Number(row.staff), consumers: Number(row.consumers) };
  },

  async insertUser(db: Db, row: Omit<Selectable<UserTable>, 'status'> & { status?: 'active' | 'disabled' }): Promise<void> {
    await t(db).insertInto('users').values(row).execute();
  },

  async updateUser(
    db: Db,
    id: string,
    patch: Partial<Pick<Selectable<UserTable>, 'display_name' | 'roles' | 'status' | 'password_hash' | 'last_login_at'>> & { updated_at?: Date },
  ): Promise<void> {
    await t(db).updateTable('users').set(patch).where('id', '=', id).execute();
  },

  async findWechatIdentity(db: Db, appId: string, openId: string) {
    return t(db).selectFrom('wechat_identities').selectAll().where('app_id', '=', appId).where('open_id', '=', openId).executeTakeFirst();
  },

  async findOpenIdOfUser(db: Db, appId: string, userId: string): Promise<string | undefined> {
    const row = await t(db).selectFrom('wechat_identities').select('open_id').where('app_id', '=', appId).where('user_id', '=', userId).orderBy('created_at').executeTakeFirst();
    return row?.open_id;
  },

  /** Returns false when another request bound the same openid first. */
  async insertWechatIdentity(db: Db, row: Selectable<IdentityTables['wechat_identities']>): Promise<boolean> {
    const result = await t(db).insertInto('wechat_identities').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  },

  async insertSession(db: Db, row: Selectable<IdentityTables['sessions']>): Promise<void> {
    await t(db).insertInto('sessions').values(row).execute();
  },

  async findLiveSession(db: Db, tokenHash: string, now: Date) {
    return t(db)
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .leftJoin('organizations', 'organizations.id', 'users.organization_id')
      .select([
        'sessions.id as session_id',
        'sessions.expires_at',
        'users.id as user_id',
        'users.display_name',
        'users.roles',
        'users.status',
        'users.organization_id',
        'organizations.kind as organization_kind',
        'organizations.status as organization_status',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst();
  },

  async revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
    await t(db).updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
  },

  async revokeUserSessions(db: Db, userId: string, now: Date): Promise<number> {
    const result = await t(db)
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  async deleteExpiredSessions(db: Db, before: Date): Promise<number> {
    const result = await t(db).deleteFrom('sessions').where('expires_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  async recordLoginAttempt(db: Db, row: Selectable<IdentityTables['login_attempts']>): Promise<void> {
    await t(db).insertInto('login_attempts').values(row).execute();
  },

  /** Failed attempts since `since` and since the last success for this phone (a success resets the count). */
  async recentFailures(db: Db, key: { phoneHash?: string; ip?: string }, since: Date): Promise<{ count: number; oldest: Date | null }> {
    const column = key.phoneHash ? 'phone_hash' : 'ip';
    const value = key.phoneHash ?? key.ip ?? '';
    const lastSuccess = await t(db)
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.max('attempted_at').as('at'))
      .where(column, '=', value)
      .where('succeeded', '=', true)
      .where('attempted_at', '>', since)
      .executeTakeFirst();
    const from = lastSuccess?.at && new Date(lastSuccess.at) > since ? new Date(lastSuccess.at) : since;
    const row = await t(db)
      .selectFrom('login_attempts')
      .select([(eb) => eb.fn.countAll<bigint>().as('count'), (eb) => eb.fn.min('attempted_at').as('oldest')])
      .where(column, '=', value)
      .where('succeeded', '=', false)
      .where('attempted_at', '>', from)
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), oldest: row.oldest ? new Date(row.oldest) : null };
  },

  async deleteLoginAttemptsBefore(db: Db, before: Date): Promise<number> {
    const result = await t(db).deleteFrom('login_attempts').where('attempted_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
