import { sql, type Db } from '@linkmall/db';
import { addDays, beijingDayStart } from './domain/period.ts';
import { scopeHasDistribution, storedScopeId, type AnalyticsFilter, type ScopeRef } from './domain/scope.ts';
import type { FunnelStep } from './domain/funnel.ts';
import { big, orderScopeOf, teamOf } from './rollup-sql.ts';

/**
 * The people behind a funnel step. Buyers come from the counted orders; visitors from the tracking
 * rows themselves (per person, consented only), which a roll-up cannot name.
 */

export interface PersonRow {
  readonly personId: string;
  readonly kind: 'visitor' | 'member';
  readonly count: number;
  readonly lastAt: Date;
  readonly orderCount: number;
  readonly orders: { orderId: string; amountFen: number; paidAt: string }[];
}


function trackingScope(scope: ScopeRef) {
  switch (scope.kind) {
    case 'platform':
      return sql`true`;
    case 'merchant':
      // Through the merchant's cards, so the (card, time) index of radar_events serves the read.
      return sql`e.card_id in (select c.id from cards c where c.organization_id = ${scope.id}) and e.organization_id = ${scope.id}`;
    case 'team':
      return sql`${teamOf('m')} = ${scope.id}`;
    case 'guide':
      return sql`e.owner_user_id = ${scope.id}`;
    case 'card':
      return sql`e.card_id = ${scope.id}`;
  }
}

const STEP_KINDS: Record<'exposure' | 'interaction' | 'fission', readonly string[]> = {
  exposure: ['view'],
  interaction: ['module_view', 'product_click', 'coupon_claim', 'contact_form', 'call', 'add_to_cart'],
  fission: ['share', 'forward'],
};

type Page = { readonly limit: number; readonly offset: number };

async function buyers(db: Db, filter: AnalyticsFilter, repeatOnly: boolean, page: Page) {
  const repeat = repeatOnly
    ? sql`join analytics_buyers b on b.scope_kind = ${filter.scope.kind} and b.scope_id = ${storedScopeId(filter.scope)} and b.buyer_user_id = o.buyer_user_id and b.first_order_id <> o.order_id`
    : sql``;
  return (
    await sql<{ person: string; count: unknown; last_at: Date; total: unknown; orders: { orderId: string; amountFen: number; paidAt: string }[] }>`select o.buyer_user_id as person,
        count(*) as count, max(o.paid_at) as last_at, count(*) over () as total,
        to_json((array_agg(json_build_object('orderId', o.order_id, 'amountFen', o.payable_fen, 'paidAt', o.paid_at) order by o.paid_at desc, o.order_id desc))[1:10]) as orders
      from analytics_orders o ${repeat}
      where ${orderScopeOf('o', filter.scope)} and o.day between ${filter.from}::date and ${filter.to}::date
      group by o.buyer_user_id
      order by count(*) desc, max(o.paid_at) desc, o.buyer_user_id
      limit ${page.limit} offset ${page.offset}`.execute(db)
  ).rows.map((row) => ({
    total: Number(big(row.total)),
    person: {
      personId: row.person,
      kind: 'member' as const,
      count: Number(big(row.count)),
      lastAt: new Date(row.last_at),
      orderCount: Number(big(row.count)),
      orders: row.orders.map((order) => ({ orderId: order.orderId, amountFen: Number(order.amountFen), paidAt: new Date(order.paidAt).toISOString() })),
    },
  }));
}

async function actors(db: Db, filter: AnalyticsFilter, step: 'exposure' | 'interaction' | 'fission', page: Page) {
  const visitors = sql`select e.visitor_id as person, 'visitor' as kind, count(*) as count, max(e.occurred_at) as last_at
    from radar_events e left join distribution_members m on m.member_id = e.owner_user_id
    where ${trackingScope(filter.scope)} and e.kind in (${sql.join(STEP_KINDS[step])})
      and e.occurred_at >= ${beijingDayStart(filter.from)} and e.occurred_at < ${beijingDayStart(addDays(filter.to, 1))}
    group by e.visitor_id`;
  // Referrers are fission too, where referrals count (platform and team).
  const referrers =
    step === 'fission' && scopeHasDistribution(filter.scope)
      ? sql`union all select a.referrer_id as person, 'member' as kind, count(*) as count, max(coalesce(d.referrer_bound_at, a.bound_day::timestamptz)) as last_at
          from analytics_members a left join distribution_members d on d.member_id = a.member_id
          where a.referrer_id is not null and a.bound_day between ${filter.from}::date and ${filter.to}::date
            ${filter.scope.kind === 'team' ? sql`and a.team_id = ${filter.scope.id}` : sql``}
          group by a.referrer_id`
      : sql``;
  return (
    await sql<{ person: string; kind: 'visitor' | 'member'; count: unknown; last_at: Date; total: unknown }>`select p.*, count(*) over () as total
      from (${visitors} ${referrers}) as p order by p.count desc, p.last_at desc, p.person limit ${page.limit} offset ${page.offset}`.execute(db)
  ).rows.map((row) => ({
    total: Number(big(row.total)),
    person: { personId: row.person, kind: row.kind, count: Number(big(row.count)), lastAt: new Date(row.last_at), orderCount: 0, orders: [] },
  }));
}

export async function stepPeople(db: Db, filter: AnalyticsFilter, step: FunnelStep, page: Page): Promise<{ items: PersonRow[]; total: number }> {
  const rows =
    step === 'conversion' || step === 'repurchase' ? await buyers(db, filter, step === 'repurchase', page) : await actors(db, filter, step, page);
  return { items: rows.map((row) => row.person), total: rows[0]?.total ?? (page.offset > 0 ? await countOnly(db, filter, step) : 0) };
}

/** The total for a page past the end (the window count comes with rows only). */
async function countOnly(db: Db, filter: AnalyticsFilter, step: FunnelStep): Promise<number> {
  const first = await stepPeople(db, filter, step, { limit: 1, offset: 0 });
  return first.total;
}
