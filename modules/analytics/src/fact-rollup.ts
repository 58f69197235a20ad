import { sql, type Db } from '@linkmall/db';
import { addToDaily, CASE_SOURCE, ORDER_SCOPES, REFUND_SOURCE, SHIPMENT_SOURCE, type Filter } from './rollup-sql.ts';

/**
 * Shipments, refunds and after-sales cases of counted orders. Each fact is counted once under its
 * natural key in analytics_applied_facts, in the scopes of its order and on its own day, whichever
 * event brings it and however late. `filter` applies to the source row `x` and the order `o`.
 */

export async function applyShipments(tx: Db, filter: Filter): Promise<void> {
  await sql`with fresh as (
      insert into analytics_applied_facts (fact_key)
      select 'ship:' || x.sub_order_id from ${SHIPMENT_SOURCE} x join analytics_orders o on o.order_id = x.order_id where ${filter}
      on conflict do nothing returning fact_key)
    insert into analytics_daily as d (scope_kind, scope_id, day, shipped, ship_seconds)
    select s.kind, s.id, analytics_beijing_day(x.shipped_at), count(*), sum(greatest(0, floor(extract(epoch from x.shipped_at - o.paid_at))))::bigint
    from ${SHIPMENT_SOURCE} x join analytics_orders o on o.order_id = x.order_id join fresh on fresh.fact_key = 'ship:' || x.sub_order_id ${ORDER_SCOPES}
    where s.id is not null and ${filter}
    group by 1, 2, 3 ${addToDaily}`.execute(tx);
}

export async function applyRefunds(tx: Db, filter: Filter): Promise<void> {
  await sql`with fresh as (
      insert into analytics_applied_facts (fact_key)
      select 'refund:' || x.case_id from ${REFUND_SOURCE} x join analytics_orders o on o.order_id = x.order_id where ${filter}
      on conflict do nothing returning fact_key)
    insert into analytics_daily as d (scope_kind, scope_id, day, refunds, refund_fen)
    select s.kind, s.id, analytics_beijing_day(x.at), count(*), sum(x.refund_fen)
    from ${REFUND_SOURCE} x join analytics_orders o on o.order_id = x.order_id join fresh on fresh.fact_key = 'refund:' || x.case_id ${ORDER_SCOPES}
    where s.id is not null and ${filter}
    group by 1, 2, 3 ${addToDaily}`.execute(tx);
}

export async function applyCases(tx: Db, filter: Filter): Promise<void> {
  await sql`with fresh as (
      insert into analytics_applied_facts (fact_key)
      select 'case:' || x.case_id from ${CASE_SOURCE} x join analytics_orders o on o.order_id = x.order_id where ${filter}
      on conflict do nothing returning fact_key)
    insert into analytics_daily as d (scope_kind, scope_id, day, after_sales)
    select s.kind, s.id, analytics_beijing_day(x.at), count(*)
    from ${CASE_SOURCE} x join analytics_orders o on o.order_id = x.order_id join fresh on fresh.fact_key = 'case:' || x.case_id ${ORDER_SCOPES}
    where s.id is not null and ${filter}
    group by 1, 2, 3 ${addToDaily}`.execute(tx);
}

/** Forgets the fact keys of a day range before a ranged rebuild counts those days again. */
export async function forgetFacts(tx: Db, from: string, to: string): Promise<void> {
  await sql`delete from analytics_applied_facts where fact_key in (
      select 'ship:' || x.sub_order_id from ${SHIPMENT_SOURCE} x where analytics_beijing_day(x.shipped_at) between ${from}::date and ${to}::date
      union all select 'refund:' || x.case_id from ${REFUND_SOURCE} x where analytics_beijing_day(x.at) between ${from}::date and ${to}::date
      union all select 'case:' || x.case_id from ${CASE_SOURCE} x where analytics_beijing_day(x.at) between ${from}::date and ${to}::date)`.execute(tx);
}
