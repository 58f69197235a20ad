import type { Db } from '@linkmall/db';
import type { RequestContext, Result } from '@linkmall/kernel';
import type { CashLimits } from './domain/reward-caps.ts';

/**
 * What the growth module needs from outside, as small ports with the implementations in flows/
 * (growth-ports.ts there): distribution facts for the compliance caps, the ledger for cash, the
 * promotion module for coupons. Reads run outside any transaction (the invite job reads first, then
 * writes), so an embedded single-connection database never waits on itself; the income read and write
 * take the caller's transaction.
 */
export interface DistributionFacts {
  /** The member's 链动 referrer (the invite binding, 锁粉), or null. */
  referrerOf(memberId: string): Promise<string | null>;
  /** The active profile's caps and freeze days (the shipped default profile's when none is active). */
  limits(): Promise<GrowthLimits>;
  /**
   * What the distribution engine credited on an order: its payees and the sum. `not_ready` while the
   * engine has still to process the order's payment event (`eventId`), so nothing is decided on a
   * half-known order.
   */
  orderCredits(orderId: string, eventId: string): Promise<OrderCredits | 'not_ready'>;
  /**
   * A payee's gross income counted against the daily and monthly caps on the business day of `atMs`
   * (the engine's credits and every campaign's cash), read in `tx` under the lock the engine takes on
   * that payee, so the two never spend the same remaining cap.
   */
  lockedIncome(tx: Db, payeeId: string, atMs: number): Promise<{ dayFen: bigint; monthFen: bigint }>;
  /** Counts cash a campaign pays against the same caps, in `tx`. */
  recordIncome(tx: Db, payeeId: string, atMs: number, amountFen: bigint): Promise<void>;
}

export interface GrowthLimits extends CashLimits {
  /** Days a reward stays pending after the order's after-sales window closed. */
  readonly freezeDays: number;
}

export interface OrderCredits {
  readonly payeeIds: readonly string[];
  readonly creditedFen: bigint;
}

export interface CashReward {
  readonly rewardId: string;
  readonly memberId: string;
  readonly amountFen: bigint;
  readonly orderId: string;
  readonly campaignId: string;
}

/**
 * The commission path of the ledger (docs/chart-of-accounts.md): pending at qualification, posted to
 * 可提现 after the freeze, voided by a refund before that, clawed back after. Each call writes in the
 * caller's transaction and is idempotent on the reward id; a refusal throws and rolls it all back.
 */
export interface RewardMoney {
  accrue(tx: Db, ctx: RequestContext, reward: CashReward): Promise<void>;
  settle(tx: Db, ctx: RequestContext, reward: CashReward): Promise<void>;
  void(tx: Db, ctx: RequestContext, reward: CashReward): Promise<void>;
  clawBack(tx: Db, ctx: RequestContext, reward: CashReward): Promise<void>;
}

/** Issues a coupon of a template to a member (the promotion module's own claim, in its own transaction). */
export interface CouponGrants {
  issue(ctx: RequestContext, grant: { readonly memberId: string; readonly couponTemplateId: string }): Promise<Result<{ couponId: string }, string>>;
}

/** Defaults for tests and deployments without distribution: no referrers, no caps beyond the budget. */
export const noDistribution: DistributionFacts = {
  referrerOf: async () => null,
  limits: async () => ({ maxPayeesPerOrder: null, maxPayoutRatioBps: null, dailyIncomeCapFen: null, monthlyIncomeCapFen: null, freezeDays: 0 }),
  orderCredits: async () => ({ payeeIds: [], creditedFen: 0n }),
  lockedIncome: async () => ({ dayFen: 0n, monthFen: 0n }),
  recordIncome: async () => undefined,
};

export const noCoupons: CouponGrants = {
  issue: async () => ({ ok: false, code: 'coupons_not_wired' }),
};
