-- Supplier replenishment: per-supplier and per-SKU settings (lead time, review period, service level,
-- stock on order), the latest forecast of each SKU, and three read-only views over the identity, catalog and order
-- tables that are the module's only window on them (docs/adr/0004-replenishment-read-views.md).
-- Frozen once landed: change the schema with a new file, never by editing this one.

-- A supplier's defaults for all its SKUs; a SKU without its own value inherits them, else the platform's.
create table replenishment_supplier_settings (
  supplier_id text primary key,
  lead_time_days integer not null check (lead_time_days between 1 and 120),
  review_period_days integer not null check (review_period_days between 1 and 60),
  -- Cycle service level (chance of no stock-out while an order is under way) in basis points: 9500 = 95 %.
  service_level_bps integer not null check (service_level_bps between 5000 and 9990),
  updated_by text,
  updated_at timestamptz not null
);
--> statement-breakpoint
-- One SKU's overrides (null: inherit) and what the supplier has already ordered but not received.
create table replenishment_sku_settings (
  sku_id text primary key,
  supplier_id text not null,
  lead_time_days integer check (lead_time_days between 1 and 120),
  review_period_days integer check (review_period_days between 1 and 60),
  service_level_bps integer check (service_level_bps between 5000 and 9990),
  on_order_quantity integer not null default 0 check (on_order_quantity between 0 and 100000000),
  updated_by text,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index replenishment_sku_settings_supplier_idx on replenishment_sku_settings (supplier_id);
--> statement-breakpoint
-- The latest fit per SKU, made from full days up to history_end (refreshed once a day), and the stock
-- levels it asks for under the settings in force. Derived data: rebuilt from orders at any time.
create table replenishment_forecasts (
  sku_id text primary key,
  supplier_id text not null,
  history_end date not null,
  method text not null check (method in ('holt_winters', 'simple_smoothing', 'mean', 'none')),
  alpha double precision,
  beta double precision,
  gamma double precision,
  history_days integer not null check (history_days >= 0),
  sigma_daily double precision not null check (sigma_daily >= 0),
  -- Point forecasts for the 180 days after history_end: the longest lead time plus review period.
  forecast_daily double precision[] not null,
  lead_time_days integer not null,
  review_period_days integer not null,
  service_level_bps integer not null,
  lead_time_demand double precision not null,
  cover_demand double precision not null,
  safety_factor double precision not null,
  safety_stock double precision not null,
  reorder_point integer not null check (reorder_point >= 0),
  target_stock integer not null check (target_stock >= reorder_point),
  computed_at timestamptz not null
);
--> statement-breakpoint
create index replenishment_forecasts_supplier_idx on replenishment_forecasts (supplier_id);
--> statement-breakpoint
-- What the module reads of the catalog: every SKU with its product, supplier and stock on hand.
create view replenishment_sku_facts as
select
  s.id as sku_id,
  s.supplier_id,
  s.product_id,
  s.sku_code,
  s.specs,
  s.stock,
  p.title,
  p.status as product_status,
  o.name as supplier_name
from skus s
join products p on p.id = s.product_id
join organizations o on o.id = s.supplier_id;
--> statement-breakpoint
-- Supplier organisations, so settings can be kept for a supplier before it lists anything.
create view replenishment_suppliers as
select id as supplier_id, name as supplier_name from organizations where kind = 'supplier';
--> statement-breakpoint
-- What the module reads of orders: net units sold per SKU and Beijing calendar day of payment. A
-- refund takes its units off the day they were paid for, because refunded units were never demand.
create view replenishment_daily_demand as
select
  l.sku_id,
  (o.paid_at at time zone 'Asia/Shanghai')::date as day,
  sum(l.quantity - l.refunded_quantity)::integer as quantity
from order_lines l
join orders o on o.id = l.order_id
where o.payment_status = 'paid' and o.paid_at is not null
group by l.sku_id, (o.paid_at at time zone 'Asia/Shanghai')::date
having sum(l.quantity - l.refunded_quantity) > 0;
