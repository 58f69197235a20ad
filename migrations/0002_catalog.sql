-- Supply side: supplier profiles reviewed by the platform; products with SKUs, price bands, stock,
-- quality data and review before sale. Existing products get one default SKU each.
-- Frozen once landed: change the schema with a new file, never by editing this one.

-- A supplier organisation's company data and settlement account, reviewed by the platform.
create table supplier_profiles (
  organization_id text primary key references organizations (id),
  company_name text not null check (length(company_name) between 1 and 100),
  -- 统一社会信用代码: 18 characters; the service also checks the check character.
  credit_code text not null check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  contact_name text not null check (length(contact_name) between 1 and 50),
  -- Personal data: AES-256-GCM ciphertext (the platform's PII key), like users.phone_cipher.
  contact_phone text not null,
  bank_name text not null check (length(bank_name) between 1 and 100),
  bank_account_name text not null check (length(bank_account_name) between 1 and 100),
  -- AES-256-GCM ciphertext; the service validates the digits before encrypting them.
  bank_account_number text not null,
  status text not null check (status in ('pending_review', 'approved', 'rejected')),
  rejection_reason text,
  submitted_at timestamptz not null,
  reviewed_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint supplier_profiles_rejection_reason_check check (status <> 'rejected' or rejection_reason is not null)
);
--> statement-breakpoint
create unique index supplier_profiles_credit_code_key on supplier_profiles (credit_code);
--> statement-breakpoint
create index supplier_profiles_status_idx on supplier_profiles (status, submitted_at);
--> statement-breakpoint
-- supply_price_fen and retail_price_fen stay on products as the "from" prices of the product's SKUs
-- (lowest supply price, lowest suggested retail price), kept by the service, so lists need no join.
alter table products
  add column spu_code text,
  add column description_html text not null default '',
  add column image_urls text[] not null default '{}',
  add column shipping_template_id text,
  add column batch_number text,
  add column origin text,
  add column inspection_report_url text,
  add column rejection_reason text,
  add column submitted_at timestamptz,
  add column reviewed_at timestamptz;
--> statement-breakpoint
update products set spu_code = id, image_urls = case when image_url is null then '{}'::text[] else array[image_url] end;
--> statement-breakpoint
-- The supplier's own product code; an insert without one takes the product id (older callers).
create function products_default_spu_code() returns trigger language plpgsql as $$
begin
  new.spu_code := coalesce(new.spu_code, new.id);
  return new;
end
$$;
--> statement-breakpoint
create trigger products_default_spu_code before insert on products
  for each row execute function products_default_spu_code();
--> statement-breakpoint
alter table products alter column spu_code set not null;
--> statement-breakpoint
create unique index products_supplier_spu_code_key on products (supplier_id, spu_code);
--> statement-breakpoint
alter table products add constraint products_id_supplier_key unique (id, supplier_id);
--> statement-breakpoint
alter table products drop constraint products_status_check;
--> statement-breakpoint
alter table products add constraint products_status_check
  check (status in ('draft', 'pending_review', 'approved', 'rejected', 'on_sale', 'off_sale'));
--> statement-breakpoint
alter table products add constraint products_rejection_reason_check check (status <> 'rejected' or rejection_reason is not null);
--> statement-breakpoint
-- One row per sellable variant. supplier_id repeats the product's (enforced by the foreign key) so a
-- supplier's SKU codes are unique and stock sync can find a SKU by code within the supplier's scope.
create table skus (
  id text primary key,
  product_id text not null,
  supplier_id text not null,
  sku_code text not null check (sku_code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  position integer not null default 0,
  -- Ordered spec attributes: [{"name": "颜色", "value": "红色"}, {"name": "尺码", "value": "M"}].
  specs jsonb not null default '[]' check (jsonb_typeof(specs) = 'array'),
  supply_price_fen bigint not null check (supply_price_fen >= 0),
  min_retail_price_fen bigint not null,
  suggested_retail_price_fen bigint not null,
  max_retail_price_fen bigint not null,
  stock integer not null default 0 check (stock >= 0),
  weight_grams integer not null default 0 check (weight_grams >= 0),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  foreign key (product_id, supplier_id) references products (id, supplier_id),
  -- A merchant can never be asked to sell below cost, and the suggested price lies inside the band.
  constraint skus_price_band_check check (
    supply_price_fen <= min_retail_price_fen
    and min_retail_price_fen <= suggested_retail_price_fen
    and suggested_retail_price_fen <= max_retail_price_fen
  )
);
--> statement-breakpoint
create unique index skus_supplier_sku_code_key on skus (supplier_id, sku_code);
--> statement-breakpoint
create index skus_product_idx on skus (product_id, position);
--> statement-breakpoint
-- Every existing product becomes a single-SKU product at its old prices, with no stock yet.
insert into skus (
  id, product_id, supplier_id, sku_code, position, specs, supply_price_fen,
  min_retail_price_fen, suggested_retail_price_fen, max_retail_price_fen, stock, weight_grams, created_at, updated_at
)
select
  'sku_' || substr(id, position('_' in id) + 1), id, supplier_id, left(regexp_replace(id, '[^A-Za-z0-9._-]', '-', 'g'), 62) || '-1', 0, '[]',
  supply_price_fen, greatest(retail_price_fen, supply_price_fen), greatest(retail_price_fen, supply_price_fen),
  greatest(retail_price_fen, supply_price_fen), 0, 0, created_at, updated_at
from products;
