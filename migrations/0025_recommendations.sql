-- Product recommendations: an item-to-item model over who interacted with what (paid orders and card
-- product clicks), kept incrementally and rebuildable from scratch. Every table here is derived: a
-- rebuild empties them and replays the sources. Products and people are plain ids without foreign
-- keys: the catalog, orders and radar own them.

-- One row per person and product, the first time they met. A person is a member (`usr_…`) or, for a
-- card visitor who never signed in, `vis:` and the radar visitor id. The primary key is what makes a
-- replayed order or tracking row change nothing.
create table recommendation_interactions (
  person_key text not null check (length(person_key) between 1 and 200),
  product_id text not null,
  source text not null check (source in ('order', 'card')),
  first_at timestamptz not null,
  primary key (person_key, product_id)
);
--> statement-breakpoint
-- Per product: how many people interacted with it (the cosine's norm) and how many paid orders held
-- it (popularity).
create table recommendation_products (
  product_id text primary key,
  persons integer not null default 0 check (persons >= 0),
  orders integer not null default 0 check (orders >= 0)
);
--> statement-breakpoint
create index recommendation_products_orders_idx on recommendation_products (orders desc, persons desc, product_id);
--> statement-breakpoint
-- How many people interacted with both products; stored in both directions so one product's
-- neighbours are one index range.
create table recommendation_pairs (
  product_id text not null,
  other_product_id text not null,
  persons integer not null check (persons > 0),
  primary key (product_id, other_product_id),
  check (product_id <> other_product_id)
);
--> statement-breakpoint
-- Paid orders per region and product: popular-in-region. City '' holds orders whose city is unknown.
create table recommendation_region_products (
  province text not null,
  city text not null,
  product_id text not null,
  orders integer not null check (orders > 0),
  primary key (province, city, product_id)
);
--> statement-breakpoint
create index recommendation_region_products_rank_idx on recommendation_region_products (province, city, orders desc);
--> statement-breakpoint
-- A member's region: the one of their latest paid order (shipping address, or the pickup store).
create table recommendation_person_regions (
  person_key text primary key,
  province text not null,
  city text not null,
  order_paid_at timestamptz not null,
  order_id text not null
);
--> statement-breakpoint
-- Orders already applied: an order.paid delivered twice, or met again by a rebuild, counts once.
create table recommendation_applied_orders (
  order_id text primary key,
  applied_at timestamptz not null
);
--> statement-breakpoint
-- How far the card-behaviour job has read radar's tracking rows (by their identity id).
create table recommendation_watermarks (
  name text primary key,
  position bigint not null check (position >= 0),
  updated_at timestamptz not null
);
