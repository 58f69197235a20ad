/**
 * Every cash reward of a campaign passes the active distribution profile's compliance caps and the
 * campaign's budget, in a fixed order: payees per order, payout ratio per order, the payee's daily
 * then monthly income, then the budget. A reward that would break one is reduced to what is left, or
 * refused when nothing is, and the decision keeps every limit that cut it. Pure, so it can be tested
 * exhaustively (test/reward-caps.property.test.ts).
 */
export interface CashLimits {
  /** Distinct people paid on one order, distribution and growth rewards together. */
  readonly maxPayeesPerOrder: number | null;
  /** Everything paid on one order as a share of its amount. */
  readonly maxPayoutRatioBps: number | null;
  readonly dailyIncomeCapFen: bigint | null;
  readonly monthlyIncomeCapFen: bigint | null;
}

export type LimitReason = 'payee_cap' | 'payout_ratio_cap' | 'daily_income_cap' | 'monthly_income_cap' | 'budget';

export interface CashRewardFacts {
  readonly requestedFen: bigint;
  readonly payeeId: string;
  readonly order: {
    readonly amountFen: bigint;
    /** Everyone already paid on the order (distribution reward lines and earlier growth rewards). */
    readonly payeeIds: readonly string[];
    /** Everything already credited on the order. */
    readonly creditedFen: bigint;
  };
  /** The payee's gross income already credited in the reward's business day and month. */
  readonly income: { readonly dayFen: bigint; readonly monthFen: bigint };
  readonly budgetRemainingFen: bigint;
  readonly limits: CashLimits;
}

export interface CappedReward {
  readonly grantedFen: bigint;
  readonly limitedBy: LimitReason[];
}

const atLeastZero = (value: bigint) => (value > 0n ? value : 0n);

export function capCashReward(facts: CashRewardFacts): CappedReward {
  const limitedBy: LimitReason[] = [];
  let amount = facts.requestedFen > 0n ? facts.requestedFen : 0n;
  const limit = (reason: LimitReason, room: bigint) => {
    if (amount > 0n && amount > room) {
      amount = atLeastZero(room);
      limitedBy.push(reason);
    }
  };
  const { limits, order } = facts;
  // A payee already paid on the order takes no new position; anyone else needs a free one.
  const payees = new Set(order.payeeIds);
  if (limits.maxPayeesPerOrder !== null && !payees.has(facts.payeeId) && payees.size >= limits.maxPayeesPerOrder) limit('payee_cap', 0n);
  if (limits.maxPayoutRatioBps !== null) limit('payout_ratio_cap', (order.amountFen * BigInt(limits.maxPayoutRatioBps)) / 10_000n - order.creditedFen);
  if (limits.dailyIncomeCapFen !== null) limit('daily_income_cap', limits.dailyIncomeCapFen - facts.income.dayFen);
  if (limits.monthlyIncomeCapFen !== null) limit('monthly_income_cap', limits.monthlyIncomeCapFen - facts.income.monthFen);
  limit('budget', facts.budgetRemainingFen);
  return { grantedFen: amount, limitedBy };
}

/** A reward that cannot be split (a coupon, a gift) is granted whole within the budget or refused. */
export function capWholeReward(costAmount: bigint, budgetRemaining: bigint): CappedReward {
  return costAmount <= budgetRemaining ? { grantedFen: costAmount, limitedBy: [] } : { grantedFen: 0n, limitedBy: ['budget'] };
}

export type RewardDecision = 'granted' | 'reduced' | 'refused';

export function decisionOf(requested: bigint, granted: bigint): RewardDecision {
  return granted <= 0n ? 'refused' : granted < requested ? 'reduced' : 'granted';
}

/** floor(amount × rate), the rounding of the distribution profile (§6.1). */
export function applyRateBps(amountFen: bigint, rateBps: number): bigint {
  return (amountFen * BigInt(rateBps)) / 10_000n;
}
