import { newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { businessDay } from './domain/calendar.ts';
import { pointsEarned, pointsToReverse, withinDailyCap, type PointAction, type PointsRule } from './domain/points.ts';
import type { GrowthErrorCode } from './growth-errors.ts';
import { pointsStore as store, toRule, type PointLineFilter, type PointLineRow } from './points-store.ts';

export interface PointLineView {
  id: string;
  memberId: string;
  action: string;
  causeId: string;
  points: number;
  reversesLineId: string | null;
  campaignId: string | null;
  createdAt: string;
}

export interface PointsRuleView extends PointsRule {
  updatedAt: string;
}

export const pointLineView = (row: PointLineRow): PointLineView => ({
  id: row.id,
  memberId: row.member_id,
  action: row.action,
  causeId: row.cause_id,
  points: Number(row.points),
  reversesLineId: row.reverses_line_id,
  campaignId: row.campaign_id,
  createdAt: row.created_at.toISOString(),
});

/** What a credit did: the points added (0 when a cap or a disabled rule left nothing), or a duplicate cause. */
export type CreditOutcome = { status: 'credited' | 'capped' | 'disabled'; points: bigint } | { status: 'duplicate'; points: 0n };

/**
 * The points ledger: every change is an appended line, idempotent on its cause (`order.paid:ord_…`),
 * with the member's balance and the daily counters moved in the same transaction under the member's
 * row lock. Nothing is ever updated or deleted; a refund appends a negative line naming the original.
 */
export function createPointsService(db: Db) {
  async function append(tx: Db, ctx: RequestContext, line: { memberId: string; action: PointLineRow['action']; causeId: string; points: bigint; reversesLineId?: string; campaignId?: string; at: Date }): Promise<void> {
    const now = ctx.clock.now();
    await store.insertLine(tx, {
      id: newId('gpl', now.getTime()),
      member_id: line.memberId,
      action: line.action,
      cause_id: line.causeId,
      points: line.points,
      reverses_line_id: line.reversesLineId ?? null,
      campaign_id: line.campaignId ?? null,
      day: businessDay(line.at.getTime()),
      created_at: now,
    });
    await store.addToMember(tx, line.memberId, { points: line.points }, now);
  }

  /** Credits an action's points once per cause, within the action's daily cap. Runs in the caller's transaction. */
  async function creditAction(tx: Db, ctx: RequestContext, input: { memberId: string; action: PointAction; causeId: string; amountFen?: bigint; at: Date }): Promise<CreditOutcome> {
    await store.lockMember(tx, input.memberId, ctx.clock.now());
    if (await store.lineByCause(tx, input.causeId)) return { status: 'duplicate', points: 0n };
    const rule = await store.rule(tx, input.action);
    if (!rule) throw new Error(`no points rule for ${input.action}`);
    const earned = pointsEarned(toRule(rule), input.amountFen);
    if (earned <= 0n) return { status: 'disabled', points: 0n };
    const day = businessDay(input.at.getTime());
    const points = withinDailyCap(earned, await store.earnedToday(tx, input.memberId, input.action, day), rule.daily_cap);
    if (points <= 0n) return { status: 'capped', points: 0n };
    await append(tx, ctx, { memberId: input.memberId, action: input.action, causeId: input.causeId, points, at: input.at });
    await store.addEarnedToday(tx, input.memberId, input.action, day, points);
    return { status: points < earned ? 'capped' : 'credited', points };
  }

  return {
    creditAction,

    /** `order.paid`: remember the order (for reviews and refunds) and credit the buyer's order points. */
    async orderPaid(tx: Db, ctx: RequestContext, order: { orderId: string; buyerId: string; payableFen: bigint; paidAt: Date }): Promise<CreditOutcome> {
      await store.recordOrder(tx, { orderId: order.orderId, buyerId: order.buyerId, payableFen: order.payableFen, paidAt: order.paidAt });
      return creditAction(tx, ctx, { memberId: order.buyerId, action: 'order', causeId: `order.paid:${order.orderId}`, amountFen: order.payableFen, at: order.paidAt });
    },

    /**
     * `order.refunded` (one after-sales case): takes back the refunded share of the order's points, once
     * per case. Returns the points taken back.
     */
    async orderRefunded(tx: Db, ctx: RequestContext, refund: { orderId: string; refundKey: string; refundFen: bigint; at: Date }): Promise<bigint> {
      const order = await store.order(tx, refund.orderId, true);
      if (!order || order.refund_keys.includes(refund.refundKey)) return 0n;
      await store.addRefund(tx, refund.orderId, refund.refundKey, refund.refundFen);
      const credited = await store.lineByCause(tx, `order.paid:${refund.orderId}`);
      if (!credited) return 0n;
      await store.lockMember(tx, credited.member_id, ctx.clock.now());
      const points = pointsToReverse({ creditedPoints: credited.points, reversedPoints: await store.reversalsOf(tx, credited.id), payableFen: order.payable_fen, refundedBeforeFen: order.refunded_fen, refundFen: refund.refundFen });
      if (points <= 0n) return 0n;
      await append(tx, ctx, { memberId: credited.member_id, action: 'order_refund', causeId: `order.refunded:${refund.orderId}:${refund.refundKey}`, points: -points, reversesLineId: credited.id, at: refund.at });
      return points;
    },

    /** `review.created`: the order's buyer earns review points, once per review. */
    async reviewCreated(tx: Db, ctx: RequestContext, review: { reviewId: string; orderId: string; at: Date }): Promise<CreditOutcome | 'unknown_order'> {
      const order = await store.order(tx, review.orderId);
      // An order paid before growth was running is unknown here: nobody to credit.
      if (!order) return 'unknown_order';
      return creditAction(tx, ctx, { memberId: order.buyer_id, action: 'review', causeId: `review.created:${review.reviewId}`, at: review.at });
    },

    /** A campaign's ladder step paid in points: no daily cap (the campaign budget bounds it), once per cause. */
    async creditCampaign(tx: Db, ctx: RequestContext, grant: { memberId: string; causeId: string; points: bigint; campaignId: string; at: Date }): Promise<void> {
      if (await store.lineByCause(tx, grant.causeId)) return;
      await append(tx, ctx, { memberId: grant.memberId, action: 'campaign', causeId: grant.causeId, points: grant.points, campaignId: grant.campaignId, at: grant.at });
    },

    async rules(): Promise<PointsRuleView[]> {
      return (await store.rules(db)).map((row) => ({ ...toRule(row), updatedAt: row.updated_at.toISOString() }));
    },

    /** Sets an action's points and daily cap. Audited. */
    async updateRule(ctx: RequestContext, rule: PointsRule): Promise<Result<PointsRuleView, GrowthErrorCode>> {
      return inTransaction(db, async (tx) => {
        const before = await store.rule(tx, rule.action, true);
        if (!before) throw new Error(`no points rule for ${rule.action}`);
        const updated = await store.updateRule(tx, rule.action === 'order' ? rule : { ...rule, pointsPerYuan: 0 }, ctx.actor?.userId ?? null, ctx.clock.now());
        await recordAudit(tx, ctx, { action: 'growth.point_rule_updated', entityType: 'growth_point_rule', entityId: `growth_point_rule:${rule.action}`, organizationId: null, before: toRule(before), after: toRule(updated) });
        return ok({ ...toRule(updated), updatedAt: updated.updated_at.toISOString() });
      });
    },

    async lines(filter: PointLineFilter, page: PageRequest): Promise<{ items: PointLineView[]; total: number }> {
      const { items, total } = await store.lines(db, filter, page);
      return { items: items.map(pointLineView), total };
    },

    async balanceOf(memberId: string): Promise<{ points: bigint; qualifiedInvites: number }> {
      const row = await store.member(db, memberId);
      return { points: row?.points_balance ?? 0n, qualifiedInvites: row?.qualified_invites ?? 0 };
    },
  };
}
export type PointsService = ReturnType<typeof createPointsService>;

