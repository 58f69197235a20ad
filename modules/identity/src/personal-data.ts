import { newId, type PiiCipher } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import type { Kysely, Selectable } from 'kysely';
import type { IdentityTables, PersonalDataRequestTable } from './identity-tables.ts';

/**
 * Identity's part of the PIPL rights (个人信息保护法): what it holds about a member, the tombstones
 * that replace it on deletion, and the deletion requests themselves. The cross-module export and
 * anonymisation live in flows/; this file only touches identity's own tables.
 */
const t = (db: Db) => db as Kysely<IdentityTables>;

/** What replaces a deleted member's name everywhere it is shown. */
export const ERASED_NAME = '已注销用户';

export type PersonalDataRequestRow = Selectable<PersonalDataRequestTable>;

export function identityPersonalData(pii: PiiCipher) {
  return {
    /** The member's own account as they may read it: the phone decrypted, sessions without their tokens. */
    async exportFor(db: Db, userId: string) {
      const user = await t(db)
        .selectFrom('users')
        .select(['id', 'display_name', 'phone_cipher', 'roles', 'status', 'created_at', 'last_login_at'])
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!user) return null;
      const wechat = await t(db).selectFrom('wechat_identities').select(['app_id', 'open_id', 'union_id', 'created_at']).where('user_id', '=', userId).execute();
      const sessions = await t(db)
        .selectFrom('sessions')
        .select(['created_at', 'expires_at', 'revoked_at', 'ip', 'user_agent'])
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .limit(100)
        .execute();
      const { phone_cipher, ...profile } = user;
      return { profile: { ...profile, phone: phone_cipher ? pii.decrypt(phone_cipher) : null }, wechatIdentities: wechat, sessions };
    },

    /**
     * Replaces the member's name, phone and WeChat ids with tombstones, disables the account and
     * revokes every session. The row stays: orders, reviews and ledger lines point at it.
     */
    async anonymise(tx: Db, userId: string, now: Date): Promise<{ revokedSessions: number }> {
      const user = await t(tx).selectFrom('users').select(['phone_hash']).where('id', '=', userId).executeTakeFirst();
      await t(tx)
        .updateTable('users')
        .set({ display_name: ERASED_NAME, phone_cipher: null, phone_hash: null, phone_masked: null, password_hash: null, status: 'disabled', updated_at: now })
        .where('id', '=', userId)
        .execute();
      // The openid is part of the key, so it becomes a per-user tombstone; a later WeChat sign-in starts a new account.
      await t(tx).updateTable('wechat_identities').set({ open_id: `erased:${userId}`, union_id: null }).where('user_id', '=', userId).execute();
      if (user?.phone_hash) await t(tx).deleteFrom('login_attempts').where('phone_hash', '=', user.phone_hash).execute();
      const revoked = await t(tx).updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
      await t(tx).updateTable('sessions').set({ ip: null, user_agent: null }).where('user_id', '=', userId).execute();
      return { revokedSessions: Number(revoked.numUpdatedRows) };
    },

    requests: personalDataRequests,
  };
}

/** The deletion requests: one pending per member, cancellable until executed. */
export const personalDataRequests = {
  async findOpen(db: Db, userId: string): Promise<PersonalDataRequestRow | undefined> {
    return t(db).selectFrom('personal_data_requests').selectAll().where('user_id', '=', userId).where('status', '=', 'pending').executeTakeFirst();
  },

  async find(db: Db, id: string): Promise<PersonalDataRequestRow | undefined> {
    return t(db).selectFrom('personal_data_requests').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findForUpdate(db: Db, id: string): Promise<PersonalDataRequestRow | undefined> {
    return t(db).selectFrom('personal_data_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** The newest request of the member, whatever its status, for the shop's 我的 page. */
  async latest(db: Db, userId: string): Promise<PersonalDataRequestRow | undefined> {
    return t(db).selectFrom('personal_data_requests').selectAll().where('user_id', '=', userId).orderBy('requested_at', 'desc').limit(1).executeTakeFirst();
  },

  async insert(db: Db, input: { userId: string; now: Date; dueAt: Date }): Promise<PersonalDataRequestRow> {
    const row: PersonalDataRequestRow = {
      id: newId('pdr', input.now.getTime()),
      user_id: input.userId,
      kind: 'deletion',
      status: 'pending',
      requested_at: input.now,
      due_at: input.dueAt,
      cancelled_at: null,
      completed_at: null,
      completed_by: null,
      last_refusal: null,
      last_attempt_at: null,
    };
    await t(db).insertInto('personal_data_requests').values(row).execute();
    return row;
  },

  async cancel(db: Db, id: string, now: Date): Promise<boolean> {
    const result = await t(db).updateTable('personal_data_requests').set({ status: 'cancelled', cancelled_at: now }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async complete(db: Db, id: string, now: Date, by: string | null): Promise<void> {
    await t(db)
      .updateTable('personal_data_requests')
      .set({ status: 'completed', completed_at: now, completed_by: by, last_refusal: null, last_attempt_at: now })
      .where('id', '=', id)
      .execute();
  },

  async noteRefusal(db: Db, id: string, now: Date, refusal: string): Promise<void> {
    await t(db).updateTable('personal_data_requests').set({ last_refusal: refusal, last_attempt_at: now }).where('id', '=', id).execute();
  },

  async list(db: Db, query: { status?: PersonalDataRequestRow['status']; limit: number; offset: number }) {
    let base = t(db).selectFrom('personal_data_requests');
    if (query.status) base = base.where('status', '=', query.status);
    const items = await base.selectAll().orderBy('requested_at', 'desc').limit(query.limit).offset(query.offset).execute();
    const { count } = await base.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    return { items, total: Number(count) };
  },

  /** Pending requests past their cooling-off period, oldest first. */
  async due(db: Db, now: Date, limit: number): Promise<PersonalDataRequestRow[]> {
    return t(db).selectFrom('personal_data_requests').selectAll().where('status', '=', 'pending').where('due_at', '<=', now).orderBy('due_at').limit(limit).execute();
  },
};
