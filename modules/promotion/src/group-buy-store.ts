import { sql, countRows, pageWindow, type Db, type PageRequest } from '@linkmall/db';
import type { DataScope } from '@linkmall/kernel';
import type { Kysely, Selectable } from 'kysely';
import { promotionScope } from './coupon-store.ts';
import { groupStatusesAccepting, memberStatusesAccepting, type GroupEvent, type GroupLifecycleStatus, type MemberEvent, type MemberStatus } from './domain/group-buy.ts';
import type { GroupBuyActivityTable, GroupBuyGroupTable, GroupBuyMemberTable, PromotionTables } from './promotion-tables.ts';

/** The only file that touches the group-buy tables. */
const t = (db: Db) => db as Kysely<PromotionTables>;

export type ActivityRow = Selectable<GroupBuyActivityTable>;
export type GroupRow = Selectable<GroupBuyGroupTable>;
export type MemberRow = Selectable<GroupBuyMemberTable>;

function scopedActivities(db: Db, scope: DataScope) {
  const visible = promotionScope(scope);
  let query = t(db).selectFrom('group_buy_activities');
  if (visible === 'none') query = query.where(sql<boolean>`false`);
  else if (visible !== 'all') query = query.where('merchant_id', '=', visible.merchantId);
  return query;
}

export const groupBuyStore = {
  async insertActivity(db: Db, row: ActivityRow): Promise<void> {
    await t(db).insertInto('group_buy_activities').values(row).execute();
  },

  async listActivities(db: Db, scope: DataScope, page: PageRequest) {
    const query = scopedActivities(db, scope);
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { rows, total };
  },

  async findActivity(db: Db, scope: DataScope, id: string): Promise<ActivityRow | undefined> {
    return scopedActivities(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
  },

  async endActivity(db: Db, id: string, now: Date): Promise<ActivityRow | undefined> {
    return t(db).updateTable('group_buy_activities').set({ status: 'ended', updated_at: now }).where('id', '=', id).where('status', '=', 'active').returningAll().executeTakeFirst();
  },

  /** Running offers in a channel, optionally for one product. */
  async runningActivities(db: Db, now: Date, merchantId: string | null, productId: string | null): Promise<ActivityRow[]> {
    let query = t(db).selectFrom('group_buy_activities').selectAll().where('status', '=', 'active').where('starts_at', '<=', now).where('ends_at', '>', now);
    query = merchantId ? query.where((eb) => eb.or([eb('merchant_id', 'is', null), eb('merchant_id', '=', merchantId)])) : query.where('merchant_id', 'is', null);
    if (productId) query = query.where('product_id', '=', productId);
    return query.orderBy('ends_at').limit(50).execute();
  },

  /** Groups others can still join: open, before the deadline, with a free seat; fullest first. */
  async joinableGroups(db: Db, activityId: string, now: Date): Promise<GroupRow[]> {
    return t(db)
      .selectFrom('group_buy_groups')
      .selectAll()
      .where('activity_id', '=', activityId)
      .where('status', '=', 'open')
      .where('expires_at', '>', now)
      .whereRef('seats_taken', '<', 'required_members')
      .orderBy('paid_members', 'desc')
      .orderBy('expires_at')
      .limit(20)
      .execute();
  },

  async findGroup(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<GroupRow | undefined> {
    const query = t(db).selectFrom('group_buy_groups').selectAll().where('id', '=', id);
    return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  },

  async insertGroup(db: Db, row: GroupRow): Promise<void> {
    await t(db).insertInto('group_buy_groups').values(row).execute();
  },

  /** A seat in an open group, guarded in the statement: never more seats than members wanted, never after the deadline. */
  async takeSeat(db: Db, groupId: string, activityId: string, now: Date): Promise<boolean> {
    const result = await t(db)
      .updateTable('group_buy_groups')
      .set((eb) => ({ seats_taken: eb('seats_taken', '+', 1) }))
      .where('id', '=', groupId)
      .where('activity_id', '=', activityId)
      .where('status', '=', 'open')
      .where('expires_at', '>', now)
      .whereRef('seats_taken', '<', 'required_members')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async freeSeat(db: Db, groupId: string): Promise<void> {
    await t(db).updateTable('group_buy_groups').set((eb) => ({ seats_taken: eb('seats_taken', '-', 1) })).where('id', '=', groupId).where('seats_taken', '>', 0).execute();
  },

  async countPaid(db: Db, groupId: string): Promise<GroupRow> {
    return t(db).updateTable('group_buy_groups').set((eb) => ({ paid_members: eb('paid_members', '+', 1) })).where('id', '=', groupId).returningAll().executeTakeFirstOrThrow();
  },

  /** Applies a lifecycle event to a group, guarded by the statuses the transition table accepts it from. */
  async moveGroup(db: Db, groupId: string, event: GroupEvent, to: GroupLifecycleStatus, finishedAt: Date | null): Promise<boolean> {
    const result = await t(db)
      .updateTable('group_buy_groups')
      .set({ status: to, ...(finishedAt ? { finished_at: finishedAt } : {}) })
      .where('id', '=', groupId)
      .where('status', 'in', groupStatusesAccepting(event))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** A seat for this buyer; false when they already hold one in the group (the partial unique index decides, race-free). */
  async insertMember(db: Db, row: MemberRow): Promise<boolean> {
    const inserted = await t(db)
      .insertInto('group_buy_members')
      .values(row)
      .onConflict((oc) => oc.columns(['group_id', 'user_id']).where('status', '<>', 'left').doNothing())
      .returning('order_id')
      .executeTakeFirst();
    return inserted !== undefined;
  },

  async memberOfOrder(db: Db, orderId: string, options: { forUpdate?: boolean } = {}): Promise<MemberRow | undefined> {
    const query = t(db).selectFrom('group_buy_members').selectAll().where('order_id', '=', orderId);
    return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  },

  async membersOf(db: Db, groupIds: readonly string[]): Promise<MemberRow[]> {
    if (groupIds.length === 0) return [];
    return t(db).selectFrom('group_buy_members').selectAll().where('group_id', 'in', groupIds).orderBy('joined_at').execute();
  },

  /** Applies a lifecycle event to a member's seat, guarded like {@link moveGroup}. */
  async moveMember(db: Db, orderId: string, event: MemberEvent, to: MemberStatus, set: Partial<Pick<MemberRow, 'paid_at' | 'refunded_at'>> = {}): Promise<MemberRow | undefined> {
    return t(db)
      .updateTable('group_buy_members')
      .set({ status: to, ...set })
      .where('order_id', '=', orderId)
      .where('status', 'in', memberStatusesAccepting(event))
      .returningAll()
      .executeTakeFirst();
  },

  /** Every paid seat of a failed group becomes due for a refund; the orders whose seats moved. */
  async failPaidMembers(db: Db, groupId: string): Promise<MemberRow[]> {
    return t(db)
      .updateTable('group_buy_members')
      .set({ status: 'refund_due' })
      .where('group_id', '=', groupId)
      .where('status', 'in', memberStatusesAccepting('group_failed'))
      .returningAll()
      .execute();
  },

  /** Open or pending groups past their deadline, locked and skipped by a concurrent job. */
  async claimExpired(db: Db, now: Date, limit: number): Promise<GroupRow[]> {
    return t(db)
      .selectFrom('group_buy_groups')
      .selectAll()
      .where('status', 'in', groupStatusesAccepting('expire'))
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  },

  async refundsDue(db: Db, limit: number, maxAttempts: number): Promise<MemberRow[]> {
    return t(db).selectFrom('group_buy_members').selectAll().where('status', '=', 'refund_due').where('refund_attempts', '<', maxAttempts).orderBy('joined_at').limit(limit).execute();
  },

  async noteRefundFailure(db: Db, orderId: string, error: string): Promise<void> {
    await t(db)
      .updateTable('group_buy_members')
      .set((eb) => ({ refund_attempts: eb('refund_attempts', '+', 1), last_refund_error: error.slice(0, 200) }))
      .where('order_id', '=', orderId)
      .execute();
  },

  async groupsOfUser(db: Db, userId: string, page: PageRequest) {
    const query = t(db).selectFrom('group_buy_members').innerJoin('group_buy_groups', 'group_buy_groups.id', 'group_buy_members.group_id').where('group_buy_members.user_id', '=', userId);
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([
      query
        .selectAll('group_buy_groups')
        .select(['group_buy_members.order_id as member_order_id', 'group_buy_members.status as member_status', 'group_buy_members.role as member_role'])
        .orderBy('group_buy_members.joined_at', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      countRows(query),
    ]);
    return { rows, total };
  },

  async activitiesByIds(db: Db, ids: readonly string[]): Promise<ActivityRow[]> {
    if (ids.length === 0) return [];
    return t(db).selectFrom('group_buy_activities').selectAll().where('id', 'in', ids).execute();
  },
};
