-- After-sales: a buyer asks for a refund (with or without returning goods) on lines of a sub-order;
-- staff approve or reject; an approved case refunds through the payment provider.

create table after_sales_cases (
  id text primary key,
  order_id text not null references orders (id),
  sub_order_id text not null references sub_orders (id),
  buyer_user_id text not null references users (id),
  kind text not null check (kind in ('refund_only', 'return_and_refund')),
  reason text not null check (length(reason) between 1 and 200),
  photo_urls text[] not null default '{}',
  status text not null check (status in ('requested', 'refunded', 'rejected')),
  -- The sub-order's status before the case, to return to when the case ends without a full refund.
  resume_status text not null check (resume_status in ('paid', 'shipped', 'received')),
  refund_fen bigint not null check (refund_fen > 0),
  decided_by text,
  decision_note text,
  created_at timestamptz not null,
  decided_at timestamptz
);
--> statement-breakpoint
-- At most one open case per sub-order.
create unique index after_sales_one_open_per_sub_order on after_sales_cases (sub_order_id) where status = 'requested';
--> statement-breakpoint
create table after_sales_lines (
  case_id text not null references after_sales_cases (id),
  order_line_id text not null references order_lines (id),
  quantity integer not null check (quantity > 0),
  refund_fen bigint not null check (refund_fen >= 0),
  primary key (case_id, order_line_id)
);
--> statement-breakpoint
alter table order_lines add column refunded_quantity integer not null default 0;
--> statement-breakpoint
alter table order_lines add column refunded_fen bigint not null default 0;
--> statement-breakpoint
alter table order_lines add constraint order_lines_refund_check check (refunded_quantity between 0 and quantity and refunded_fen between 0 and payable_fen);
--> statement-breakpoint
create table refunds (
  id text primary key,
  payment_id text not null references payments (id),
  case_id text not null references after_sales_cases (id),
  amount_fen bigint not null check (amount_fen > 0),
  status text not null check (status in ('processing', 'succeeded', 'failed')),
  provider_refund_id text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create unique index refunds_one_per_case on refunds (case_id);
