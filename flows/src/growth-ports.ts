import { sql, type Db } from '@linkmall/db';
import { DEFAULT_PROFILE, type DistributionService } from '@linkmall/distribution';
import type { CouponGrants, DistributionFacts, GrowthLimits, RewardMoney } from '@linkmall/growth';
import { accrueCommission, applyTransfers, clawBack, SETTLE_MOVE_SUFFIX, settleCommission, voidCommission, type TransferInput } from '@linkmall/ledger';
import type { PromotionService } from '@linkmall/promotion';
import { err, ok, type RequestContext } from '@linkmall/kernel';

/** The commission subscriber whose delivery of an `order.paid` means the engine has credited that order (commission-flow.ts). */
const DISTRIBUTION_ORDER_PAID = 'distribution.order-paid';
const LINES_PAGE = 1_000;

/**
 * Growth campaigns read the 链动2+1 engine through its public service: the invitee's referrer is the
 * inviter, the active profile's limits are the caps every cash reward stays within, and the lines it
 * credited on an order count against the same per-order caps.
 */
export function growthDistributionFacts(db: Db, distribution: DistributionService): DistributionFacts {
  return {
    async referrerOf(memberId) {
      return (await distribution.members.get(memberId))?.referrerId ?? null;
    },
    async limits(): Promise<GrowthLimits> {
      // No active profile yet: the shipped compliant default's caps, never none.
      const profile = (await distribution.profiles.active())?.profile ?? DEFAULT_PROFILE;
      return { ...profile.limits, freezeDays: profile.settlement.freezeDays };
    },
    async orderCredits(orderId, eventId) {
      // Until the commission subscriber has delivered this very payment event, its credits are unknown.
      const pending = await sql<{ status: string }>`
        select status from outbox_deliveries where event_id = ${eventId} and subscriber = ${DISTRIBUTION_ORDER_PAID} and status = 'pending'`.execute(db);
      if (pending.rows.length > 0) return 'not_ready';
      const { items } = await distribution.rewards.lines({ orderId }, { page: 1, pageSize: LINES_PAGE });
      // Original credits only: a later reversal or clawback does not free the order's caps.
      const credited = items.filter((line) => !line.kind.startsWith('CLAWBACK_'));
      return { payeeIds: [...new Set(credited.map((line) => line.payeeId))], creditedFen: credited.reduce((sum, line) => sum + line.amountFen, 0n) };
    },
    lockedIncome: (tx, payeeId, atMs) => distribution.income.lockedFor(tx, payeeId, atMs),
    recordIncome: (tx, payeeId, atMs, amountFen) => distribution.income.addExternal(tx, payeeId, atMs, amountFen),
  };
}

const CODE = 'commission.growth_invite';
const transferId = (rewardId: string) => `growth:${rewardId}`;

async function apply(tx: Db, ctx: RequestContext, transfers: TransferInput[]): Promise<void> {
  // Any refusal throws and rolls the caller's whole transaction back: the reward and its money go together.
  const applied = await applyTransfers(tx, ctx, transfers, { callerRollsBackOnError: true });
  if (!applied.ok) throw new Error(`ledger refused the growth transfers: ${applied.code} ${JSON.stringify(applied.details ?? {})}`);
}

/**
 * Growth cash takes the commission path of the chart of accounts: pending (待结算) when the invite
 * qualifies, posted to 可提现 after the freeze, voided by a refund before, clawed back after. Members
 * withdraw it like any commission. Transfer ids derive from the reward id, so a retry moves nothing twice.
 */
export const growthLedgerMoney: RewardMoney = {
  async accrue(tx, ctx, reward) {
    await apply(tx, ctx, [
      accrueCommission({ id: transferId(reward.rewardId), memberId: reward.memberId, amountFen: reward.amountFen, code: CODE, causeType: 'order', causeId: reward.orderId, memo: { kind: 'GROWTH_INVITE', campaignId: reward.campaignId, rewardId: reward.rewardId } }),
    ]);
  },
  async settle(tx, ctx, reward) {
    await apply(tx, ctx, settleCommission({ pendingId: transferId(reward.rewardId), memberId: reward.memberId, amountFen: reward.amountFen }));
  },
  async void(tx, ctx, reward) {
    await apply(tx, ctx, [voidCommission(transferId(reward.rewardId))]);
  },
  async clawBack(tx, ctx, reward) {
    const outcome = await clawBack(tx, ctx, {
      id: `${transferId(reward.rewardId)}:clawback`,
      memberId: reward.memberId,
      amountFen: reward.amountFen,
      reversesId: `${transferId(reward.rewardId)}${SETTLE_MOVE_SUFFIX}`,
      causeType: 'order',
      causeId: reward.orderId,
      memo: { kind: 'GROWTH_INVITE_CLAWBACK', rewardId: reward.rewardId },
    });
    if (!outcome.ok) throw new Error(`ledger refused the growth clawback of ${reward.rewardId}: ${outcome.code}`);
  },
};

/**
 * A ladder coupon is claimed on the member's behalf through the promotion module's own claim (its
 * per-user limit and stock checks apply), as that member with no permissions of its own.
 */
export function growthCouponGrants(promotion: PromotionService): CouponGrants {
  return {
    async issue(ctx, grant) {
      const actor = { userId: grant.memberId, sessionId: 'growth-ladder', displayName: 'growth-ladder', organizationId: null, organizationKind: null, roles: [], permissions: new Set<string>(), scope: { kind: 'self' as const, userId: grant.memberId } };
      const claimed = await promotion.coupons.claim({ ...ctx, actor }, grant.couponTemplateId);
      return claimed.ok ? ok({ couponId: claimed.value.id }) : err(claimed.code);
    },
  };
}
