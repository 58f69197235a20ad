-- Catalog extras: a two-level category tree managed by the platform, Chinese product search on
-- jieba tokens, retail prices the platform fixes per SKU, and storefront decoration.
-- Frozen once landed: change the schema with a new file, never by editing this one.

-- Two levels: roots (parent_id null) group leaves; products link to a leaf. The service keeps the
-- depth and keeps names unique across the tree, so a product's category text names one category.
create table categories (
  id text primary key,
  parent_id text references categories (id),
  name_zh text not null check (length(name_zh) between 1 and 50),
  name_en text not null check (length(name_en) between 1 and 50),
  sort_order integer not null default 0,
  icon_url text check (icon_url is null or length(icon_url) <= 500),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint categories_not_own_parent_check check (parent_id is null or parent_id <> id)
);
--> statement-breakpoint
create unique index categories_name_zh_key on categories (lower(name_zh));
--> statement-breakpoint
create index categories_parent_idx on categories (parent_id, sort_order, id);
--> statement-breakpoint
-- category stays as the display text (the leaf's Chinese name when linked), so older readers and
-- order snapshots keep working; category_id is the link the shop browses by.
-- search_title_tokens / search_tokens hold jieba's search-mode tokens, space-separated, written by the
-- catalog on every product write; search_tokens is null until a row has been tokenised.
alter table products
  add column category_id text references categories (id),
  add column search_title_tokens text,
  add column search_tokens text;
--> statement-breakpoint
create index products_category_idx on products (category_id, status);
--> statement-breakpoint
-- Title tokens weigh more than the rest (weight A against C), so a title match ranks first. One
-- function for the index and the queries, so the planner always matches the GIN index.
create function product_search_vector(title_tokens text, other_tokens text) returns tsvector
  language sql immutable parallel safe as $$
    select setweight(to_tsvector('simple'::regconfig, coalesce(title_tokens, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(other_tokens, '')), 'C')
  $$;
--> statement-breakpoint
create index products_search_idx on products using gin (product_search_vector(search_title_tokens, search_tokens));
--> statement-breakpoint
-- Rows written before this migration (or by a path outside the catalog) wait here to be tokenised.
create index products_search_pending_idx on products (id) where search_tokens is null;
--> statement-breakpoint
-- A retail price the platform fixes for a SKU: while set, every storefront sells the SKU at it.
alter table skus add column fixed_retail_price_fen bigint check (fixed_retail_price_fen is null or fixed_retail_price_fen > 0);
--> statement-breakpoint
-- Existing free-text categories become leaves under one "其他" root that the platform can re-file.
-- Ids are derived from the names so the migration is deterministic.
insert into categories (id, parent_id, name_zh, name_en, sort_order, created_at, updated_at)
select 'cat_' || substr(md5('legacy-root'), 1, 26), null, '其他', 'Other', 1000, now(), now()
where exists (select 1 from products where category <> '');
--> statement-breakpoint
insert into categories (id, parent_id, name_zh, name_en, sort_order, created_at, updated_at)
select distinct on (lower(category))
  'cat_' || substr(md5('legacy:' || lower(category)), 1, 26), 'cat_' || substr(md5('legacy-root'), 1, 26),
  category, category, 0, now(), now()
from products
where category <> '' and lower(category) <> lower('其他')
order by lower(category), category;
--> statement-breakpoint
update products set category_id = 'cat_' || substr(md5('legacy:' || lower(category)), 1, 26)
where category <> '' and lower(category) <> lower('其他');
--> statement-breakpoint
-- Storefront decoration: several banners and an intro; featured products and the merchant's own
-- categories (ordered groups of its products) in their own tables.
alter table storefronts
  add column intro text not null default '' check (length(intro) <= 500),
  add column banner_urls text[] not null default '{}';
--> statement-breakpoint
update storefronts set banner_urls = array[banner_url] where banner_url is not null;
--> statement-breakpoint
create table storefront_featured_products (
  merchant_id text not null references storefronts (merchant_id),
  product_id text not null references products (id),
  position integer not null,
  primary key (merchant_id, product_id)
);
--> statement-breakpoint
create table storefront_categories (
  id text primary key,
  merchant_id text not null references storefronts (merchant_id),
  name text not null check (length(name) between 1 and 20),
  position integer not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create unique index storefront_categories_name_key on storefront_categories (merchant_id, lower(name));
--> statement-breakpoint
create table storefront_category_products (
  category_id text not null references storefront_categories (id) on delete cascade,
  product_id text not null references products (id),
  position integer not null,
  primary key (category_id, product_id)
);
--> statement-breakpoint
-- The old name-only categories become empty groups, in their order.
insert into storefront_categories (id, merchant_id, name, position, created_at, updated_at)
select 'sfc_' || substr(md5(s.merchant_id || ':' || c.name), 1, 26), s.merchant_id, left(c.name, 20), c.position::integer - 1, s.updated_at, s.updated_at
from storefronts s, unnest(s.categories) with ordinality as c(name, position)
where length(trim(c.name)) > 0
on conflict do nothing;
--> statement-breakpoint
-- Both now live in banner_urls and storefront_categories.
alter table storefronts drop column banner_url, drop column categories;
