-- Each delivery carries its event's position, so a worker finds each subscriber's oldest pending
-- delivery through an index instead of comparing every pending delivery with every other (which grew
-- with the square of a backlog).
alter table outbox_deliveries add column event_position bigint;
--> statement-breakpoint
update outbox_deliveries d set event_position = e.position from outbox_events e where e.id = d.event_id;
--> statement-breakpoint
alter table outbox_deliveries alter column event_position set not null;
--> statement-breakpoint
create index outbox_deliveries_head_idx on outbox_deliveries (subscriber, event_position) where status = 'pending';
