-- Fulfilment of sub-orders: the supplier ships (dropship), the buyer confirms receipt (or it is
-- confirmed automatically), and the sub-order completes when its after-sales window closes.

alter table sub_orders add column carrier text;
--> statement-breakpoint
alter table sub_orders add column tracking_number text;
--> statement-breakpoint
alter table sub_orders add column shipped_at timestamptz;
--> statement-breakpoint
alter table sub_orders add column received_at timestamptz;
--> statement-breakpoint
alter table sub_orders add column after_sales_until timestamptz;
--> statement-breakpoint
alter table sub_orders add column completed_at timestamptz;
--> statement-breakpoint
create index sub_orders_awaiting_receipt_idx on sub_orders (shipped_at) where status = 'shipped';
--> statement-breakpoint
create index sub_orders_after_sales_idx on sub_orders (after_sales_until) where status = 'received';
