-- Merchant storefronts (B): a merchant picks supply-catalog SKUs into its own shop and sets a retail
-- price inside each SKU's price band; consumers buy through the storefront at that price.

create table storefronts (
  merchant_id text primary key references organizations (id),
  name text not null check (length(name) between 1 and 50),
  logo_url text,
  banner_url text,
  categories text[] not null default '{}',
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create table storefront_items (
  merchant_id text not null references organizations (id),
  sku_id text not null references skus (id),
  product_id text not null,
  retail_price_fen bigint not null check (retail_price_fen > 0),
  featured boolean not null default false,
  position integer not null default 0,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (merchant_id, sku_id)
);
--> statement-breakpoint
create index storefront_items_product_idx on storefront_items (merchant_id, product_id);
