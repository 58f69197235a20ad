-- Growth privileges (issue 6): the two level privileges that were stored but not used yet.

-- 优先发货: a fact decided once, in the payment's transaction, from the buyer's level at that moment.
-- A level lost later does not unmark a paid order, so the order keeps why it is priority (the level's
-- id and names, the buyer's points and invites then) next to the flag.
alter table orders add column priority_shipping boolean not null default false;
--> statement-breakpoint
alter table orders add column priority_shipping_reason jsonb;
--> statement-breakpoint
alter table orders add constraint orders_priority_shipping_reason_check check (priority_shipping = (priority_shipping_reason is not null));
--> statement-breakpoint
-- The platform-wide list of priority orders waiting to ship, oldest paid first.
create index orders_priority_shipping_idx on orders (paid_at) where priority_shipping;
--> statement-breakpoint
-- 爆品专享: a product the platform reserves for members whose level grants hot-product access. The shop
-- still shows it; checkout refuses it to everyone else.
alter table products add column hot_product boolean not null default false;
