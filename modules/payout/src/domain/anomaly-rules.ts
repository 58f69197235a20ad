/**
 * Team-health rules (团队健康度): pure functions from facts to findings. Each finding names a subject
 * (so a re-run finds the same one and adds nothing), the members it concerns and the evidence a
 * reviewer needs to decide.
 */
import { beijingDate } from '@linkmall/kernel';
export const ANOMALY_RULES = ['signup_burst', 'shared_phone', 'shared_device', 'shared_address', 'shared_payment_account', 'self_dealing', 'refund_after_upgrade'] as const;
export type AnomalyRule = (typeof ANOMALY_RULES)[number];

export type Evidence = Record<string, string | number | boolean | null | readonly string[]>;

export interface Finding {
  readonly rule: AnomalyRule;
  readonly subjectKey: string;
  readonly memberIds: readonly string[];
  readonly evidence: Evidence;
}

export interface AnomalyThresholds {
  /** N bindings under one referrer within M minutes is a burst. */
  readonly burstCount: number;
  readonly burstWindowMinutes: number;
  /** This many distinct members sharing one phone, device, address or payee account is suspicious. */
  readonly sharedMinMembers: number;
  /** Orders of a buyer and of their upline shipped to one address within this window: self-dealing. */
  readonly selfDealingWindowMinutes: number;
  /** How far up the referrer chain self-dealing is looked for. */
  readonly selfDealingDepth: number;
  /**
   * How far back an upgrade is matched against today's refunds: a package is typically refunded days
   * after it was paid (within the after-sales window), long after the detection period began.
   */
  readonly upgradeLookbackDays: number;
}

export const DEFAULT_ANOMALY_THRESHOLDS: AnomalyThresholds = {
  burstCount: 10,
  burstWindowMinutes: 10,
  sharedMinMembers: 3,
  selfDealingWindowMinutes: 24 * 60,
  selfDealingDepth: 3,
  upgradeLookbackDays: 45,
};

export interface Binding {
  readonly memberId: string;
  readonly referrerId: string;
  readonly boundAt: Date;
}

/** Bursts: for each referrer, the first window of M minutes holding at least N bindings (maximal run). */
export function signupBursts(bindings: readonly Binding[], thresholds: AnomalyThresholds): Finding[] {
  const byReferrer = groupBy(bindings, (binding) => binding.referrerId);
  const windowMs = thresholds.burstWindowMinutes * 60_000;
  const findings: Finding[] = [];
  for (const [referrerId, list] of byReferrer) {
    const sorted = [...list].sort((a, b) => a.boundAt.getTime() - b.boundAt.getTime());
    let start = 0;
    let best: Binding[] | null = null;
    for (let end = 0; end < sorted.length; end++) {
      while (sorted[end]!.boundAt.getTime() - sorted[start]!.boundAt.getTime() > windowMs) start++;
      const size = end - start + 1;
      if (size >= thresholds.burstCount && (!best || size > best.length)) best = sorted.slice(start, end + 1);
    }
    if (!best) continue;
    const from = best[0]!.boundAt;
    findings.push({
      rule: 'signup_burst',
      // One finding per referrer and Beijing day of the burst's start, so a later burst is a new finding.
      subjectKey: `${referrerId}:${beijingDate(from)}`,
      memberIds: [referrerId, ...best.map((binding) => binding.memberId)],
      evidence: {
        referrerId,
        bindings: best.length,
        windowMinutes: thresholds.burstWindowMinutes,
        from: from.toISOString(),
        to: best.at(-1)!.boundAt.toISOString(),
        boundMemberIds: best.map((binding) => binding.memberId),
      },
    });
  }
  return findings;
}

export type SharedKind = 'phone' | 'device' | 'address' | 'payment_account';

export interface SharedValue {
  readonly memberId: string;
  /** A keyed hash (or opaque id): the evidence never carries the value itself. */
  readonly valueHash: string;
  /** Where the value was seen, e.g. an order or withdrawal id. */
  readonly source: string;
}

/** Many distinct members behind one phone, device, address or payee account. */
export function sharedValues(kind: SharedKind, values: readonly SharedValue[], thresholds: AnomalyThresholds): Finding[] {
  const findings: Finding[] = [];
  for (const [valueHash, list] of groupBy(values, (value) => value.valueHash)) {
    const members = [...new Set(list.map((value) => value.memberId))].sort();
    if (members.length < thresholds.sharedMinMembers) continue;
    findings.push({
      rule: `shared_${kind}` as AnomalyRule,
      subjectKey: valueHash.slice(0, 64),
      memberIds: members,
      evidence: { kind, valueHashPrefix: valueHash.slice(0, 12), members: members.length, sources: [...new Set(list.map((value) => value.source))].slice(0, 50) },
    });
  }
  return findings;
}

export interface PaidOrderFact {
  readonly orderId: string;
  readonly buyerId: string;
  readonly paidAt: Date;
  readonly addressHash: string | null;
}

/**
 * Self-dealing loops: a buyer's paid order and an order of someone in the buyer's own referrer chain
 * shipped to the same address within a short time — one person buying through a downline account so
 * that the rewards flow back up to themselves.
 */
export function selfDealing(orders: readonly PaidOrderFact[], uplineOf: ReadonlyMap<string, readonly string[]>, thresholds: AnomalyThresholds): Finding[] {
  const windowMs = thresholds.selfDealingWindowMinutes * 60_000;
  const byBuyer = groupBy(orders.filter((order) => order.addressHash), (order) => order.buyerId);
  const findings: Finding[] = [];
  for (const [buyerId, buyerOrders] of byBuyer) {
    const upline = (uplineOf.get(buyerId) ?? []).slice(0, thresholds.selfDealingDepth);
    for (const [level, uplineId] of upline.entries()) {
      for (const order of buyerOrders) {
        const match = (byBuyer.get(uplineId) ?? []).find(
          (other) => other.addressHash === order.addressHash && Math.abs(other.paidAt.getTime() - order.paidAt.getTime()) <= windowMs,
        );
        if (!match) continue;
        findings.push({
          rule: 'self_dealing',
          subjectKey: `${order.orderId}:${match.orderId}`,
          memberIds: [buyerId, uplineId],
          evidence: { buyerId, uplineId, uplineLevel: level + 1, buyerOrderId: order.orderId, uplineOrderId: match.orderId, addressHashPrefix: order.addressHash!.slice(0, 12), minutesApart: Math.round(Math.abs(match.paidAt.getTime() - order.paidAt.getTime()) / 60_000) },
        });
        break;
      }
    }
  }
  return findings;
}

export interface UpgradeFact {
  readonly memberId: string;
  /** The package order that made the member an agent. */
  readonly orderId: string;
  readonly upgradedAt: Date;
}

export interface RefundFact {
  readonly orderId: string;
  readonly refundedAt: Date;
}

/** A package order refunded after it upgraded someone: the upgrade (and its rewards) came for free. */
export function refundsAfterUpgrade(upgrades: readonly UpgradeFact[], refunds: readonly RefundFact[]): Finding[] {
  const refundOf = new Map(refunds.map((refund) => [refund.orderId, refund]));
  return upgrades.flatMap((upgrade) => {
    const refund = refundOf.get(upgrade.orderId);
    if (!refund || refund.refundedAt < upgrade.upgradedAt) return [];
    return [
      {
        rule: 'refund_after_upgrade' as const,
        subjectKey: upgrade.orderId,
        memberIds: [upgrade.memberId],
        evidence: { memberId: upgrade.memberId, orderId: upgrade.orderId, upgradedAt: upgrade.upgradedAt.toISOString(), refundedAt: refund.refundedAt.toISOString() },
      },
    ];
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
