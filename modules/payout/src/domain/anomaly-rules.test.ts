import { describe, expect, it } from 'vitest';
import { DEFAULT_ANOMALY_THRESHOLDS, refundsAfterUpgrade, selfDealing, sharedValues, signupBursts, type AnomalyThresholds, type Binding, type PaidOrderFact } from './anomaly-rules.ts';

const thresholds: AnomalyThresholds = { ...DEFAULT_ANOMALY_THRESHOLDS, burstCount: 3, burstWindowMinutes: 10, sharedMinMembers: 3, selfDealingWindowMinutes: 60, selfDealingDepth: 2 };
const at = (minutes: number) => new Date(Date.UTC(2025, 5, 1, 2, 0) + minutes * 60_000); // 10:00 Beijing
const bind = (memberId: string, referrerId: string, minutes: number): Binding => ({ memberId, referrerId, boundAt: at(minutes) });

describe('signup bursts', () => {
  it('flags N bindings under one referrer within the window, once, with the largest run as evidence', () => {
    const bindings = [bind('m1', 'r1', 0), bind('m2', 'r1', 4), bind('m3', 'r1', 9), bind('m4', 'r1', 10), bind('m5', 'r1', 30)];
    const [finding, ...rest] = signupBursts(bindings, thresholds);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'signup_burst', subjectKey: 'r1:2025-06-01', memberIds: ['r1', 'm1', 'm2', 'm3', 'm4'] });
    expect(finding!.evidence).toMatchObject({ referrerId: 'r1', bindings: 4, from: at(0).toISOString(), to: at(10).toISOString() });
  });

  it('ignores bindings spread out over time, and counts each referrer separately', () => {
    const spread = [bind('m1', 'r1', 0), bind('m2', 'r1', 11), bind('m3', 'r1', 22), bind('m4', 'r2', 0), bind('m5', 'r2', 1)];
    expect(signupBursts(spread, thresholds)).toEqual([]);
  });

  it('sorts unordered input and keys the finding by the Beijing day of its start', () => {
    const lateEvening = Date.UTC(2025, 5, 1, 15, 58); // 23:58 Beijing
    const bindings = [0, 1, 3].map((m, i) => ({ memberId: `m${i}`, referrerId: 'r9', boundAt: new Date(lateEvening + m * 60_000) })).reverse();
    expect(signupBursts(bindings, thresholds)[0]!.subjectKey).toBe('r9:2025-06-01');
  });
});

describe('shared phone, device, address and payee account', () => {
  it('flags one value behind enough distinct members, never carrying the value itself', () => {
    const values = [
      { memberId: 'a', valueHash: 'h-device-1', source: 'wdr_1' },
      { memberId: 'b', valueHash: 'h-device-1', source: 'wdr_2' },
      { memberId: 'b', valueHash: 'h-device-1', source: 'wdr_3' },
      { memberId: 'c', valueHash: 'h-device-1', source: 'wdr_4' },
      { memberId: 'd', valueHash: 'h-device-2', source: 'wdr_5' },
    ];
    const findings = sharedValues('device', values, thresholds);
    expect(findings).toEqual([
      { rule: 'shared_device', subjectKey: 'h-device-1', memberIds: ['a', 'b', 'c'], evidence: { kind: 'device', valueHashPrefix: 'h-device-1', members: 3, sources: ['wdr_1', 'wdr_2', 'wdr_3', 'wdr_4'] } },
    ]);
  });

  it('does not count one member many times', () => {
    const values = ['o1', 'o2', 'o3', 'o4'].map((source) => ({ memberId: 'a', valueHash: 'h-phone', source }));
    values.push({ memberId: 'b', valueHash: 'h-phone', source: 'o5' });
    expect(sharedValues('phone', values, thresholds)).toEqual([]);
  });

  it('names the rule after the kind', () => {
    const values = ['a', 'b', 'c'].map((memberId) => ({ memberId, valueHash: 'h', source: memberId }));
    expect(sharedValues('address', values, thresholds)[0]!.rule).toBe('shared_address');
    expect(sharedValues('payment_account', values, thresholds)[0]!.rule).toBe('shared_payment_account');
    expect(sharedValues('phone', values, thresholds)[0]!.rule).toBe('shared_phone');
  });
});

describe('self-dealing', () => {
  const order = (orderId: string, buyerId: string, minutes: number, addressHash: string | null = 'addr-1'): PaidOrderFact => ({ orderId, buyerId, paidAt: at(minutes), addressHash });
  const uplines = new Map([
    ['buyer', ['parent', 'grandparent', 'great']],
    ['parent', ['grandparent']],
  ]);

  it('flags a buyer and someone up their chain shipping to one address close in time', () => {
    const findings = selfDealing([order('o1', 'buyer', 0), order('o2', 'parent', 30)], uplines, thresholds);
    expect(findings).toEqual([
      { rule: 'self_dealing', subjectKey: 'o1:o2', memberIds: ['buyer', 'parent'], evidence: { buyerId: 'buyer', uplineId: 'parent', uplineLevel: 1, buyerOrderId: 'o1', uplineOrderId: 'o2', addressHashPrefix: 'addr-1', minutesApart: 30 } },
    ]);
  });

  it('looks only as deep as configured and within the window', () => {
    expect(selfDealing([order('o1', 'buyer', 0), order('o3', 'great', 0)], uplines, thresholds)).toEqual([]);
    expect(selfDealing([order('o1', 'buyer', 0), order('o2', 'parent', 61)], uplines, thresholds)).toEqual([]);
    expect(selfDealing([order('o1', 'buyer', 0), order('o4', 'grandparent', -20)], uplines, thresholds)[0]!.evidence).toMatchObject({ uplineLevel: 2 });
  });

  it('ignores different addresses, orders without one, and strangers at the same address', () => {
    expect(selfDealing([order('o1', 'buyer', 0), order('o2', 'parent', 5, 'addr-2')], uplines, thresholds)).toEqual([]);
    expect(selfDealing([order('o1', 'buyer', 0, null), order('o2', 'parent', 5, null)], uplines, thresholds)).toEqual([]);
    expect(selfDealing([order('o1', 'buyer', 0), order('o2', 'stranger', 5)], uplines, thresholds)).toEqual([]);
  });
});

describe('refund after upgrade', () => {
  const upgrade = { memberId: 'm1', orderId: 'ord_pkg', upgradedAt: at(0) };

  it('flags a package order refunded after it made its buyer an agent', () => {
    expect(refundsAfterUpgrade([upgrade], [{ orderId: 'ord_pkg', refundedAt: at(60 * 24) }])).toEqual([
      { rule: 'refund_after_upgrade', subjectKey: 'ord_pkg', memberIds: ['m1'], evidence: { memberId: 'm1', orderId: 'ord_pkg', upgradedAt: at(0).toISOString(), refundedAt: at(60 * 24).toISOString() } },
    ]);
  });

  it('ignores refunds of other orders and refunds before the upgrade', () => {
    expect(refundsAfterUpgrade([upgrade], [{ orderId: 'ord_other', refundedAt: at(10) }])).toEqual([]);
    expect(refundsAfterUpgrade([upgrade], [{ orderId: 'ord_pkg', refundedAt: at(-10) }])).toEqual([]);
  });
});
