-- Orders: one parent order per checkout, one sub-order per supplier (dropship), price snapshots per line.
-- Stock is reserved in the checkout transaction by catalog's guarded decrement, never here.

create table orders (
  id text primary key,
  buyer_user_id text not null references users (id),
  merchant_id text references organizations (id),
  delivery_method text not null check (delivery_method in ('delivery', 'pickup')),
  pickup_store_id text references stores (id),
  shipping_address jsonb,
  goods_fen bigint not null check (goods_fen >= 0),
  discount_fen bigint not null check (discount_fen >= 0 and discount_fen <= goods_fen),
  shipping_fen bigint not null check (shipping_fen >= 0),
  payable_fen bigint not null check (payable_fen = goods_fen - discount_fen + shipping_fen),
  payment_status text not null default 'unpaid' check (payment_status in ('unpaid', 'paid', 'closed')),
  expires_at timestamptz not null,
  created_at timestamptz not null,
  paid_at timestamptz,
  closed_at timestamptz,
  check (delivery_method <> 'pickup' or pickup_store_id is not null),
  check (delivery_method <> 'delivery' or shipping_address is not null)
);
--> statement-breakpoint
create index orders_buyer_idx on orders (buyer_user_id, created_at desc);
--> statement-breakpoint
create index orders_unpaid_expiry_idx on orders (expires_at) where payment_status = 'unpaid';
--> statement-breakpoint
create table sub_orders (
  id text primary key,
  order_id text not null references orders (id),
  supplier_id text not null references organizations (id),
  status text not null check (status in ('created', 'paid', 'shipped', 'received', 'completed', 'cancelled', 'closed', 'refunding', 'refunded')),
  goods_fen bigint not null check (goods_fen >= 0),
  discount_fen bigint not null check (discount_fen >= 0),
  shipping_fen bigint not null check (shipping_fen >= 0),
  payable_fen bigint not null check (payable_fen >= 0),
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index sub_orders_order_idx on sub_orders (order_id);
--> statement-breakpoint
create index sub_orders_supplier_idx on sub_orders (supplier_id, created_at desc);
--> statement-breakpoint
create table order_lines (
  id text primary key,
  order_id text not null references orders (id),
  sub_order_id text not null references sub_orders (id),
  sku_id text not null,
  product_id text not null,
  title text not null,
  specs text not null,
  quantity integer not null check (quantity > 0),
  unit_price_fen bigint not null check (unit_price_fen >= 0),
  supply_price_fen bigint not null check (supply_price_fen >= 0),
  line_total_fen bigint not null check (line_total_fen = unit_price_fen * quantity),
  discount_fen bigint not null check (discount_fen >= 0 and discount_fen <= line_total_fen),
  payable_fen bigint not null check (payable_fen = line_total_fen - discount_fen)
);
--> statement-breakpoint
create index order_lines_sub_order_idx on order_lines (sub_order_id);
--> statement-breakpoint
-- Every status change of a sub-order, appended in the transaction that makes it.
create table order_status_history (
  id text primary key,
  sub_order_id text not null references sub_orders (id),
  from_status text,
  to_status text not null,
  event text not null,
  actor_user_id text,
  occurred_at timestamptz not null
);
--> statement-breakpoint
create index order_status_history_sub_order_idx on order_status_history (sub_order_id, occurred_at);
