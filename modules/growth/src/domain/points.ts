/** Points (能量值) for member actions: pure rules, no I/O. */
export const POINT_ACTIONS = ['share', 'review', 'order'] as const;
export type PointAction = (typeof POINT_ACTIONS)[number];

export interface PointsRule {
  readonly action: PointAction;
  readonly enabled: boolean;
  /** Points per occurrence. */
  readonly points: number;
  /** Orders only: extra points per whole yuan paid. */
  readonly pointsPerYuan: number;
  /** Most points one member earns from this action in a business day; null means no limit. */
  readonly dailyCap: number | null;
}

/** What one occurrence earns before the daily cap (an order also by its amount, in whole yuan). */
export function pointsEarned(rule: PointsRule, amountFen: bigint = 0n): bigint {
  if (!rule.enabled) return 0n;
  const perYuan = rule.action === 'order' ? BigInt(rule.pointsPerYuan) * (amountFen / 100n) : 0n;
  return BigInt(rule.points) + perYuan;
}

/** What the daily cap leaves of an occurrence's points, given what the member already earned today. */
export function withinDailyCap(earned: bigint, earnedToday: bigint, dailyCap: number | null): bigint {
  if (dailyCap === null) return earned;
  const room = BigInt(dailyCap) - earnedToday;
  return room <= 0n ? 0n : earned < room ? earned : room;
}

export interface RefundFacts {
  /** Points the order credited. */
  readonly creditedPoints: bigint;
  /** Points already taken back by earlier refunds of the order. */
  readonly reversedPoints: bigint;
  readonly payableFen: bigint;
  readonly refundedBeforeFen: bigint;
  readonly refundFen: bigint;
}

/**
 * Points a refund takes back: the refunded share of the order's points, floored, so that partial
 * refunds add up to exactly the credited points once the whole order is refunded (never more).
 */
export function pointsToReverse(facts: RefundFacts): bigint {
  if (facts.creditedPoints <= 0n) return 0n;
  const refunded = facts.refundedBeforeFen + facts.refundFen;
  const target = facts.payableFen <= 0n || refunded >= facts.payableFen ? facts.creditedPoints : (facts.creditedPoints * refunded) / facts.payableFen;
  const due = target - facts.reversedPoints;
  return due > 0n ? due : 0n;
}
