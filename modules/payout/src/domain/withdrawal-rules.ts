/** Configurable withdrawal rules, in fen and basis points (1 bps = 0.01%). */
export interface WithdrawalPolicy {
  /** Smallest amount a member may ask for. */
  readonly minimumAmountFen: bigint;
  /** Fee rate on the amount, charged on top of it. */
  readonly feeRateBps: number;
  /** The fee is never below this (when the rate gives less). */
  readonly minimumFeeFen: bigint;
  /** Sum of amounts one member may request per Beijing business day (rejected ones do not count). */
  readonly dailyCapFen: bigint;
  /** Amounts strictly above this need a second approval by a different finance user. */
  readonly secondApprovalAboveFen: bigint;
}

export const DEFAULT_WITHDRAWAL_POLICY: WithdrawalPolicy = {
  minimumAmountFen: 1_000n,
  feeRateBps: 60,
  minimumFeeFen: 100n,
  dailyCapFen: 2_000_000n,
  secondApprovalAboveFen: 500_000n,
};

/** Fee = ceil(amount × rate), never below the minimum fee; integer fen throughout. */
export function withdrawalFeeFen(policy: WithdrawalPolicy, amountFen: bigint): bigint {
  const byRate = (amountFen * BigInt(policy.feeRateBps) + 9_999n) / 10_000n;
  return byRate > policy.minimumFeeFen ? byRate : policy.minimumFeeFen;
}

export type WithdrawalRuleViolation = 'withdrawal_below_minimum' | 'withdrawal_daily_cap_exceeded';

export function checkWithdrawal(policy: WithdrawalPolicy, amountFen: bigint, requestedTodayFen: bigint): WithdrawalRuleViolation | null {
  if (amountFen < policy.minimumAmountFen) return 'withdrawal_below_minimum';
  if (requestedTodayFen + amountFen > policy.dailyCapFen) return 'withdrawal_daily_cap_exceeded';
  return null;
}

/** Withdrawal days and statement months follow the platform's Beijing calendar. */
export { beijingDate as beijingDay, beijingMonthRange } from '@linkmall/kernel';
