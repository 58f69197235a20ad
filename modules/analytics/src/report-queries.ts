import { sql, type Db } from '@linkmall/db';
import { addMonths, addDays, buckets, daysBetween, monthOf, monthsBetween, monthsOf, previousPeriod, type Period } from './domain/period.ts';
import { basisPoints, roundedQuotient } from './domain/ratios.ts';
import { storedScopeId, type AnalyticsFilter, type ScopeRef } from './domain/scope.ts';
import { big } from './rollup-sql.ts';

/** Breakdowns, trends and cohorts, from the roll-ups. */

export type BreakdownDimension = 'province' | 'city' | 'team' | 'channel' | 'product';
export type BreakdownSort = 'gmv' | 'orders' | 'visitors' | 'roi';

export interface BreakdownRow {
  readonly key: string;
  readonly gmvFen: bigint;
  readonly orders: bigint;
  readonly visitors: bigint;
  readonly shares: bigint;
  readonly referrals: bigint;
  readonly spendFen: bigint | null;
}

/** The spend key of a dimension value; null where spend is not recorded by it (products). */
function spendKey(dimension: BreakdownDimension) {
  switch (dimension) {
    case 'province':
      return sql`province`;
    case 'city':
      return sql`province || '/' || city`;
    case 'team':
      return sql`team_id`;
    case 'channel':
      return sql`channel`;
    case 'product':
      return null;
  }
}

/** Spend rows a scope sees: all for the platform, its own for a merchant, none elsewhere. */
export function spendScope(scope: ScopeRef) {
  if (scope.kind === 'platform') return sql`true`;
  if (scope.kind === 'merchant') return sql`merchant_id = ${scope.id}`;
  return sql`false`;
}

const SORTS: Record<BreakdownSort, string> = {
  gmv: 'gmv_fen desc',
  orders: 'orders desc',
  visitors: 'views desc',
  roi: 'case when spend_fen > 0 then gmv_fen::numeric / spend_fen end desc nulls last',
};

export async function breakdownRows(db: Db, filter: AnalyticsFilter, dimension: BreakdownDimension, sort: BreakdownSort, window: { limit: number; offset: number }) {
  const key = spendKey(dimension);
  const spend = key
    ? sql`select ${key} as key, sum(amount_fen) as spend_fen from analytics_spend
        where day between ${filter.from}::date and ${filter.to}::date and ${spendScope(filter.scope)} and ${key} is not null group by 1`
    : sql`select null::text as key, null::bigint as spend_fen where false`;
  const rows = (
    await sql<Record<string, unknown>>`with totals as (
        select key, sum(views) as views, sum(shares) as shares, sum(referrals) as referrals, sum(orders) as orders, sum(gmv_fen) as gmv_fen
        from analytics_daily_dimensions
        where scope_kind = ${filter.scope.kind} and scope_id = ${storedScopeId(filter.scope)} and dimension = ${dimension}
          and day between ${filter.from}::date and ${filter.to}::date
        group by key),
      spend as (${spend}),
      joined as (
        select coalesce(t.key, s.key) as key, coalesce(t.views, 0) as views, coalesce(t.shares, 0) as shares, coalesce(t.referrals, 0) as referrals,
          coalesce(t.orders, 0) as orders, coalesce(t.gmv_fen, 0) as gmv_fen, s.spend_fen
        from totals t full join spend s on s.key = t.key)
      select *, count(*) over () as total from joined
      order by ${sql.raw(SORTS[sort])}, key collate "C"
      limit ${window.limit} offset ${window.offset}`.execute(db)
  ).rows;
  return {
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
    items: rows.map(
      (row): BreakdownRow => ({
        key: String(row.key),
        gmvFen: big(row.gmv_fen),
        orders: big(row.orders),
        visitors: big(row.views),
        shares: big(row.shares),
        referrals: big(row.referrals),
        spendFen: key && row.spend_fen !== null ? big(row.spend_fen) : key && (filter.scope.kind === 'platform' || filter.scope.kind === 'merchant') ? 0n : null,
      }),
    ),
  };
}

export type TrendMetric = 'gmv' | 'orders' | 'visitors' | 'conversion';

interface DayValues {
  readonly gmv: bigint;
  readonly orders: bigint;
  readonly views: bigint;
}

function bucketValue(metric: TrendMetric, values: DayValues): number | null {
  if (metric === 'gmv') return Number(values.gmv);
  if (metric === 'orders') return Number(values.orders);
  if (metric === 'visitors') return Number(values.views);
  return basisPoints(values.orders, values.views);
}

export async function trendSeries(db: Db, filter: AnalyticsFilter, metric: TrendMetric, granularity: 'day' | 'week') {
  const previous = previousPeriod(filter);
  const rows = (
    await sql<{ day: string; gmv_fen: unknown; orders: unknown; views: unknown }>`select day::text as day, gmv_fen, orders, views from analytics_daily
      where scope_kind = ${filter.scope.kind} and scope_id = ${storedScopeId(filter.scope)} and day between ${previous.from}::date and ${filter.to}::date`.execute(db)
  ).rows;
  const byDay = new Map(rows.map((row) => [row.day, { gmv: big(row.gmv_fen), orders: big(row.orders), views: big(row.views) }]));
  const sum = (period: Period): DayValues => {
    let gmv = 0n;
    let orders = 0n;
    let views = 0n;
    for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
      const values = byDay.get(day);
      if (values) ((gmv += values.gmv), (orders += values.orders), (views += values.views));
    }
    return { gmv, orders, views };
  };
  const shift = -daysBetween(filter.from, filter.to);
  const current = buckets(filter, granularity);
  return {
    previous,
    current: current.map((bucket) => ({ period: bucket.from, value: bucketValue(metric, sum(bucket)) })),
    // The previous period's buckets are the current ones moved back by the period's length, so they pair up.
    before: current.map((bucket) => {
      const moved = { from: addDays(bucket.from, shift), to: addDays(bucket.to, shift) };
      return { period: moved.from, value: bucketValue(metric, sum(moved)) };
    }),
  };
}

export async function cohortMatrix(db: Db, filter: AnalyticsFilter) {
  const months = monthsOf(filter);
  const start = `${months[0]}-01`;
  const end = addDays(`${addMonths(months.at(-1)!, 1)}-01`, -1);
  const where = sql`b.scope_kind = ${filter.scope.kind} and b.scope_id = ${storedScopeId(filter.scope)} and b.first_day between ${start}::date and ${end}::date`;
  const sizes = (await sql<{ cohort: string; buyers: unknown }>`select to_char(b.first_day, 'YYYY-MM') as cohort, count(*) as buyers from analytics_buyers b where ${where} group by 1`.execute(db)).rows;
  const cells = (
    await sql<{ cohort: string; month: string; buyers: unknown }>`select to_char(b.first_day, 'YYYY-MM') as cohort, to_char(m.month, 'YYYY-MM') as month, count(*) as buyers
      from analytics_buyers b join analytics_buyer_months m on m.scope_kind = b.scope_kind and m.scope_id = b.scope_id and m.buyer_user_id = b.buyer_user_id
      where ${where} and m.month <= ${`${monthOf(filter.to)}-01`}::date group by 1, 2`.execute(db)
  ).rows;
  const size = new Map(sizes.map((row) => [row.cohort, big(row.buyers)]));
  const cell = new Map(cells.map((row) => [`${row.cohort}|${row.month}`, Number(big(row.buyers))]));
  const last = monthOf(filter.to);
  return {
    months,
    rows: months.map((cohort) => {
      const buyers = size.get(cohort) ?? 0n;
      const retained = Array.from({ length: monthsBetween(cohort, last) + 1 }, (_, offset) => cell.get(`${cohort}|${addMonths(cohort, offset)}`) ?? 0);
      return { cohort, buyers: Number(buyers), retained, retainedBps: retained.map((count) => Number(roundedQuotient(BigInt(count) * 10_000n, buyers) ?? 0n)) };
    }),
  };
}
