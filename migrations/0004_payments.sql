-- Payments of orders through a PaymentProvider, and a log of every notification received.

create table payments (
  id text primary key,
  order_id text not null references orders (id),
  provider text not null,
  amount_fen bigint not null check (amount_fen > 0),
  status text not null check (status in ('pending', 'succeeded', 'failed', 'closed')),
  provider_transaction_id text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  paid_at timestamptz
);
--> statement-breakpoint
create index payments_order_idx on payments (order_id, created_at desc);
--> statement-breakpoint
-- An order is paid at most once, whatever notifications arrive.
create unique index payments_one_success_per_order on payments (order_id) where status = 'succeeded';
--> statement-breakpoint
-- Every notification, accepted or not, so a forged or mismatched one leaves a trace for review.
create table payment_notifications (
  id text primary key,
  provider text not null,
  payment_id text,
  received_at timestamptz not null,
  outcome text not null check (outcome in ('applied', 'duplicate', 'rejected', 'failed_payment')),
  error_code text,
  body_sha256 text not null
);
--> statement-breakpoint
create index payment_notifications_payment_idx on payment_notifications (payment_id, received_at);
