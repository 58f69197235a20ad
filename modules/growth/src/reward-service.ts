import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { businessDay } from './domain/calendar.ts';
import { canMove } from './domain/reward-state.ts';
import { campaignStore as store, type RewardFilter, type RewardRow } from './campaign-store.ts';
import type { GrowthErrorCode } from './growth-errors.ts';
import { growthEvent } from './growth-events.ts';
import type { CouponGrants, RewardMoney } from './growth-ports.ts';
import type { InviteEngine, WorkOutcome } from './invite-engine.ts';
import { inviteStore } from './invite-store.ts';

export interface RewardView {
  id: string;
  campaignId: string;
  memberId: string;
  inviteeId: string | null;
  orderId: string | null;
  kind: RewardRow['kind'];
  inviteOrdinal: number | null;
  ladderInvites: number | null;
  rateBps: number | null;
  unit: RewardRow['unit'];
  requestedAmount: number;
  grantedAmount: number;
  decision: RewardRow['decision'];
  limitedBy: string[];
  state: RewardRow['state'];
  couponTemplateId: string | null;
  couponId: string | null;
  giftNameZh: string | null;
  giftNameEn: string | null;
  failureCode: string | null;
  createdAt: string;
  updatedAt: string;
}

export const rewardView = (row: RewardRow): RewardView => ({
  id: row.id,
  campaignId: row.campaign_id,
  memberId: row.member_id,
  inviteeId: row.invitee_id,
  orderId: row.order_id,
  kind: row.kind,
  inviteOrdinal: row.invite_ordinal,
  ladderInvites: row.ladder_invites,
  rateBps: row.rate_bps,
  unit: row.unit,
  requestedAmount: Number(row.requested_amount),
  grantedAmount: Number(row.granted_amount),
  decision: row.decision,
  limitedBy: row.limited_by,
  state: row.state,
  couponTemplateId: row.coupon_template_id,
  couponId: row.coupon_id,
  giftNameZh: row.gift_name_zh,
  giftNameEn: row.gift_name_en,
  failureCode: row.failure_code,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export interface RewardRunReport {
  processed: number;
  waiting: number;
  settled: number;
  couponsIssued: number;
  couponsFailed: number;
  campaignsEnded: number;
}

const SETTLE_BATCH = 100;
const WORK_BATCH = 200;

/** Rewards after their decision: the scheduled work (queue, settlement, coupons) and the console's reads and gift shipping. */
export function createRewardService(deps: { db: Db; engine: InviteEngine; money: RewardMoney; coupons: CouponGrants; endExpired: (ctx: RequestContext) => Promise<number> }) {
  const { db, engine, money, coupons } = deps;

  /**
   * Works off the queued commerce facts in arrival order, up to `maxItems` a run; facts the
   * distribution engine has not seen yet are left waiting, and the run carries on behind them.
   */
  async function workQueue(ctx: RequestContext, maxItems = 5_000): Promise<{ processed: number; waiting: number }> {
    const outcomes: WorkOutcome[] = [];
    let cursor = 0n;
    while (outcomes.length < maxItems) {
      const batch = await inviteStore.pendingWork(db, cursor, Math.min(WORK_BATCH, maxItems - outcomes.length));
      for (const work of batch) outcomes.push(await engine.process(ctx, work));
      if (batch.length < WORK_BATCH) break;
      cursor = batch[batch.length - 1]!.sequence;
    }
    return { processed: outcomes.filter((outcome) => outcome !== 'waiting' && outcome !== 'skipped').length, waiting: outcomes.filter((outcome) => outcome === 'waiting').length };
  }

  /** Posts pending cash whose freeze has passed: 待结算 → 可提现, one batch per transaction. */
  async function settleDue(ctx: RequestContext): Promise<number> {
    const today = businessDay(ctx.clock.now().getTime());
    let settled = 0;
    for (;;) {
      const batch = await inTransaction(db, async (tx) => {
        const due = await inviteStore.dueForSettlement(tx, today, SETTLE_BATCH);
        for (const reward of due) {
          await money.settle(tx, ctx, { rewardId: reward.id, memberId: reward.member_id, amountFen: reward.granted_amount, orderId: reward.order_id!, campaignId: reward.campaign_id });
          await store.setRewardState(tx, reward.id, 'pending', { state: 'settled', updated_at: ctx.clock.now() });
          await publishEvent(tx, ctx, growthEvent('growth.reward_changed', reward.id, { rewardId: reward.id, campaignId: reward.campaign_id, memberId: reward.member_id, state: 'settled' }));
        }
        return due.length;
      });
      settled += batch;
      if (batch < SETTLE_BATCH) return settled;
    }
  }

  /**
   * Issues ladder coupons through the promotion module. The reward is marked `issuing` and committed
   * before the claim, so a crash in between leaves it visibly stuck rather than issued twice.
   */
  async function issueCoupons(ctx: RequestContext): Promise<{ issued: number; failed: number }> {
    let issued = 0;
    let failed = 0;
    for (const reward of await inviteStore.dueForIssue(db, 50)) {
      const claimed = await store.setRewardState(db, reward.id, 'to_issue', { state: 'issuing', updated_at: ctx.clock.now() });
      if (!claimed) continue;
      const result = await coupons.issue(ctx, { memberId: reward.member_id, couponTemplateId: reward.coupon_template_id! });
      await inTransaction(db, async (tx) => {
        const patch = result.ok ? { state: 'issued' as const, coupon_id: result.value.couponId } : { state: 'issue_failed' as const, failure_code: result.code };
        await store.setRewardState(tx, reward.id, 'issuing', { ...patch, updated_at: ctx.clock.now() });
        await publishEvent(tx, ctx, growthEvent('growth.reward_changed', reward.id, { rewardId: reward.id, campaignId: reward.campaign_id, memberId: reward.member_id, state: patch.state }));
      });
      if (result.ok) issued++;
      else failed++;
    }
    return { issued, failed };
  }

  return {
    workQueue,
    settleDue,
    issueCoupons,

    /** The growth.rewards job: end campaigns past their date, work the queue, settle, issue coupons. */
    async run(ctx: RequestContext): Promise<RewardRunReport> {
      const campaignsEnded = await deps.endExpired(ctx);
      const queue = await workQueue(ctx);
      const settled = await settleDue(ctx);
      const issued = await issueCoupons(ctx);
      return { ...queue, settled, couponsIssued: issued.issued, couponsFailed: issued.failed, campaignsEnded };
    },

    async list(filter: RewardFilter, page: PageRequest): Promise<{ items: RewardView[]; total: number }> {
      const { items, total } = await store.rewards(db, filter, page);
      return { items: items.map(rewardView), total };
    },

    /** Operations shipped a ladder gift. Audited. */
    async markShipped(ctx: RequestContext, id: string): Promise<Result<RewardView, GrowthErrorCode>> {
      return inTransaction(db, async (tx) => {
        const before = await store.reward(tx, id, true);
        if (!before) return err('growth_reward_not_found');
        if (!canMove(before.state, 'shipped')) return err('growth_reward_state_invalid', { state: before.state });
        const updated = (await store.setRewardState(tx, id, before.state, { state: 'shipped', updated_at: ctx.clock.now() }))!;
        await recordAudit(tx, ctx, { action: 'growth.reward_shipped', entityType: 'growth_reward', entityId: id, organizationId: null, before: { state: before.state }, after: { state: 'shipped' } });
        await publishEvent(tx, ctx, growthEvent('growth.reward_changed', id, { rewardId: id, campaignId: updated.campaign_id, memberId: updated.member_id, state: 'shipped' }));
        return ok(rewardView(updated));
      });
    },
  };
}
export type RewardService = ReturnType<typeof createRewardService>;
