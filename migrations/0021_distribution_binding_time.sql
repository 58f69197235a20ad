-- When each member's referrer was bound (锁粉), so that team health (团队健康度) can find bursts of
-- sign-ups under one referrer. Set once by the engine's store together with referrer_id and, like
-- it, never changed afterwards. Frozen once landed.
alter table distribution_members add column referrer_bound_at timestamptz;
--> statement-breakpoint
-- Members bound before this column existed: their row's creation is the closest known instant.
update distribution_members set referrer_bound_at = created_at where referrer_id is not null;
--> statement-breakpoint
create index distribution_members_bound_at_idx on distribution_members (referrer_bound_at) where referrer_bound_at is not null;
--> statement-breakpoint
-- The package orders of a period, for "refunds after upgrade".
create index distribution_orders_package_paid_idx on distribution_orders (paid_at_ms) where kind = 'PACKAGE';
