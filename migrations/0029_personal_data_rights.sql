-- Personal-data rights under PIPL (个人信息保护法, issue 7): a member's request to delete their
-- account. The request waits out a cooling-off period (cancellable by the member), then an operator
-- or the scheduled job anonymises the member. One open request per member at a time.
create table personal_data_requests (
  id text primary key,
  user_id text not null references users (id),
  kind text not null check (kind in ('deletion')),
  status text not null check (status in ('pending', 'cancelled', 'completed')),
  requested_at timestamptz not null,
  -- The end of the cooling-off period: the request is executed on or after this time.
  due_at timestamptz not null,
  cancelled_at timestamptz,
  completed_at timestamptz,
  -- Who executed it: a console user's id, or null when the scheduled job did.
  completed_by text,
  -- The last refusal (an open order, a pending withdrawal, ...) seen when executing it, to show operators.
  last_refusal text,
  last_attempt_at timestamptz,
  check ((status = 'cancelled') = (cancelled_at is not null)),
  check ((status = 'completed') = (completed_at is not null))
);
--> statement-breakpoint
create unique index personal_data_requests_one_open on personal_data_requests (user_id, kind) where status = 'pending';
--> statement-breakpoint
create index personal_data_requests_due on personal_data_requests (due_at) where status = 'pending';
