-- Marketing analytics (issue 6): a read model of daily roll-ups per scope and per dimension, fed
-- incrementally from the outbox and from the radar's tracking rows, and rebuildable from the source
-- tables (docs/analytics.md, docs/adr/0005-analytics-read-model.md). Frozen once landed.

-- The Beijing calendar day of an instant (UTC+8, no daylight saving), as every roll-up counts days.
create function analytics_beijing_day(instant timestamptz) returns date language sql immutable parallel safe as $$
  select ((instant at time zone 'UTC') + interval '8 hours')::date
$$;
--> statement-breakpoint
-- A paid order as analytics sees it: where it came from (first card the buyer visited before paying,
-- the buyer's distribution team, the delivery or pickup region) and how it is counted. The incremental
-- path reads one order through it, the rebuild and the raw query path read them all: one definition.
create view analytics_order_source as
select
  o.id as order_id,
  o.buyer_user_id,
  o.paid_at,
  analytics_beijing_day(o.paid_at) as day,
  o.merchant_id,
  first_card.card_id,
  first_card.owner_user_id as guide_user_id,
  case when buyer.role = 'BOSS' then buyer.member_id else buyer.team_boss_id end as team_id,
  coalesce(store.province, o.shipping_address ->> 'province') as province,
  coalesce(store.city, o.shipping_address ->> 'city') as city,
  case when first_card.card_id is not null then 'card' when buyer.referrer_id is not null then 'distribution' else 'direct' end as channel,
  o.payable_fen,
  order_units.units
from orders o
-- Lines through their sub-orders: order_lines is indexed by sub-order, sub_orders by order.
cross join lateral (
  select coalesce(sum(line.quantity), 0)::integer as units
  from sub_orders sub join order_lines line on line.sub_order_id = sub.id
  where sub.order_id = o.id
) order_units
left join lateral (
  select v.card_id, v.owner_user_id
  from radar_visitors v
  where v.user_id = o.buyer_user_id and v.first_seen_at <= o.paid_at
  order by v.first_seen_at, v.card_id
  limit 1
) first_card on true
left join distribution_members buyer on buyer.member_id = o.buyer_user_id
left join stores store on store.id = o.pickup_store_id
where o.paid_at is not null;
--> statement-breakpoint
-- A distribution member as analytics sees it: team, referral day, the days it became agent and boss.
create view analytics_member_source as
select
  m.member_id,
  m.referrer_id,
  case when m.role = 'BOSS' then m.member_id else m.team_boss_id end as team_id,
  case when m.referrer_id is not null then analytics_beijing_day(m.referrer_bound_at) end as bound_day,
  analytics_beijing_day(to_timestamp(package_order.paid_at_ms / 1000.0)) as agent_day,
  case when m.role = 'BOSS' then analytics_beijing_day(to_timestamp(coalesce(upgrade_order.paid_at_ms, package_order.paid_at_ms) / 1000.0)) end as boss_day
from distribution_members m
left join distribution_orders package_order on package_order.order_id = m.package_order_id
left join distribution_orders upgrade_order on upgrade_order.order_id = m.upgrade_order_id;
--> statement-breakpoint
-- Order attribution looks up the buyer's card visits by user; the radar has no index for that.
create index analytics_radar_visitors_user_idx on radar_visitors (user_id, first_seen_at) where user_id is not null;
--> statement-breakpoint
-- Outbox events already applied by analytics.rollup: a redelivered event changes nothing.
create table analytics_applied_events (
  event_id text primary key,
  event_type text not null,
  applied_at timestamptz not null
);
--> statement-breakpoint
-- Facts already counted, by natural key ('ship:<sub-order>', 'refund:<case>', 'case:<case>'): the
-- same fact arriving through another event, or a rebuild followed by a late event, counts once.
create table analytics_applied_facts (
  fact_key text primary key
);
--> statement-breakpoint
-- How far the tracking roll-up has read radar_events (identity ids), and the next candidate high
-- mark with the transactions that were writing radar_events then: ids up to it are final once they ended.
create table analytics_watermarks (
  name text primary key,
  applied_through bigint not null default 0,
  candidate_high bigint,
  candidate_writers text[],
  updated_at timestamptz not null
);
--> statement-breakpoint
-- Paid orders with their attribution frozen when first counted.
create table analytics_orders (
  order_id text primary key,
  buyer_user_id text not null,
  paid_at timestamptz not null,
  day date not null,
  merchant_id text,
  card_id text,
  guide_user_id text,
  team_id text,
  province text,
  city text,
  channel text not null check (channel in ('card', 'distribution', 'direct')),
  payable_fen bigint not null,
  units integer not null
);
--> statement-breakpoint
create index analytics_orders_day_idx on analytics_orders (day);
--> statement-breakpoint
create index analytics_orders_merchant_idx on analytics_orders (merchant_id, day) where merchant_id is not null;
--> statement-breakpoint
create index analytics_orders_card_idx on analytics_orders (card_id, day) where card_id is not null;
--> statement-breakpoint
create index analytics_orders_guide_idx on analytics_orders (guide_user_id, day) where guide_user_id is not null;
--> statement-breakpoint
create index analytics_orders_team_idx on analytics_orders (team_id, day) where team_id is not null;
--> statement-breakpoint
-- Per product of a counted order (a product on several lines is one row).
create table analytics_order_products (
  order_id text not null references analytics_orders (order_id) on delete cascade,
  product_id text not null,
  payable_fen bigint not null,
  units integer not null,
  primary key (order_id, product_id)
);
--> statement-breakpoint
-- The daily roll-up per scope. scope_kind platform has scope_id ''.
create table analytics_daily (
  scope_kind text not null check (scope_kind in ('platform', 'merchant', 'team', 'guide', 'card')),
  scope_id text not null,
  day date not null,
  views bigint not null default 0,
  interactions bigint not null default 0,
  shares bigint not null default 0,
  referrals bigint not null default 0,
  orders bigint not null default 0,
  gmv_fen bigint not null default 0,
  new_buyers bigint not null default 0,
  repeat_orders bigint not null default 0,
  units bigint not null default 0,
  refunds bigint not null default 0,
  refund_fen bigint not null default 0,
  after_sales bigint not null default 0,
  shipped bigint not null default 0,
  ship_seconds bigint not null default 0,
  primary key (scope_kind, scope_id, day)
);
--> statement-breakpoint
-- The daily roll-up per scope and dimension value (region province / city, team, channel, product).
create table analytics_daily_dimensions (
  scope_kind text not null,
  scope_id text not null,
  dimension text not null check (dimension in ('province', 'city', 'team', 'channel', 'product')),
  key text not null,
  day date not null,
  views bigint not null default 0,
  shares bigint not null default 0,
  referrals bigint not null default 0,
  orders bigint not null default 0,
  gmv_fen bigint not null default 0,
  units bigint not null default 0,
  primary key (scope_kind, scope_id, dimension, key, day)
);
--> statement-breakpoint
-- The products a scope sold in a date range (inventory turnover): the primary key puts key before day,
-- so without this a merchant's every day of every product would be read.
create index analytics_daily_dimensions_sold_products_idx on analytics_daily_dimensions (scope_kind, scope_id, day) include (key) where dimension = 'product' and units > 0;
--> statement-breakpoint
-- Each buyer's first paid order per scope (new buyers, repeat orders, LTV) and lifetime totals.
create table analytics_buyers (
  scope_kind text not null,
  scope_id text not null,
  buyer_user_id text not null,
  first_paid_at timestamptz not null,
  first_order_id text not null,
  first_day date not null,
  orders bigint not null,
  gmv_fen bigint not null,
  primary key (scope_kind, scope_id, buyer_user_id)
);
--> statement-breakpoint
create index analytics_buyers_first_day_idx on analytics_buyers (scope_kind, scope_id, first_day);
--> statement-breakpoint
-- The months in which a buyer paid, per scope (retention cohorts).
create table analytics_buyer_months (
  scope_kind text not null,
  scope_id text not null,
  buyer_user_id text not null,
  month date not null,
  orders bigint not null,
  primary key (scope_kind, scope_id, buyer_user_id, month)
);
--> statement-breakpoint
-- Distribution members as last seen (referral, agent and boss days).
create table analytics_members (
  member_id text primary key,
  referrer_id text,
  team_id text,
  bound_day date,
  agent_day date,
  boss_day date
);
--> statement-breakpoint
create index analytics_members_bound_idx on analytics_members (bound_day) where bound_day is not null;
--> statement-breakpoint
create index analytics_members_agent_idx on analytics_members (agent_day) where agent_day is not null;
--> statement-breakpoint
-- Marketing spend recorded by operators: append-only; a mistake is reversed by a negative entry.
create table analytics_spend (
  id text primary key,
  kind text not null check (kind in ('entry', 'reversal')),
  day date not null,
  channel text not null check (channel in ('card', 'distribution', 'direct')),
  amount_fen bigint not null check (amount_fen <> 0),
  province text,
  city text,
  team_id text,
  merchant_id text,
  campaign text,
  note text,
  reverses_id text unique references analytics_spend (id),
  created_by text not null,
  created_at timestamptz not null,
  check ((kind = 'reversal') = (reverses_id is not null)),
  check ((kind = 'entry') = (amount_fen > 0)),
  check (city is null or province is not null)
);
--> statement-breakpoint
create index analytics_spend_day_idx on analytics_spend (day);
--> statement-breakpoint
create trigger analytics_spend_append_only before update or delete on analytics_spend
  for each row execute function forbid_rewrite();
--> statement-breakpoint
-- The daily digest sent, per Beijing day and recipient: a rerun sends nothing twice.
create table analytics_digest_deliveries (
  day date not null,
  recipient_user_id text not null,
  sent_at timestamptz not null,
  primary key (day, recipient_user_id)
);
