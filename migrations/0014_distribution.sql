-- 链动2+1 distribution engine (issue 4): members with their two links, versioned commission
-- profiles, reward lines, capped excess, processed events, review flags and the gift-package flag.
-- docs/distribution-rules.md explains the rules. Frozen once landed.

-- One row per member of the distribution (a user id in production, a scenario name in the simulator;
-- no foreign key to users, so that the simulator runs the same schema on an empty database).
create table distribution_members (
  member_id text primary key check (length(member_id) between 1 and 64),
  role text not null check (role in ('MEMBER', 'AGENT', 'BOSS')),
  referrer_id text check (referrer_id is null or referrer_id <> member_id),
  team_boss_id text,
  peer_upline_id text,
  left_team_boss_id text,
  contribution_slots jsonb not null default '[]',
  package_order_id text,
  upgrade_order_id text,
  active_referral_count integer not null default 0 check (active_referral_count >= 0),
  flags jsonb not null default '[]',
  invite_code text not null unique check (invite_code ~ '^[A-Z0-9]{6,16}$'),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- I1: a boss is in nobody's team.
  check (role <> 'BOSS' or team_boss_id is null)
);
--> statement-breakpoint
create index distribution_members_referrer_idx on distribution_members (referrer_id) where referrer_id is not null;
--> statement-breakpoint
create index distribution_members_team_boss_idx on distribution_members (team_boss_id) where team_boss_id is not null;
--> statement-breakpoint
create index distribution_members_peer_upline_idx on distribution_members (peer_upline_id) where peer_upline_id is not null;
--> statement-breakpoint
-- 推荐人 is bound once (锁粉): the database refuses to change or clear it, whatever code writes.
create function distribution_referrer_immutable() returns trigger language plpgsql as $$
begin
  if old.referrer_id is not null and new.referrer_id is distinct from old.referrer_id then
    raise exception 'distribution_members.referrer_id is immutable once bound' using errcode = '42501';
  end if;
  return new;
end $$;
--> statement-breakpoint
create trigger distribution_members_referrer_immutable before update on distribution_members
  for each row execute function distribution_referrer_immutable();
--> statement-breakpoint
-- Versioned commission profiles (§6.1). Only one is active; a used version is never edited.
create table distribution_profiles (
  id text primary key,
  profile_key text not null check (length(profile_key) between 1 and 64),
  version text not null,
  name text not null default '',
  definition jsonb not null,
  status text not null check (status in ('draft', 'active', 'retired')),
  created_by text,
  created_at timestamptz not null,
  activated_at timestamptz,
  retired_at timestamptz,
  unique (profile_key, version)
);
--> statement-breakpoint
create unique index distribution_profiles_one_active on distribution_profiles ((status)) where status = 'active';
--> statement-breakpoint
-- Orders the engine has processed, with the counters the caps read.
create table distribution_orders (
  order_id text primary key,
  kind text not null check (kind in ('PACKAGE', 'REPURCHASE')),
  buyer_id text not null,
  amount_fen bigint not null check (amount_fen > 0),
  paid_at_ms bigint not null,
  paid_day integer not null,
  status text not null check (status in ('PAID', 'REFUNDED')),
  refunded_fen bigint not null default 0 check (refunded_fen >= 0),
  refund_keys jsonb not null default '[]',
  payee_positions integer not null default 0,
  credited_fen bigint not null default 0,
  profile_id text not null,
  profile_version text not null,
  -- The day from which the freeze is counted: the after-sales close in production, the paid day in
  -- the simulator; null while the after-sales window is still open.
  settle_basis_day integer,
  created_at timestamptz not null
);
--> statement-breakpoint
create index distribution_orders_buyer_idx on distribution_orders (buyer_id);
--> statement-breakpoint
-- The engine's reward lines (§6.3); each id is also the id of its pending ledger transfer.
create table distribution_reward_lines (
  id text primary key,
  sequence bigserial not null unique,
  order_id text not null references distribution_orders (order_id),
  payee_id text not null,
  kind text not null check (kind ~ '^(CLAWBACK_)?(DIRECT|TEAM|PEER|REPURCHASE_DIRECT|REPURCHASE_TEAM)$'),
  amount_fen bigint not null check (amount_fen <> 0),
  status text not null check (status in ('PENDING', 'SETTLED', 'REVERSED')),
  source_user_id text not null,
  profile_id text not null,
  profile_version text not null,
  created_at_ms bigint not null,
  created_day integer not null,
  order_paid_day integer not null,
  reverses_line_id text,
  basis_line_ids jsonb not null default '[]',
  updated_at timestamptz not null,
  check ((kind like 'CLAWBACK_%') = (amount_fen < 0))
);
--> statement-breakpoint
create index distribution_reward_lines_order_idx on distribution_reward_lines (order_id, sequence);
--> statement-breakpoint
create index distribution_reward_lines_payee_idx on distribution_reward_lines (payee_id, sequence);
--> statement-breakpoint
create index distribution_reward_lines_pending_idx on distribution_reward_lines (order_id) where status = 'PENDING';
--> statement-breakpoint
-- Income counted against the daily and monthly caps.
create table distribution_income (
  payee_id text not null,
  period text not null,
  amount_fen bigint not null check (amount_fen >= 0),
  primary key (payee_id, period)
);
--> statement-breakpoint
-- Money a cap kept from a payee: recorded, never lost (§5.5).
create table distribution_capped_excess (
  id text primary key,
  order_id text not null,
  payee_id text not null,
  kind text not null,
  amount_fen bigint not null check (amount_fen > 0),
  reason text not null,
  day integer not null,
  profile_id text not null,
  profile_version text not null,
  created_at timestamptz not null
);
--> statement-breakpoint
create index distribution_capped_excess_payee_idx on distribution_capped_excess (payee_id);
--> statement-breakpoint
-- A rejection given to an order, so that a redelivery gets the same answer.
create table distribution_rejections (
  order_id text primary key,
  code text not null,
  created_at timestamptz not null
);
--> statement-breakpoint
-- Commerce events already handled (order.paid per order, order.refunded per refund, order.completed
-- per sub-order): a redelivery finds its key and changes nothing.
create table distribution_processed_events (
  event_key text primary key,
  event_type text not null,
  order_id text,
  outcome text not null,
  processed_at timestamptz not null
);
--> statement-breakpoint
create table distribution_review_flags (
  id bigserial primary key,
  member_id text not null,
  reason text not null,
  order_id text,
  created_at timestamptz not null,
  unique (member_id, reason, order_id)
);
--> statement-breakpoint
-- Products sold as the gift package (礼包): paying for one makes the buyer an agent.
create table distribution_package_products (
  product_id text primary key,
  created_by text,
  created_at timestamptz not null
);
