import { sql, type Db } from '@linkmall/db';
import { daysBetween, previousPeriod, type Period } from './domain/period.ts';
import { scopeHasDistribution, scopeHasSpend, storedScopeId, type AnalyticsFilter, type ScopeRef } from './domain/scope.ts';
import { funnelView, kpiView, stepCounts, type FunnelView, type KpiView, type PeriodTotals } from './report-views.ts';
import { big } from './rollup-sql.ts';

/** The answers the API serves, read from the roll-ups only (no source table but the current stock). */

const DAILY_SUMS = ['views', 'interactions', 'shares', 'referrals', 'orders', 'gmv_fen', 'new_buyers', 'repeat_orders', 'units', 'after_sales', 'shipped', 'ship_seconds'] as const;
type DailySums = Record<(typeof DAILY_SUMS)[number], bigint>;

const scopeWhere = (scope: ScopeRef) => sql`scope_kind = ${scope.kind} and scope_id = ${storedScopeId(scope)}`;

/** The daily sums of both periods in one indexed range read. */
async function dailySums(db: Db, scope: ScopeRef, current: Period, previous: Period): Promise<[DailySums, DailySums]> {
  const columns = (period: Period, suffix: string) =>
    sql.join(DAILY_SUMS.map((metric) => sql`coalesce(sum(${sql.ref(metric)}) filter (where day between ${period.from}::date and ${period.to}::date), 0)::text as ${sql.ref(`${metric}_${suffix}`)}`));
  const row = (
    await sql<Record<string, string>>`select ${columns(current, 'c')}, ${columns(previous, 'p')} from analytics_daily
      where ${scopeWhere(scope)} and day between ${previous.from}::date and ${current.to}::date`.execute(db)
  ).rows[0]!;
  const pick = (suffix: string) => Object.fromEntries(DAILY_SUMS.map((metric) => [metric, big(row[`${metric}_${suffix}`])])) as DailySums;
  return [pick('c'), pick('p')];
}

async function periodExtras(db: Db, scope: ScopeRef, period: Period) {
  const where = scopeWhere(scope);
  const cohort = (
    // One primary-key probe per cohort buyer: a join would read every month row of the scope's buyers.
    await sql<{ buyers: unknown; retained: unknown }>`select count(*) as buyers,
        count(*) filter (where exists (select 1 from analytics_buyer_months m where m.scope_kind = b.scope_kind and m.scope_id = b.scope_id
          and m.buyer_user_id = b.buyer_user_id and m.month = (date_trunc('month', b.first_day) + interval '1 month')::date)) as retained
      from analytics_buyers b
      where b.scope_kind = ${scope.kind} and b.scope_id = ${storedScopeId(scope)}
        and b.first_day >= date_trunc('month', ${period.from}::date) and b.first_day < date_trunc('month', ${period.to}::date)`.execute(db)
  ).rows[0]!;
  const first = (
    await sql<{ buyers: unknown; gmv: unknown }>`select count(*) as buyers, coalesce(sum(gmv_fen), 0) as gmv from analytics_buyers
      where ${where} and first_day between ${period.from}::date and ${period.to}::date`.execute(db)
  ).rows[0]!;
  const stock = (
    await sql<{ stock: unknown }>`select coalesce(sum(k.stock), 0) as stock from skus k where k.product_id in (
      select distinct key from analytics_daily_dimensions where ${where} and dimension = 'product' and day between ${period.from}::date and ${period.to}::date and units > 0)`.execute(db)
  ).rows[0]!;
  return {
    cohortBuyers: big(cohort.buyers),
    cohortRetained: big(cohort.retained),
    firstBuyers: big(first.buyers),
    firstBuyersGmvFen: big(first.gmv),
    stockUnits: big(stock.stock),
    spendFen: await spendOf(db, scope, period),
    distribution: await distributionOf(db, scope, period),
  };
}

/** Recorded spend of the period (entries less reversals): all of it for the platform, a merchant's own for a merchant. */
export async function spendOf(db: Db, scope: ScopeRef, period: Period): Promise<bigint | null> {
  if (!scopeHasSpend(scope)) return null;
  const merchant = scope.kind === 'merchant' ? sql`and merchant_id = ${scope.id}` : sql``;
  const row = (await sql<{ spend: unknown }>`select coalesce(sum(amount_fen), 0) as spend from analytics_spend where day between ${period.from}::date and ${period.to}::date ${merchant}`.execute(db)).rows[0]!;
  return big(row.spend);
}

/** Distributors, new agents and referrers over `members` (analytics_members, or the source view on the raw path). */
export async function distributionOf(db: Db, scope: ScopeRef, period: Period, members = sql.raw('analytics_members')) {
  if (!scopeHasDistribution(scope)) return null;
  const team = scope.kind === 'team' ? sql`where team_id = ${scope.id}` : sql``;
  const row = (
    await sql<Record<string, unknown>>`select
        count(*) filter (where agent_day <= ${period.to}::date) as distributors,
        count(*) filter (where agent_day between ${period.from}::date and ${period.to}::date) as new_agents,
        count(*) filter (where agent_day between ${period.from}::date and ${period.to}::date and boss_day <= ${period.to}::date) as bosses,
        count(distinct referrer_id) filter (where bound_day between ${period.from}::date and ${period.to}::date) as referrers
      from ${members} ${team}`.execute(db)
  ).rows[0]!;
  return { distributorsAtEnd: big(row.distributors), newAgents: big(row.new_agents), newAgentsBossByEnd: big(row.bosses), distinctReferrers: big(row.referrers) };
}

function totalsOf(sums: DailySums, extras: Awaited<ReturnType<typeof periodExtras>> | null, period: Period): PeriodTotals {
  return {
    views: sums.views,
    interactions: sums.interactions,
    shares: sums.shares,
    referrals: sums.referrals,
    orders: sums.orders,
    gmvFen: sums.gmv_fen,
    newBuyers: sums.new_buyers,
    repeatOrders: sums.repeat_orders,
    afterSales: sums.after_sales,
    shipped: sums.shipped,
    shipSeconds: sums.ship_seconds,
    units: sums.units,
    cohortBuyers: extras?.cohortBuyers ?? 0n,
    cohortRetained: extras?.cohortRetained ?? 0n,
    firstBuyers: extras?.firstBuyers ?? 0n,
    firstBuyersGmvFen: extras?.firstBuyersGmvFen ?? 0n,
    spendFen: extras?.spendFen ?? null,
    distribution: extras?.distribution ?? null,
    stockUnits: extras?.stockUnits ?? 0n,
    days: daysBetween(period.from, period.to),
  };
}

/** The roll-up query path: what the API serves and the dashboard benchmark times. */
export function rollupAnalytics(db: Db) {
  return {
    async totals(filter: AnalyticsFilter): Promise<[PeriodTotals, PeriodTotals]> {
      const previous = previousPeriod(filter);
      // Independent reads: on a server pool they run side by side (PGlite runs them one after another).
      const [[current, before], currentExtras, previousExtras] = await Promise.all([dailySums(db, filter.scope, filter, previous), periodExtras(db, filter.scope, filter), periodExtras(db, filter.scope, previous)]);
      return [totalsOf(current, currentExtras, filter), totalsOf(before, previousExtras, previous)];
    },
    async funnel(filter: AnalyticsFilter): Promise<FunnelView> {
      const [current, before] = await dailySums(db, filter.scope, filter, previousPeriod(filter));
      const counts = (sums: DailySums) => stepCounts({ views: sums.views, interactions: sums.interactions, shares: sums.shares, referrals: sums.referrals, orders: sums.orders, repeatOrders: sums.repeat_orders });
      return funnelView(filter, counts(current), counts(before));
    },
    async kpis(filter: AnalyticsFilter): Promise<KpiView> {
      const [current, before] = await this.totals(filter);
      return kpiView(filter, current, before);
    },
  };
}
export type RollupAnalytics = ReturnType<typeof rollupAnalytics>;
