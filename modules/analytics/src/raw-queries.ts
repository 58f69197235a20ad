import { sql, type Db } from '@linkmall/db';
import { addDays, beijingDayStart, daysBetween, previousPeriod, type Period } from './domain/period.ts';
import { scopeHasDistribution, type AnalyticsFilter, type ScopeRef } from './domain/scope.ts';
import { funnelView, kpiView, stepCounts, type FunnelView, type KpiView, type PeriodTotals } from './report-views.ts';
import { distributionOf, spendOf } from './rollup-queries.ts';
import { big, CASE_SOURCE, orderScopeOf, SHIPMENT_SOURCE, teamOf } from './rollup-sql.ts';

/**
 * The same answers computed by scanning the source tables (orders through analytics_order_source,
 * radar_events, distribution members): the baseline the dashboard benchmark compares the roll-ups
 * with, and what a test checks them against. Nothing here reads a roll-up table.
 */

/** The scope's paid orders among analytics_order_source `src`. */

/** The scope's tracking rows among radar_events `e` joined to the owner's member row `m`. */
function trackingScope(scope: ScopeRef) {
  switch (scope.kind) {
    case 'platform':
      return sql`true`;
    case 'merchant':
      return sql`e.organization_id = ${scope.id}`;
    case 'team':
      return sql`${teamOf('m')} = ${scope.id}`;
    case 'guide':
      return sql`e.owner_user_id = ${scope.id}`;
    case 'card':
      return sql`e.card_id = ${scope.id}`;
  }
}

const within = (column: string, period: Period) => sql`${sql.raw(column)} between ${period.from}::date and ${period.to}::date`;

async function trackingTotals(db: Db, scope: ScopeRef, period: Period) {
  const row = (
    await sql<Record<string, unknown>>`select
        count(*) filter (where e.kind = 'view') as views,
        count(*) filter (where e.kind in ('module_view', 'product_click', 'coupon_claim', 'contact_form', 'call', 'add_to_cart')) as interactions,
        count(*) filter (where e.kind in ('share', 'forward')) as shares
      from radar_events e left join distribution_members m on m.member_id = e.owner_user_id
      where ${trackingScope(scope)} and e.occurred_at >= ${beijingDayStart(period.from)} and e.occurred_at < ${beijingDayStart(addDays(period.to, 1))}`.execute(db)
  ).rows[0]!;
  return { views: big(row.views), interactions: big(row.interactions), shares: big(row.shares) };
}

async function orderTotals(db: Db, scope: ScopeRef, period: Period) {
  const row = (
    await sql<Record<string, unknown>>`with scoped as materialized (select src.* from analytics_order_source src where ${orderScopeOf('src', scope)}),
      firsts as (select distinct on (buyer_user_id) buyer_user_id, order_id, day from scoped order by buyer_user_id, paid_at, order_id collate "C")
      select
        (select count(*) from scoped where ${within('day', period)}) as orders,
        (select coalesce(sum(payable_fen), 0) from scoped where ${within('day', period)}) as gmv,
        (select coalesce(sum(units), 0) from scoped where ${within('day', period)}) as units,
        (select count(*) from firsts where ${within('day', period)}) as new_buyers,
        (select coalesce(sum(s.payable_fen), 0) from scoped s join firsts f on f.buyer_user_id = s.buyer_user_id where ${within('f.day', period)}) as first_gmv,
        (select count(*) from firsts f where f.day >= date_trunc('month', ${period.from}::date) and f.day < date_trunc('month', ${period.to}::date)) as cohort_buyers,
        (select count(*) from firsts f where f.day >= date_trunc('month', ${period.from}::date) and f.day < date_trunc('month', ${period.to}::date)
           and exists (select 1 from scoped s where s.buyer_user_id = f.buyer_user_id and date_trunc('month', s.day) = date_trunc('month', f.day) + interval '1 month')) as cohort_retained,
        (select count(*) from ${SHIPMENT_SOURCE} x join scoped s on s.order_id = x.order_id where ${within('analytics_beijing_day(x.shipped_at)', period)}) as shipped,
        (select coalesce(sum(greatest(0, floor(extract(epoch from x.shipped_at - s.paid_at)))), 0) from ${SHIPMENT_SOURCE} x join scoped s on s.order_id = x.order_id
           where ${within('analytics_beijing_day(x.shipped_at)', period)}) as ship_seconds,
        (select count(*) from ${CASE_SOURCE} x join scoped s on s.order_id = x.order_id where ${within('analytics_beijing_day(x.at)', period)}) as after_sales,
        (select coalesce(sum(k.stock), 0) from skus k where k.product_id in (
           select l.product_id from order_lines l join scoped s on s.order_id = l.order_id where ${within('s.day', period)})) as stock`.execute(db)
  ).rows[0]!;
  const orders = big(row.orders);
  const newBuyers = big(row.new_buyers);
  return {
    orders,
    gmvFen: big(row.gmv),
    units: big(row.units),
    newBuyers,
    // Every order is its buyer's first in the scope or a repeat one.
    repeatOrders: orders - newBuyers,
    firstBuyers: newBuyers,
    firstBuyersGmvFen: big(row.first_gmv),
    cohortBuyers: big(row.cohort_buyers),
    cohortRetained: big(row.cohort_retained),
    shipped: big(row.shipped),
    shipSeconds: big(row.ship_seconds),
    afterSales: big(row.after_sales),
    stockUnits: big(row.stock),
  };
}

async function referralTotal(db: Db, scope: ScopeRef, period: Period): Promise<bigint> {
  if (!scopeHasDistribution(scope)) return 0n;
  const team = scope.kind === 'team' ? sql`and team_id = ${scope.id}` : sql``;
  return big((await sql<{ total: unknown }>`select count(*) as total from analytics_member_source where ${within('bound_day', period)} ${team}`.execute(db)).rows[0]!.total);
}

async function rawTotals(db: Db, scope: ScopeRef, period: Period): Promise<PeriodTotals> {
  return {
    ...(await trackingTotals(db, scope, period)),
    ...(await orderTotals(db, scope, period)),
    referrals: await referralTotal(db, scope, period),
    spendFen: await spendOf(db, scope, period),
    distribution: await distributionOf(db, scope, period, sql.raw('analytics_member_source')),
    days: daysBetween(period.from, period.to),
  };
}

/** `rawAnalytics(db)`: rawFunnel and rawKpis, the scanning baseline. */
export function rawAnalytics(db: Db) {
  return {
    async rawTotals(filter: AnalyticsFilter): Promise<[PeriodTotals, PeriodTotals]> {
      return [await rawTotals(db, filter.scope, filter), await rawTotals(db, filter.scope, previousPeriod(filter))];
    },
    async rawFunnel(filter: AnalyticsFilter): Promise<FunnelView> {
      const previous = previousPeriod(filter);
      const counts = async (period: Period) => {
        const tracking = await trackingTotals(db, filter.scope, period);
        const orders = await orderTotals(db, filter.scope, period);
        return stepCounts({ ...tracking, referrals: await referralTotal(db, filter.scope, period), orders: orders.orders, repeatOrders: orders.repeatOrders });
      };
      return funnelView(filter, await counts(filter), await counts(previous));
    },
    async rawKpis(filter: AnalyticsFilter): Promise<KpiView> {
      const [current, previous] = await this.rawTotals(filter);
      return kpiView(filter, current, previous);
    },
  };
}
export type RawAnalytics = ReturnType<typeof rawAnalytics>;
