-- Store pickup (自提): a paid pickup order gets a code the buyer shows; store staff verify it.

alter table orders add column pickup_code text check (pickup_code ~ '^[0-9]{6}$');
--> statement-breakpoint
alter table orders add column collected_at timestamptz;
--> statement-breakpoint
-- Codes are unique among a store's orders waiting to be collected.
create unique index orders_pickup_code_waiting_key on orders (pickup_store_id, pickup_code) where pickup_code is not null and collected_at is null;
