import type { Localized } from '@linkmall/kernel';
import { basisPoints, decimalQuotient, roundedQuotient } from './ratios.ts';

export const KPI_KEYS = [
  'gmv', 'orders', 'aov', 'conversion_rate', 'repurchase_rate', 'retention', 'ltv', 'cac',
  'invites_per_distributor', 'agent_boss_conversion', 'fission_coefficient', 'after_sales_rate',
  'order_to_ship_hours', 'inventory_turnover_days',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];
export type KpiUnit = 'fen' | 'count' | 'bps' | 'hours' | 'days' | 'ratio';

/** Every number a period's KPIs are computed from; the roll-up and the raw path both produce it. */
export interface KpiTotals {
  readonly views: bigint;
  readonly orders: bigint;
  readonly gmvFen: bigint;
  readonly newBuyers: bigint;
  readonly repeatOrders: bigint;
  readonly afterSales: bigint;
  readonly shipped: bigint;
  readonly shipSeconds: bigint;
  readonly units: bigint;
  readonly referrals: bigint;
  /** Buyers of the cohorts counted for month-1 retention, and those of them who paid the next month. */
  readonly cohortBuyers: bigint;
  readonly cohortRetained: bigint;
  /** Buyers who first paid in the period, and their GMV to date. */
  readonly firstBuyers: bigint;
  readonly firstBuyersGmvFen: bigint;
  /** Spend recorded for the period; null where spend is not attributed (team, guide, card). */
  readonly spendFen: bigint | null;
  /** Distribution facts; null outside the platform and team scopes. */
  readonly distribution: {
    readonly distributorsAtEnd: bigint;
    readonly newAgents: bigint;
    readonly newAgentsBossByEnd: bigint;
    readonly distinctReferrers: bigint;
  } | null;
  /** Current stock of the products sold in the period. */
  readonly stockUnits: bigint;
  readonly days: number;
}

export interface KpiValue {
  readonly key: KpiKey;
  readonly value: number | null;
  readonly unit: KpiUnit;
}

const UNITS: Record<KpiKey, KpiUnit> = {
  gmv: 'fen', orders: 'count', aov: 'fen', conversion_rate: 'bps', repurchase_rate: 'bps', retention: 'bps', ltv: 'fen', cac: 'fen',
  invites_per_distributor: 'ratio', agent_boss_conversion: 'bps', fission_coefficient: 'ratio', after_sales_rate: 'bps',
  order_to_ship_hours: 'hours', inventory_turnover_days: 'days',
};

const fen = (value: bigint | null) => (value === null ? null : Number(value));

/** The KPI values of one period, each exactly as its definition says. */
export function computeKpis(totals: KpiTotals): KpiValue[] {
  const distribution = totals.distribution;
  const values: Record<KpiKey, number | null> = {
    gmv: Number(totals.gmvFen),
    orders: Number(totals.orders),
    aov: fen(roundedQuotient(totals.gmvFen, totals.orders)),
    conversion_rate: basisPoints(totals.orders, totals.views),
    repurchase_rate: basisPoints(totals.repeatOrders, totals.orders),
    retention: basisPoints(totals.cohortRetained, totals.cohortBuyers),
    ltv: fen(roundedQuotient(totals.firstBuyersGmvFen, totals.firstBuyers)),
    cac: totals.spendFen === null ? null : fen(roundedQuotient(totals.spendFen, totals.newBuyers)),
    invites_per_distributor: distribution ? decimalQuotient(totals.referrals, distribution.distributorsAtEnd, 2) : null,
    agent_boss_conversion: distribution ? basisPoints(distribution.newAgentsBossByEnd, distribution.newAgents) : null,
    fission_coefficient: distribution ? decimalQuotient(totals.referrals, distribution.distinctReferrers, 2) : null,
    after_sales_rate: basisPoints(totals.afterSales, totals.orders),
    order_to_ship_hours: decimalQuotient(totals.shipSeconds, totals.shipped * 3600n, 1),
    // stock ÷ (units ÷ days) = stock × days ÷ units
    inventory_turnover_days: decimalQuotient(totals.stockUnits * BigInt(totals.days), totals.units, 1),
  };
  return Object.entries(values).map(([key, value]) => ({ key: key as KpiKey, value, unit: UNITS[key as KpiKey] }));
}

export const KPI_TEXTS: Record<KpiKey, { label: Localized; definition: Localized }> = {
  gmv: {
    label: { 'zh-CN': 'GMV', en: 'GMV' },
    definition: { 'zh-CN': '支付订单的实付金额之和，按支付当天计（不扣退款）', en: 'Sum of paid orders’ payable amounts, on the day they were paid (refunds not deducted)' },
  },
  orders: { label: { 'zh-CN': '订单数', en: 'Orders' }, definition: { 'zh-CN': '支付订单数', en: 'Paid orders' } },
  aov: { label: { 'zh-CN': '客单价', en: 'Average order value' }, definition: { 'zh-CN': 'GMV ÷ 支付订单数', en: 'GMV ÷ paid orders' } },
  conversion_rate: { label: { 'zh-CN': '转化率', en: 'Conversion rate' }, definition: { 'zh-CN': '支付订单数 ÷ 名片浏览次数', en: 'Paid orders ÷ card views' } },
  repurchase_rate: {
    label: { 'zh-CN': '复购率', en: 'Repurchase rate' },
    definition: { 'zh-CN': '复购订单数（买家此前在该范围已有支付订单）÷ 支付订单数', en: 'Repeat orders (buyer had paid before in the scope) ÷ paid orders' },
  },
  retention: {
    label: { 'zh-CN': '次月留存', en: 'Month-1 retention' },
    definition: {
      'zh-CN': '首购月份在区间内（且次月已开始）的买家中，次月再次下单的比例',
      en: 'Of the buyers whose first paid month lies in the range (and whose next month has begun), the share who paid again the next month',
    },
  },
  ltv: { label: { 'zh-CN': '客户终身价值', en: 'LTV' }, definition: { 'zh-CN': '区间内首购买家至今的 GMV ÷ 这些买家数', en: 'GMV to date of the buyers who first paid in the range ÷ those buyers' } },
  cac: {
    label: { 'zh-CN': '获客成本', en: 'CAC' },
    definition: { 'zh-CN': '区间内录入的营销费用 ÷ 区间内新增付费买家数（平台与商户范围）', en: 'Marketing spend recorded for the range ÷ new paying buyers in the range (platform and merchant scopes)' },
  },
  invites_per_distributor: {
    label: { 'zh-CN': '人均邀请', en: 'Invites per distributor' },
    definition: { 'zh-CN': '区间内新绑定推荐人的会员数 ÷ 区间末的分销商（代理与老板）数', en: 'Members bound to a referrer in the range ÷ distributors (agents and bosses) at its end' },
  },
  agent_boss_conversion: {
    label: { 'zh-CN': '代理→老板转化', en: 'Agent → boss conversion' },
    definition: { 'zh-CN': '区间内成为代理的会员中，到区间末已升级为老板的比例', en: 'Of the members who became agents in the range, the share who were bosses by its end' },
  },
  fission_coefficient: {
    label: { 'zh-CN': '裂变系数', en: 'Fission coefficient' },
    definition: { 'zh-CN': '区间内新绑定推荐人的会员数 ÷ 带来他们的不同推荐人数', en: 'Members bound to a referrer in the range ÷ the distinct referrers who brought them' },
  },
  after_sales_rate: { label: { 'zh-CN': '售后率', en: 'After-sales rate' }, definition: { 'zh-CN': '区间内发起的售后单数 ÷ 支付订单数', en: 'After-sales cases opened in the range ÷ paid orders' } },
  order_to_ship_hours: {
    label: { 'zh-CN': '下单到发货时长', en: 'Order-to-ship time' },
    definition: { 'zh-CN': '区间内发货的子订单从支付到发货的平均小时数', en: 'Average hours from payment to shipment of the sub-orders shipped in the range' },
  },
  inventory_turnover_days: {
    label: { 'zh-CN': '库存周转天数', en: 'Inventory turnover days' },
    definition: { 'zh-CN': '区间内售出商品的当前库存 ÷ 区间日均销量', en: 'Current stock of the products sold in the range ÷ their average units sold per day' },
  },
};
