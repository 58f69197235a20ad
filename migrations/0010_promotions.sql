-- Promotions: coupons (满减 / 折扣 / 无门槛), flash sales (秒杀) and group buys (拼团).
-- Quotas are plain integer columns taken by guarded single-statement decrements, and per-user limits
-- are counter rows updated with a guard, so concurrent requests can never oversell or overclaim.

create table coupon_templates (
  id text primary key,
  -- null: issued by the platform, valid everywhere; otherwise only in that merchant's storefront.
  merchant_id text references organizations (id),
  name text not null check (length(name) between 1 and 40),
  kind text not null check (kind in ('full_reduction', 'discount', 'no_threshold')),
  threshold_fen bigint not null default 0 check (threshold_fen >= 0),
  reduction_fen bigint check (reduction_fen > 0),
  rate_bps integer check (rate_bps between 1 and 9999),
  max_discount_fen bigint check (max_discount_fen > 0),
  total_quantity integer not null check (total_quantity > 0),
  remaining_quantity integer not null check (remaining_quantity >= 0 and remaining_quantity <= total_quantity),
  per_user_limit integer not null check (per_user_limit > 0),
  -- Either a fixed window, or valid for N days from the moment it is claimed.
  valid_from timestamptz,
  valid_until timestamptz,
  valid_days integer check (valid_days > 0),
  product_ids text[] not null default '{}',
  status text not null default 'active' check (status in ('active', 'ended')),
  created_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((valid_days is not null and valid_from is null and valid_until is null) or (valid_days is null and valid_from is not null and valid_until > valid_from))
);
--> statement-breakpoint
create index coupon_templates_merchant_idx on coupon_templates (merchant_id, created_at);
--> statement-breakpoint
create table coupon_claims (
  template_id text not null references coupon_templates (id),
  user_id text not null references users (id),
  claimed integer not null check (claimed > 0),
  primary key (template_id, user_id)
);
--> statement-breakpoint
create table coupons (
  id text primary key,
  template_id text not null references coupon_templates (id),
  user_id text not null references users (id),
  status text not null check (status in ('available', 'used')),
  valid_from timestamptz not null,
  valid_until timestamptz not null,
  order_id text references orders (id),
  discount_fen bigint,
  used_at timestamptz,
  claimed_at timestamptz not null
);
--> statement-breakpoint
create index coupons_user_idx on coupons (user_id, status, valid_until);
--> statement-breakpoint
create index coupons_order_idx on coupons (order_id) where order_id is not null;
--> statement-breakpoint
create table flash_sales (
  id text primary key,
  merchant_id text references organizations (id),
  name text not null check (length(name) between 1 and 40),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  status text not null default 'active' check (status in ('active', 'ended')),
  created_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index flash_sales_window_idx on flash_sales (status, ends_at);
--> statement-breakpoint
create table flash_sale_items (
  flash_sale_id text not null references flash_sales (id),
  sku_id text not null references skus (id),
  product_id text not null,
  flash_price_fen bigint not null check (flash_price_fen > 0),
  quota integer not null check (quota > 0),
  remaining integer not null check (remaining >= 0 and remaining <= quota),
  per_user_limit integer not null check (per_user_limit > 0),
  primary key (flash_sale_id, sku_id)
);
--> statement-breakpoint
create table flash_sale_purchases (
  flash_sale_id text not null,
  sku_id text not null,
  user_id text not null references users (id),
  quantity integer not null check (quantity >= 0),
  primary key (flash_sale_id, sku_id, user_id),
  foreign key (flash_sale_id, sku_id) references flash_sale_items (flash_sale_id, sku_id)
);
--> statement-breakpoint
-- What an order took from a flash sale, so closing it unpaid gives back exactly that, once.
create table flash_sale_order_lines (
  order_id text not null references orders (id),
  flash_sale_id text not null,
  sku_id text not null,
  user_id text not null,
  quantity integer not null check (quantity > 0),
  released_at timestamptz,
  primary key (order_id, sku_id)
);
--> statement-breakpoint
create table group_buy_activities (
  id text primary key,
  merchant_id text references organizations (id),
  name text not null check (length(name) between 1 and 40),
  sku_id text not null references skus (id),
  product_id text not null,
  group_price_fen bigint not null check (group_price_fen > 0),
  group_size integer not null check (group_size between 2 and 50),
  time_limit_minutes integer not null check (time_limit_minutes between 5 and 10080),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  status text not null default 'active' check (status in ('active', 'ended')),
  created_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index group_buy_activities_product_idx on group_buy_activities (product_id, status);
--> statement-breakpoint
create table group_buy_groups (
  id text primary key,
  activity_id text not null references group_buy_activities (id),
  leader_user_id text not null references users (id),
  status text not null check (status in ('pending', 'open', 'succeeded', 'failed', 'abandoned')),
  required_members integer not null check (required_members >= 2),
  -- Seats held by members with an order (paid or not yet); a seat is freed when an unpaid order closes.
  seats_taken integer not null check (seats_taken >= 0 and seats_taken <= required_members),
  paid_members integer not null default 0 check (paid_members >= 0 and paid_members <= seats_taken),
  expires_at timestamptz not null,
  created_at timestamptz not null,
  finished_at timestamptz
);
--> statement-breakpoint
create index group_buy_groups_activity_idx on group_buy_groups (activity_id, status, expires_at);
--> statement-breakpoint
create index group_buy_groups_due_idx on group_buy_groups (expires_at) where status in ('pending', 'open');
--> statement-breakpoint
create table group_buy_members (
  group_id text not null references group_buy_groups (id),
  user_id text not null references users (id),
  order_id text not null unique references orders (id),
  role text not null check (role in ('leader', 'member')),
  status text not null check (status in ('pending', 'paid', 'left', 'refund_due', 'refunded')),
  joined_at timestamptz not null,
  paid_at timestamptz,
  refunded_at timestamptz,
  refund_attempts integer not null default 0,
  last_refund_error text,
  primary key (group_id, order_id)
);
--> statement-breakpoint
-- A buyer holds at most one live seat in a group; a seat whose order closed unpaid ('left') may be taken again.
create unique index group_buy_members_one_seat on group_buy_members (group_id, user_id) where status <> 'left';
--> statement-breakpoint
create index group_buy_members_refund_due_idx on group_buy_members (status) where status = 'refund_due';
