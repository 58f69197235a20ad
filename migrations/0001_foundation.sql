-- Platform foundation: organisations, users, sessions, audit log, outbox, stores and products.
-- Frozen once landed: change the schema with a new file, never by editing this one.

create table organizations (
  id text primary key,
  kind text not null check (kind in ('platform', 'supplier', 'merchant')),
  name text not null check (length(name) between 1 and 100),
  status text not null default 'active' check (status in ('active', 'suspended')),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create table users (
  id text primary key,
  organization_id text references organizations (id),
  roles text[] not null check (cardinality(roles) >= 1),
  display_name text not null,
  phone_cipher text,
  phone_hash text,
  phone_masked text,
  password_hash text,
  status text not null default 'active' check (status in ('active', 'disabled')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  last_login_at timestamptz
);
--> statement-breakpoint
create unique index users_phone_hash_key on users (phone_hash);
--> statement-breakpoint
create index users_organization_idx on users (organization_id, created_at);
--> statement-breakpoint
create table wechat_identities (
  app_id text not null,
  open_id text not null,
  union_id text,
  user_id text not null references users (id),
  created_at timestamptz not null,
  primary key (app_id, open_id)
);
--> statement-breakpoint
create table sessions (
  id text primary key,
  token_hash text not null unique,
  user_id text not null references users (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
--> statement-breakpoint
create index sessions_user_idx on sessions (user_id);
--> statement-breakpoint
create table login_attempts (
  id text primary key,
  phone_hash text,
  ip text,
  succeeded boolean not null,
  attempted_at timestamptz not null
);
--> statement-breakpoint
create index login_attempts_phone_idx on login_attempts (phone_hash, attempted_at);
--> statement-breakpoint
create index login_attempts_ip_idx on login_attempts (ip, attempted_at);
--> statement-breakpoint
create table audit_log (
  id text primary key,
  sequence bigserial not null unique,
  occurred_at timestamptz not null,
  actor_user_id text,
  actor_name text,
  actor_roles text[] not null,
  organization_id text,
  action text not null,
  entity_type text not null,
  entity_id text not null,
  before jsonb,
  after jsonb,
  request_id text not null,
  ip text
);
--> statement-breakpoint
create index audit_log_occurred_idx on audit_log (occurred_at desc);
--> statement-breakpoint
create index audit_log_entity_idx on audit_log (entity_type, entity_id);
--> statement-breakpoint
create index audit_log_organization_idx on audit_log (organization_id, occurred_at desc);
--> statement-breakpoint
-- The audit log is evidence: the database itself refuses to rewrite or delete it.
create function forbid_rewrite() returns trigger language plpgsql as $$
begin
  raise exception 'table % is append-only', tg_table_name using errcode = '42501';
end
$$;
--> statement-breakpoint
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function forbid_rewrite();
--> statement-breakpoint
create table outbox_events (
  id text primary key,
  position bigserial not null unique,
  type text not null,
  aggregate_id text,
  payload jsonb not null,
  occurred_at timestamptz not null,
  request_id text,
  dispatched_at timestamptz
);
--> statement-breakpoint
create index outbox_events_undispatched_idx on outbox_events (position) where dispatched_at is null;
--> statement-breakpoint
create table outbox_deliveries (
  event_id text not null references outbox_events (id),
  subscriber text not null,
  status text not null check (status in ('pending', 'delivered', 'dead')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  last_error text,
  delivered_at timestamptz,
  primary key (event_id, subscriber)
);
--> statement-breakpoint
create index outbox_deliveries_due_idx on outbox_deliveries (next_attempt_at) where status = 'pending';
--> statement-breakpoint
create table stores (
  id text primary key,
  merchant_id text not null references organizations (id),
  name text not null,
  province text not null,
  city text not null,
  district text not null,
  address text not null,
  latitude double precision not null check (latitude between -90 and 90),
  longitude double precision not null check (longitude between -180 and 180),
  phone text,
  status text not null default 'open' check (status in ('open', 'closed')),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index stores_merchant_idx on stores (merchant_id);
--> statement-breakpoint
create table products (
  id text primary key,
  supplier_id text not null references organizations (id),
  title text not null,
  subtitle text not null default '',
  category text not null,
  image_url text,
  supply_price_fen bigint not null check (supply_price_fen >= 0),
  retail_price_fen bigint not null check (retail_price_fen >= 0),
  status text not null default 'draft' check (status in ('draft', 'on_sale', 'off_sale')),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index products_supplier_idx on products (supplier_id);
--> statement-breakpoint
create index products_status_idx on products (status, created_at desc);
--> statement-breakpoint
-- A retried write with the same Idempotency-Key replays the first answer instead of acting twice.
create table idempotency_keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  status_code integer,
  response_body jsonb,
  created_at timestamptz not null,
  primary key (scope, key)
);
