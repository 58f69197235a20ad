import { sql, type Db } from '@linkmall/db';
import { addToDaily, addToDimensions, ORDER_SCOPES, type Filter } from './rollup-sql.ts';

/** Orders in the roll-ups: attribution frozen in analytics_orders, counted per scope and dimension. */

const ORDER_COLUMNS = sql.raw('order_id, buyer_user_id, paid_at, day, merchant_id, card_id, guide_user_id, team_id, province, city, channel, payable_fen, units');

/** Orders, GMV and units per scope and day, and per dimension value, of the analytics_orders rows `o` in the filter. */
async function addOrderContributions(tx: Db, filter: Filter): Promise<void> {
  await sql`insert into analytics_daily as d (scope_kind, scope_id, day, orders, gmv_fen, units)
    select s.kind, s.id, o.day, count(*), sum(o.payable_fen), sum(o.units)
    from analytics_orders o ${ORDER_SCOPES}
    where s.id is not null and ${filter}
    group by 1, 2, 3 ${addToDaily}`.execute(tx);
  await sql`insert into analytics_daily_dimensions as d (scope_kind, scope_id, dimension, key, day, orders, gmv_fen, units)
    select s.kind, s.id, x.dimension, x.key, o.day, count(*), sum(o.payable_fen), sum(o.units)
    from analytics_orders o ${ORDER_SCOPES}
    cross join lateral (values ('province', o.province), ('city', o.province || '/' || o.city), ('team', o.team_id), ('channel', o.channel)) as x (dimension, key)
    where s.id is not null and x.key is not null and ${filter}
    group by 1, 2, 3, 4, 5 ${addToDimensions}`.execute(tx);
  await sql`insert into analytics_daily_dimensions as d (scope_kind, scope_id, dimension, key, day, orders, gmv_fen, units)
    select s.kind, s.id, 'product', p.product_id, o.day, count(*), sum(p.payable_fen), sum(p.units)
    from analytics_orders o join analytics_order_products p on p.order_id = o.order_id ${ORDER_SCOPES}
    where s.id is not null and ${filter}
    group by 1, 2, 3, 4, 5 ${addToDimensions}`.execute(tx);
}

interface CountedOrder {
  order_id: string;
  buyer_user_id: string;
  day: string;
  merchant_id: string | null;
  team_id: string | null;
  guide_user_id: string | null;
  card_id: string | null;
}

/**
 * Counts one paid order, once: its facts are read from the source tables through
 * analytics_order_source and kept; a second call for the same order changes nothing. Returns whether
 * it was counted now (false: already counted, or not paid).
 */
export async function applyOrder(tx: Db, orderId: string): Promise<boolean> {
  const inserted = await sql<CountedOrder>`insert into analytics_orders (${ORDER_COLUMNS})
    select ${ORDER_COLUMNS} from analytics_order_source where order_id = ${orderId}
    on conflict (order_id) do nothing
    returning order_id, buyer_user_id, day::text as day, merchant_id, team_id, guide_user_id, card_id`.execute(tx);
  const order = inserted.rows[0];
  if (!order) return false;
  await sql`insert into analytics_order_products (order_id, product_id, payable_fen, units)
    select l.order_id, l.product_id, sum(l.payable_fen), sum(l.quantity)
    from sub_orders so join order_lines l on l.sub_order_id = so.id where so.order_id = ${orderId} group by 1, 2`.execute(tx);
  await addOrderContributions(tx, sql`o.order_id = ${orderId}`);
  await countBuyer(tx, order);
  return true;
}

function scopesOf(order: CountedOrder): [string, string][] {
  const scopes: [string, string | null][] = [
    ['platform', ''],
    ['merchant', order.merchant_id],
    ['team', order.team_id],
    ['guide', order.guide_user_id],
    ['card', order.card_id],
  ];
  return scopes.filter((scope): scope is [string, string] => scope[1] !== null);
}

/**
 * New buyers and repeat orders per scope. An order earlier than the buyer's first one known so far (a
 * late event) becomes the first: the old first order turns into a repeat order on its own day.
 */
async function countBuyer(tx: Db, order: CountedOrder): Promise<void> {
  const deltas: { kind: string; id: string; day: string; newBuyers: number; repeatOrders: number }[] = [];
  for (const [kind, id] of scopesOf(order)) {
    // Compared in SQL with the stored instant: a JavaScript Date would drop the microseconds.
    const found = await sql<{ first_day: string; later: boolean }>`select b.first_day::text as first_day,
        (b.first_paid_at, b.first_order_id collate "C") > (o.paid_at, o.order_id collate "C") as later
      from analytics_buyers b join analytics_orders o on o.order_id = ${order.order_id}
      where b.scope_kind = ${kind} and b.scope_id = ${id} and b.buyer_user_id = ${order.buyer_user_id} for update of b`.execute(tx);
    const existing = found.rows[0];
    if (!existing) {
      await sql`insert into analytics_buyers (scope_kind, scope_id, buyer_user_id, first_paid_at, first_order_id, first_day, orders, gmv_fen)
        select ${kind}, ${id}, o.buyer_user_id, o.paid_at, o.order_id, o.day, 1, o.payable_fen from analytics_orders o where o.order_id = ${order.order_id}`.execute(tx);
      deltas.push({ kind, id, day: order.day, newBuyers: 1, repeatOrders: 0 });
    } else if (existing.later) {
      await sql`update analytics_buyers b set first_paid_at = o.paid_at, first_order_id = o.order_id, first_day = o.day,
          orders = b.orders + 1, gmv_fen = b.gmv_fen + o.payable_fen
        from analytics_orders o
        where o.order_id = ${order.order_id} and b.scope_kind = ${kind} and b.scope_id = ${id} and b.buyer_user_id = ${order.buyer_user_id}`.execute(tx);
      deltas.push({ kind, id, day: order.day, newBuyers: 1, repeatOrders: 0 }, { kind, id, day: existing.first_day, newBuyers: -1, repeatOrders: 1 });
    } else {
      await sql`update analytics_buyers b set orders = b.orders + 1, gmv_fen = b.gmv_fen + o.payable_fen
        from analytics_orders o
        where o.order_id = ${order.order_id} and b.scope_kind = ${kind} and b.scope_id = ${id} and b.buyer_user_id = ${order.buyer_user_id}`.execute(tx);
      deltas.push({ kind, id, day: order.day, newBuyers: 0, repeatOrders: 1 });
    }
    await sql`insert into analytics_buyer_months as b (scope_kind, scope_id, buyer_user_id, month, orders)
      values (${kind}, ${id}, ${order.buyer_user_id}, date_trunc('month', ${order.day}::date)::date, 1)
      on conflict (scope_kind, scope_id, buyer_user_id, month) do update set orders = b.orders + 1`.execute(tx);
  }
  // One row per scope and day: an upsert may not touch a row twice (a flip on the order's own day).
  const merged = new Map<string, (typeof deltas)[number]>();
  for (const delta of deltas) {
    const key = `${delta.kind}|${delta.id}|${delta.day}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, newBuyers: seen.newBuyers + delta.newBuyers, repeatOrders: seen.repeatOrders + delta.repeatOrders } : delta);
  }
  const rows = sql.join([...merged.values()].map((delta) => sql`(${delta.kind}, ${delta.id}, ${delta.day}::date, ${delta.newBuyers}::bigint, ${delta.repeatOrders}::bigint)`));
  await sql`insert into analytics_daily as d (scope_kind, scope_id, day, new_buyers, repeat_orders) values ${rows} ${addToDaily}`.execute(tx);
}

/**
 * The rebuild's half: every paid order in `sourceFilter` (on analytics_order_source `src`) counted set-wise;
 * `orderFilter` selects the same orders among analytics_orders `o`.
 */
export async function rebuildOrders(tx: Db, sourceFilter: Filter, orderFilter: Filter): Promise<void> {
  await sql`insert into analytics_orders (${ORDER_COLUMNS}) select ${ORDER_COLUMNS} from analytics_order_source src where ${sourceFilter}`.execute(tx);
  await sql`insert into analytics_order_products (order_id, product_id, payable_fen, units)
    select l.order_id, l.product_id, sum(l.payable_fen), sum(l.quantity)
    from order_lines l join analytics_orders o on o.order_id = l.order_id where ${orderFilter} group by 1, 2`.execute(tx);
  await addOrderContributions(tx, orderFilter);
}

/**
 * First orders from scratch with window functions (the incremental path gets there one order at a
 * time): every buyer's first order and totals per scope, the months they paid, and per day in the
 * filter, new buyers and repeat orders (each order is either the buyer's first in the scope or a repeat).
 */
export async function rebuildBuyers(tx: Db, orderFilter: Filter, firstDayFilter: Filter): Promise<void> {
  await sql`delete from analytics_buyers`.execute(tx);
  await sql`delete from analytics_buyer_months`.execute(tx);
  await sql`insert into analytics_buyers (scope_kind, scope_id, buyer_user_id, first_paid_at, first_order_id, first_day, orders, gmv_fen)
    select distinct on (s.kind, s.id, o.buyer_user_id) s.kind, s.id, o.buyer_user_id, o.paid_at, o.order_id, o.day,
      count(*) over buyer, sum(o.payable_fen) over buyer
    from analytics_orders o ${ORDER_SCOPES}
    where s.id is not null
    window buyer as (partition by s.kind, s.id, o.buyer_user_id)
    order by s.kind, s.id, o.buyer_user_id, o.paid_at, o.order_id collate "C"`.execute(tx);
  await sql`insert into analytics_buyer_months (scope_kind, scope_id, buyer_user_id, month, orders)
    select s.kind, s.id, o.buyer_user_id, date_trunc('month', o.day)::date, count(*)
    from analytics_orders o ${ORDER_SCOPES} where s.id is not null group by 1, 2, 3, 4`.execute(tx);
  await sql`insert into analytics_daily as d (scope_kind, scope_id, day, repeat_orders)
    select s.kind, s.id, o.day, count(*) from analytics_orders o ${ORDER_SCOPES}
    where s.id is not null and ${orderFilter} group by 1, 2, 3 ${addToDaily}`.execute(tx);
  await sql`insert into analytics_daily as d (scope_kind, scope_id, day, new_buyers, repeat_orders)
    select b.scope_kind, b.scope_id, b.first_day, count(*), -count(*) from analytics_buyers b
    where ${firstDayFilter} group by 1, 2, 3 ${addToDaily}`.execute(tx);
}
