import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { groupDeadline, transitionGroup, transitionMember, type GroupLifecycleStatus, type MemberStatus } from './domain/group-buy.ts';
import { promotionScope } from './coupon-store.ts';
import type { SkuDirectory } from './flash-sale-service.ts';
import { groupBuyStore as store, type ActivityRow, type GroupRow, type MemberRow } from './group-buy-store.ts';
import type { PromotionErrorCode } from './promotion-errors.ts';
import { promotionEvent } from './promotion-events.ts';

export interface NewGroupBuyActivity {
  readonly name: string;
  readonly skuId: string;
  readonly groupPriceFen: bigint;
  readonly groupSize: number;
  readonly timeLimitMinutes: number;
  readonly startsAt: Date;
  readonly endsAt: Date;
}

export interface GroupBuyActivityView {
  id: string;
  merchantId: string | null;
  name: string;
  skuId: string;
  productId: string;
  groupPriceFen: number;
  groupSize: number;
  timeLimitMinutes: number;
  startsAt: string;
  endsAt: string;
  status: 'active' | 'ended';
}

export interface GroupView {
  id: string;
  activityId: string;
  status: GroupLifecycleStatus;
  requiredMembers: number;
  seatsTaken: number;
  paidMembers: number;
  expiresAt: string;
  createdAt: string;
}

export interface MyGroupView extends GroupView {
  orderId: string;
  role: 'leader' | 'member';
  memberStatus: MemberStatus;
}

/** A paid seat in a failed group whose money has to go back. */
export interface DueRefund {
  readonly groupId: string;
  readonly orderId: string;
  readonly userId: string;
}

const activityView = (row: ActivityRow): GroupBuyActivityView => ({
  id: row.id,
  merchantId: row.merchant_id,
  name: row.name,
  skuId: row.sku_id,
  productId: row.product_id,
  groupPriceFen: Number(row.group_price_fen),
  groupSize: row.group_size,
  timeLimitMinutes: row.time_limit_minutes,
  startsAt: row.starts_at.toISOString(),
  endsAt: row.ends_at.toISOString(),
  status: row.status,
});

const groupView = (row: GroupRow): GroupView => ({
  id: row.id,
  activityId: row.activity_id,
  status: row.status,
  requiredMembers: row.required_members,
  seatsTaken: row.seats_taken,
  paidMembers: row.paid_members,
  expiresAt: row.expires_at.toISOString(),
  createdAt: row.created_at.toISOString(),
});

/** Refunds of a failed group are retried by the job at most this many times before someone must look. */
const MAX_REFUND_ATTEMPTS = 10;

export function createGroupBuyService(db: Db, skus: SkuDirectory) {
  /** Moves a group through the transition table; the statement is guarded by the same table. */
  async function moveGroup(tx: Db, group: GroupRow, event: Parameters<typeof transitionGroup>[1], now: Date): Promise<GroupLifecycleStatus | null> {
    const next = transitionGroup(group.status, event);
    if (!next.ok) return null;
    const finished = next.value === 'succeeded' || next.value === 'failed' || next.value === 'abandoned';
    return (await store.moveGroup(tx, group.id, event, next.value, finished ? now : null)) ? next.value : null;
  }

  async function moveMember(tx: Db, member: MemberRow, event: Parameters<typeof transitionMember>[1], set: Partial<Pick<MemberRow, 'paid_at' | 'refunded_at'>> = {}) {
    const next = transitionMember(member.status, event);
    if (!next.ok) return undefined;
    return store.moveMember(tx, member.order_id, event, next.value, set);
  }

  /**
   * The group row, then the seat, locked: the same order as the expiry job (group, then its seats),
   * so a payment and the job cannot deadlock.
   */
  async function lockSeat(tx: Db, orderId: string): Promise<{ seat: MemberRow; group: GroupRow } | undefined> {
    const unlocked = await store.memberOfOrder(tx, orderId);
    if (!unlocked) return undefined;
    const group = (await store.findGroup(tx, unlocked.group_id, { forUpdate: true }))!;
    const seat = (await store.memberOfOrder(tx, orderId, { forUpdate: true }))!;
    return { seat, group };
  }

  /** A failed group: every paid seat is due for a refund. */
  async function fail(tx: Db, ctx: RequestContext, group: GroupRow): Promise<void> {
    if (!(await moveGroup(tx, group, 'expire', ctx.clock.now()))) return;
    const due = await store.failPaidMembers(tx, group.id);
    await publishEvent(tx, ctx, promotionEvent('group_buy.failed', group.id, { groupId: group.id, activityId: group.activity_id, refundOrderIds: due.map((member) => member.order_id) }));
  }

  return {
    async createActivity(ctx: RequestContext, input: NewGroupBuyActivity): Promise<Result<GroupBuyActivityView, PromotionErrorCode>> {
      const scope = promotionScope(ctx.actor!.scope);
      if (scope === 'none') return err('promotion_not_found');
      const now = ctx.clock.now();
      if (input.endsAt <= input.startsAt || input.endsAt <= now) return err('promotion_window_invalid');
      const productId = (await skus.productsOfSkus([input.skuId])).get(input.skuId);
      if (!productId) return err('promotion_sku_not_available', { skuId: input.skuId });
      const row: ActivityRow = {
        id: newId('gba', now.getTime()),
        merchant_id: scope === 'all' ? null : scope.merchantId,
        name: input.name,
        sku_id: input.skuId,
        product_id: productId,
        group_price_fen: input.groupPriceFen,
        group_size: input.groupSize,
        time_limit_minutes: input.timeLimitMinutes,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        status: 'active',
        created_by: ctx.actor!.userId,
        created_at: now,
        updated_at: now,
      };
      await inTransaction(db, async (tx) => {
        await store.insertActivity(tx, row);
        await recordAudit(tx, ctx, { action: 'group_buy_activity.created', entityType: 'group_buy_activity', entityId: row.id, organizationId: row.merchant_id, before: null, after: activityView(row) });
        await publishEvent(tx, ctx, promotionEvent('group_buy_activity.created', row.id, { activityId: row.id, merchantId: row.merchant_id }));
      });
      return ok(activityView(row));
    },

    async listActivities(ctx: RequestContext, page: PageRequest) {
      const { rows, total } = await store.listActivities(db, ctx.actor!.scope, page);
      return { items: rows.map(activityView), total };
    },

    /** No new groups open; groups already running finish (or fail) as they would have. Audited. */
    async endActivity(ctx: RequestContext, id: string): Promise<Result<GroupBuyActivityView, PromotionErrorCode>> {
      return inTransaction(db, async (tx) => {
        if (!(await store.findActivity(tx, ctx.actor!.scope, id))) return err('promotion_not_found');
        const row = await store.endActivity(tx, id, ctx.clock.now());
        if (!row) return err('promotion_already_ended');
        await recordAudit(tx, ctx, { action: 'group_buy_activity.ended', entityType: 'group_buy_activity', entityId: id, organizationId: row.merchant_id, before: { status: 'active' }, after: { status: 'ended' } });
        await publishEvent(tx, ctx, promotionEvent('group_buy_activity.ended', id, { activityId: id, merchantId: row.merchant_id }));
        return ok(activityView(row));
      });
    },

    async running(ctx: RequestContext, merchantId: string | null, productId: string | null): Promise<GroupBuyActivityView[]> {
      return (await store.runningActivities(db, ctx.clock.now(), merchantId, productId)).map(activityView);
    },

    async joinableGroups(ctx: RequestContext, activityId: string): Promise<GroupView[]> {
      return (await store.joinableGroups(db, activityId, ctx.clock.now())).map(groupView);
    },

    async mine(ctx: RequestContext, page: PageRequest): Promise<{ items: MyGroupView[]; total: number }> {
      const { rows, total } = await store.groupsOfUser(db, ctx.actor!.userId, page);
      return { items: rows.map((row) => ({ ...groupView(row), orderId: row.member_order_id, role: row.member_role, memberStatus: row.member_status })), total };
    },

    /** Checkout: the group price of the offer's SKU, if the offer runs now in this channel. */
    async priceFor(tx: Db, ctx: RequestContext, activityId: string, skuId: string, merchantId: string | null): Promise<Result<bigint, PromotionErrorCode>> {
      const activity = await store.findActivity(tx, { kind: 'all' }, activityId);
      const now = ctx.clock.now();
      if (!activity || activity.status !== 'active' || now >= activity.ends_at || (activity.merchant_id !== null && activity.merchant_id !== merchantId)) return err('group_buy_not_found');
      if (now < activity.starts_at) return err('group_buy_not_started');
      if (activity.sku_id !== skuId) return err('group_buy_cart_invalid');
      return ok(activity.group_price_fen);
    },

    /**
     * Checkout: opens a group with the buyer as leader, or takes a seat in an open one with a guarded
     * increment (never more seats than the group size, never after its deadline). The seat is held
     * by the unpaid order and given back if it closes. In the checkout's transaction.
     */
    async join(tx: Db, ctx: RequestContext, orderId: string, input: { activityId: string; groupId?: string | null }): Promise<Result<string, PromotionErrorCode>> {
      const now = ctx.clock.now();
      const userId = ctx.actor!.userId;
      const activity = (await store.findActivity(tx, { kind: 'all' }, input.activityId))!;
      let groupId = input.groupId ?? null;
      if (!groupId) {
        groupId = newId('grp', now.getTime());
        await store.insertGroup(tx, {
          id: groupId,
          activity_id: activity.id,
          leader_user_id: userId,
          status: 'pending',
          required_members: activity.group_size,
          seats_taken: 1,
          paid_members: 0,
          expires_at: groupDeadline(now, activity.time_limit_minutes, activity.ends_at),
          created_at: now,
          finished_at: null,
        });
      } else if (!(await store.takeSeat(tx, groupId, activity.id, now))) {
        const group = await store.findGroup(tx, groupId);
        if (!group || group.activity_id !== activity.id) return err('group_not_found');
        if (group.status !== 'open') return err('group_closed');
        if (group.expires_at <= now) return err('group_expired');
        return err('group_full');
      }
      const seated = await store.insertMember(tx, {
        group_id: groupId,
        user_id: userId,
        order_id: orderId,
        role: input.groupId ? 'member' : 'leader',
        status: 'pending',
        joined_at: now,
        paid_at: null,
        refunded_at: null,
        refund_attempts: 0,
        last_refund_error: null,
      });
      if (!seated) return err('group_already_joined');
      return ok(groupId);
    },

    /** An unpaid order ended: its seat is given back; a leader who never paid abandons the group. */
    /** A group-buy order ships only once its group has succeeded: until then it may still be refunded whole. */
    async holdsShipping(tx: Db, orderId: string): Promise<boolean> {
      const member = await store.memberOfOrder(tx, orderId);
      if (!member) return false;
      const group = await store.findGroup(tx, member.group_id);
      return group?.status !== 'succeeded';
    },

    async releaseForOrder(tx: Db, ctx: RequestContext, orderId: string): Promise<void> {
      const member = await lockSeat(tx, orderId);
      if (!member || !(await moveMember(tx, member.seat, 'leave'))) return;
      const group = member.group;
      await store.freeSeat(tx, group.id);
      if (member.seat.role === 'leader') await moveGroup(tx, group, 'leader_left', ctx.clock.now());
    },

    /**
     * A paid order (from `order.paid`, delivered once): a group-buy seat becomes paid. The leader's
     * payment opens the group; the last seat's payment makes it succeed. A payment that comes after
     * the group ended or its deadline passed is due for a refund instead.
     */
    async recordPayment(tx: Db, ctx: RequestContext, orderId: string): Promise<void> {
      const locked = await lockSeat(tx, orderId);
      if (!locked || locked.seat.status !== 'pending') return;
      const { seat: member, group } = locked;
      const now = ctx.clock.now();
      const paid = await moveMember(tx, member, 'pay', { paid_at: now });
      if (!paid) return;
      const seatable = (group.status === 'pending' || group.status === 'open') && now < group.expires_at;
      if (!seatable) {
        // Too late: the group is over. If it already failed, nobody else will refund this payment.
        if (group.status === 'failed' || group.status === 'abandoned' || group.status === 'succeeded') await moveMember(tx, paid, 'group_failed');
        return;
      }
      let current = await store.countPaid(tx, group.id);
      if (member.role === 'leader' && current.status === 'pending') {
        await moveGroup(tx, current, 'leader_paid', now);
        await publishEvent(tx, ctx, promotionEvent('group_buy.opened', group.id, { groupId: group.id, activityId: group.activity_id, leaderUserId: member.user_id }));
        current = { ...current, status: 'open' };
      }
      if (current.paid_members >= current.required_members && (await moveGroup(tx, current, 'filled', now))) {
        const members = await store.membersOf(tx, [group.id]);
        const orderIds = members.filter((seat) => seat.status === 'paid').map((seat) => seat.order_id);
        await publishEvent(tx, ctx, promotionEvent('group_buy.succeeded', group.id, { groupId: group.id, activityId: group.activity_id, orderIds }));
      }
    },

    /** Scheduled: groups past their deadline fail and their paid seats become due for refunds; returns how many failed. */
    async expireDue(ctx: RequestContext, batchSize = 100): Promise<number> {
      return inTransaction(db, async (tx) => {
        const groups = await store.claimExpired(tx, ctx.clock.now(), batchSize);
        for (const group of groups) await fail(tx, ctx, group);
        return groups.length;
      });
    },

    async refundsDue(batchSize = 100): Promise<DueRefund[]> {
      return (await store.refundsDue(db, batchSize, MAX_REFUND_ATTEMPTS)).map((member) => ({ groupId: member.group_id, orderId: member.order_id, userId: member.user_id }));
    },

    /** The refund of a failed group's seat went through: recorded once. */
    async markRefunded(ctx: RequestContext, orderId: string): Promise<boolean> {
      return inTransaction(db, async (tx) => {
        const member = await store.memberOfOrder(tx, orderId, { forUpdate: true });
        if (!member) return false;
        const refunded = await moveMember(tx, member, 'refunded', { refunded_at: ctx.clock.now() });
        if (!refunded) return false;
        await publishEvent(tx, ctx, promotionEvent('group_buy.member_refunded', member.group_id, { groupId: member.group_id, orderId, userId: member.user_id }));
        return true;
      });
    },

    async noteRefundFailure(orderId: string, error: string): Promise<void> {
      await store.noteRefundFailure(db, orderId, error);
    },
  };
}
export type GroupBuyService = ReturnType<typeof createGroupBuyService>;
