import type { AnalyticsWorld } from './analytics-world.ts';

/**
 * A small hand-made world whose KPIs were computed by hand (see analytics-kpis.int.test.ts). Period
 * P = 2026-02-20 … 2026-03-10 (19 Beijing days), previous period Q = 2026-02-01 … 2026-02-19.
 *
 * Orders (merchant org_m unless noted; supplier org_s):
 *   O0 b1 2026-02-10 ¥100  P1×1                          (Q)
 *   O1 b1 2026-02-21 ¥200  P1×2                          repeat (b1 first paid O0)
 *   O2 b2 2026-02-25 ¥300  P2×3  shipped +6 h            new; b2 visited card crd_a first → card, guide
 *   O3 b2 2026-03-05 ¥100  P1×1  shipped +10 h           repeat; card
 *   O4 b3 2026-03-09 ¥400  P2×4  浙江省/杭州市, after-sales opened 03-10   new in org_m
 *   O5 b3 2026-04-01 ¥50   P1×1                          after P (LTV to date only)
 *   O6 b3 2026-03-04 ¥70   P2×1  merchant org_other      b3's first order on the platform
 * Stock: P1 30, P2 9.
 * Tracking on crd_a (org_m, guide usr_guide), in P: 8 views, 4 interactions, 3 shares/forwards; in Q: 2 views.
 * Distribution: usr_boss BOSS (agent 01-05, boss 02-22); a1 AGENT in boss's team (bound to boss 02-21,
 * agent 02-21); a2 BOSS (bound to a1 02-23, agent 02-23, boss 03-08); b1 MEMBER (bound to a1 02-26,
 * boss's team); b2 MEMBER (bound to boss 01-10, boss's team); m4 MEMBER (bound to a1 03-03, boss's team).
 */
export const PERIOD = { from: '2026-02-20', to: '2026-03-10' } as const;

const at = (day: string, time = '10:00:00') => `${day}T${time}+08:00`;

export async function buildKpiWorld(world: AnalyticsWorld) {
  await world.organization('org_platform', 'platform');
  await world.organization('org_m', 'merchant', '星河商户');
  await world.organization('org_other', 'merchant', '别家商户');
  await world.organization('org_s', 'supplier');
  await world.user('usr_guide', 'org_m', ['shop_guide'], '王导购');
  await world.user('usr_admin', 'org_m', ['merchant_admin'], '李店长');
  for (const buyer of ['usr_b1', 'usr_b2', 'usr_b3', 'usr_boss', 'usr_a1', 'usr_a2', 'usr_m4']) await world.user(buyer, null, ['consumer'], `买家${buyer.slice(-2)}`);
  await world.card('crd_a', 'usr_guide', 'org_m');
  await world.product('prd_p1', 'org_s', '茶叶', 30);
  await world.product('prd_p2', 'org_s', '茶具', 9);

  const owner = { userId: 'usr_guide', organizationId: 'org_m' };
  await world.visitor('crd_a', 'visitor-v1-000000000001', owner, at('2026-02-24'), 'usr_b2');
  await world.visitor('crd_a', 'visitor-v2-000000000002', owner, at('2026-02-15'));
  await world.visitor('crd_a', 'visitor-v3-000000000003', owner, at('2026-03-01'));
  const events: [string, string, string, string?][] = [
    ['visitor-v2-000000000002', 'view', at('2026-02-15')],
    ['visitor-v2-000000000002', 'view', at('2026-02-19', '23:59:00')],
    ['visitor-v1-000000000001', 'view', at('2026-02-24')],
    ['visitor-v1-000000000001', 'view', at('2026-02-25')],
    ['visitor-v1-000000000001', 'view', at('2026-03-05')],
    ['visitor-v2-000000000002', 'view', at('2026-02-20', '00:00:00')],
    ['visitor-v2-000000000002', 'view', at('2026-02-27')],
    ['visitor-v2-000000000002', 'view', at('2026-03-02')],
    ['visitor-v3-000000000003', 'view', at('2026-03-01')],
    ['visitor-v3-000000000003', 'view', at('2026-03-10', '23:59:59')],
    ['visitor-v1-000000000001', 'product_click', at('2026-02-24'), 'prd_p1'],
    ['visitor-v1-000000000001', 'product_click', at('2026-02-25'), 'prd_p1'],
    ['visitor-v2-000000000002', 'product_click', at('2026-02-27'), 'prd_p2'],
    ['visitor-v3-000000000003', 'call', at('2026-03-01')],
    ['visitor-v3-000000000003', 'dwell', at('2026-03-01')],
    ['visitor-v1-000000000001', 'share', at('2026-02-24')],
    ['visitor-v2-000000000002', 'share', at('2026-03-02')],
    ['visitor-v3-000000000003', 'forward', at('2026-03-01')],
    // The day after P: outside.
    ['visitor-v3-000000000003', 'view', at('2026-03-11', '00:00:00')],
  ];
  for (const [visitor, kind, occurredAt, product] of events) await world.track('crd_a', owner, visitor, kind, occurredAt, product ?? null);

  await world.member({ id: 'usr_boss', role: 'BOSS', packageOrder: { id: 'dord_boss_p', paidAt: at('2026-01-05') }, upgradeOrder: { id: 'dord_boss_u', paidAt: at('2026-02-22') } });
  await world.member({ id: 'usr_a1', role: 'AGENT', referrer: 'usr_boss', teamBoss: 'usr_boss', boundAt: at('2026-02-21'), packageOrder: { id: 'dord_a1', paidAt: at('2026-02-21') } });
  await world.member({ id: 'usr_a2', role: 'BOSS', referrer: 'usr_a1', boundAt: at('2026-02-23'), packageOrder: { id: 'dord_a2_p', paidAt: at('2026-02-23') }, upgradeOrder: { id: 'dord_a2_u', paidAt: at('2026-03-08') } });
  await world.member({ id: 'usr_b1', role: 'MEMBER', referrer: 'usr_a1', teamBoss: 'usr_boss', boundAt: at('2026-02-26') });
  await world.member({ id: 'usr_b2', role: 'MEMBER', referrer: 'usr_boss', teamBoss: 'usr_boss', boundAt: at('2026-01-10') });
  await world.member({ id: 'usr_m4', role: 'MEMBER', referrer: 'usr_a1', teamBoss: 'usr_boss', boundAt: at('2026-03-03') });

  const p1 = (quantity: number) => ({ product: 'prd_p1', quantity, unitFen: 10_000 });
  const p2 = (quantity: number) => ({ product: 'prd_p2', quantity, unitFen: 10_000 });
  const base = { merchant: 'org_m', supplier: 'org_s' };
  await world.order({ ...base, id: 'ord_o0', buyer: 'usr_b1', paidAt: at('2026-02-10'), lines: [p1(1)] });
  await world.order({ ...base, id: 'ord_o1', buyer: 'usr_b1', paidAt: at('2026-02-21'), lines: [p1(2)] });
  await world.order({ ...base, id: 'ord_o2', buyer: 'usr_b2', paidAt: at('2026-02-25'), lines: [p2(3)], shippedAt: at('2026-02-25', '16:00:00') });
  await world.order({ ...base, id: 'ord_o3', buyer: 'usr_b2', paidAt: at('2026-03-05'), lines: [p1(1)], shippedAt: at('2026-03-05', '20:00:00') });
  await world.order({ ...base, id: 'ord_o4', buyer: 'usr_b3', paidAt: at('2026-03-09'), lines: [p2(4)], province: '浙江省', city: '杭州市', afterSales: { id: 'asc_o4', openedAt: at('2026-03-10'), refundFen: 10_000 } });
  await world.order({ ...base, id: 'ord_o5', buyer: 'usr_b3', paidAt: at('2026-04-01'), lines: [{ product: 'prd_p1', quantity: 1, unitFen: 5_000 }] });
  await world.order({ id: 'ord_o6', buyer: 'usr_b3', merchant: 'org_other', supplier: 'org_s', paidAt: at('2026-03-04'), lines: [{ product: 'prd_p2', quantity: 1, unitFen: 7_000 }] });
}

/** The outbox events the world's facts would have published, in the order they happened. */
export const KPI_WORLD_EVENTS: { id: string; type: string; payload: Record<string, string> }[] = [
  ...['usr_boss', 'usr_b2', 'usr_a1', 'usr_a2', 'usr_b1', 'usr_m4'].map((memberId) => ({ id: `evt_member_${memberId}`, type: 'distribution.referrer_bound', payload: { memberId } })),
  ...['o0', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6'].map((order) => ({ id: `evt_paid_${order}`, type: 'order.paid', payload: { orderId: `ord_${order}` } })),
  { id: 'evt_ship_o2', type: 'order.shipped', payload: { orderId: 'ord_o2', subOrderId: 'sub_ord_o2' } },
  { id: 'evt_ship_o3', type: 'order.shipped', payload: { orderId: 'ord_o3', subOrderId: 'sub_ord_o3' } },
  { id: 'evt_case_o4', type: 'after_sales.opened', payload: { orderId: 'ord_o4', caseId: 'asc_o4' } },
];
