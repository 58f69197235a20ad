-- Logistics tracking and reviews.
-- logistics_tracks caches, per shipped sub-order, the checkpoints a tracker reported (a carrier's
-- query API, or the offline tracker that replays our own records), so readers never wait on a carrier
-- and the carrier is asked at most once per interval.

create table logistics_tracks (
  sub_order_id text primary key references sub_orders (id),
  -- The carrier's code in our carrier list; null when the shipper typed a carrier we do not know.
  carrier_code text,
  tracking_number text not null,
  source text not null check (source in ('kuaidi100', 'offline')),
  status text not null check (status in ('shipped', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returning', 'returned')),
  checkpoints jsonb not null default '[]',
  refreshed_at timestamptz,
  -- Nobody asks the tracker again before this; claimed with a guarded update, so one caller wins.
  next_refresh_at timestamptz not null,
  last_error text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index logistics_tracks_due_idx on logistics_tracks (next_refresh_at) where status not in ('delivered', 'returned');
--> statement-breakpoint
-- The offline tracker finds the parcels our system recorded by their tracking number.
create index sub_orders_tracking_number_idx on sub_orders (tracking_number) where tracking_number is not null;
--> statement-breakpoint
create table reviews (
  id text primary key,
  order_id text not null references orders (id),
  sub_order_id text not null references sub_orders (id),
  order_line_id text not null references order_lines (id),
  product_id text not null,
  sku_id text not null,
  specs text not null,
  buyer_user_id text not null references users (id),
  -- Masked when written (高*, 林*雨): the review never carries the buyer's full name.
  buyer_name_masked text not null,
  supplier_id text not null references organizations (id),
  merchant_id text references organizations (id),
  rating smallint not null check (rating between 1 and 5),
  content text not null check (length(content) <= 500),
  photo_urls text[] not null default '{}' check (cardinality(photo_urls) <= 9),
  anonymous boolean not null,
  status text not null check (status in ('visible', 'hidden')),
  hidden_reason text,
  hidden_by text,
  hidden_at timestamptz,
  reply_content text check (length(reply_content) between 1 and 500),
  reply_by text,
  reply_organization_id text,
  replied_at timestamptz,
  created_at timestamptz not null,
  check ((reply_content is null) = (replied_at is null)),
  check ((status = 'hidden') = (hidden_at is not null))
);
--> statement-breakpoint
-- Each order line is reviewed once.
create unique index reviews_order_line_key on reviews (order_line_id);
--> statement-breakpoint
create index reviews_product_visible_idx on reviews (product_id, created_at desc) where status = 'visible';
--> statement-breakpoint
create index reviews_buyer_idx on reviews (buyer_user_id, created_at desc);
--> statement-breakpoint
create index reviews_supplier_idx on reviews (supplier_id, created_at desc);
--> statement-breakpoint
create index reviews_merchant_idx on reviews (merchant_id, created_at desc) where merchant_id is not null;
