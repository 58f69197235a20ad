-- Growth campaigns (issue 6): points (能量值) for actions, levels with privileges, and invite
-- campaigns (ladder rewards and tiered rates) with budgets. Cash rewards are ledger transfers; these
-- tables hold the rules, the points ledger and the decisions behind every reward.

-- Points per action; one row per action, seeded below and edited by operations.
create table growth_point_rules (
  action text primary key check (action in ('share', 'review', 'order')),
  enabled boolean not null,
  points integer not null check (points between 0 and 100000),
  -- Orders only: extra points per whole yuan paid.
  points_per_yuan integer not null default 0 check (points_per_yuan between 0 and 1000),
  -- At most this many points per member per business day from this action; null means no limit.
  daily_cap integer check (daily_cap is null or daily_cap between 1 and 10000000),
  updated_by text,
  updated_at timestamptz not null
);
--> statement-breakpoint
insert into growth_point_rules (action, enabled, points, points_per_yuan, daily_cap, updated_by, updated_at) values
  ('share', true, 5, 0, 20, null, now()),
  ('review', true, 20, 0, 60, null, now()),
  ('order', true, 10, 1, 2000, null, now());
--> statement-breakpoint
-- The points ledger: append-only lines, each idempotent on its cause (the event or decision that made it).
create table growth_point_lines (
  id text primary key,
  member_id text not null,
  action text not null check (action in ('share', 'review', 'order', 'order_refund', 'campaign')),
  cause_id text not null unique,
  points bigint not null check (points <> 0),
  reverses_line_id text references growth_point_lines (id),
  campaign_id text,
  -- Business day (China time) the line counts for, for the daily caps and the history.
  day integer not null,
  created_at timestamptz not null
);
--> statement-breakpoint
create index growth_point_lines_member on growth_point_lines (member_id, created_at desc, id desc);
--> statement-breakpoint
create index growth_point_lines_created on growth_point_lines (created_at desc, id desc);
--> statement-breakpoint
create trigger growth_point_lines_append_only before update or delete on growth_point_lines
  for each row execute function forbid_rewrite();
--> statement-breakpoint
-- One row per member, maintained in the transaction that appends a line: the balance and the count of
-- invitees who made a real paid purchase (the inputs of the member's level). Also the per-member lock.
create table growth_members (
  member_id text primary key,
  points_balance bigint not null default 0,
  qualified_invites integer not null default 0 check (qualified_invites >= 0),
  updated_at timestamptz not null
);
--> statement-breakpoint
-- Points credited per member, action and business day, for the daily caps.
create table growth_points_daily (
  member_id text not null,
  action text not null,
  day integer not null,
  points bigint not null,
  primary key (member_id, action, day)
);
--> statement-breakpoint
-- Paid orders as the points subscriber saw them: who bought, how much, how much was refunded since.
create table growth_orders (
  order_id text primary key,
  buyer_id text not null,
  payable_fen bigint not null check (payable_fen >= 0),
  refunded_fen bigint not null default 0 check (refunded_fen >= 0),
  refund_keys text[] not null default '{}',
  paid_at timestamptz not null
);
--> statement-breakpoint
-- Levels (等级/勋章): thresholds on points and qualified invites, with their privileges.
create table growth_levels (
  id text primary key,
  name_zh text not null check (length(name_zh) between 1 and 40),
  name_en text not null check (length(name_en) between 1 and 60),
  min_points bigint not null check (min_points >= 0),
  min_invites integer not null check (min_invites >= 0),
  -- Added to a campaign's invite rate for members of this level, always within the distribution caps.
  extra_commission_bps integer not null check (extra_commission_bps between 0 and 10000),
  priority_shipping boolean not null,
  hot_product_access boolean not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (min_points, min_invites)
);
--> statement-breakpoint
-- Campaigns with a budget in fen or in points; spent can never pass the budget (the last guard).
create table growth_campaigns (
  id text primary key,
  name_zh text not null check (length(name_zh) between 1 and 60),
  name_en text not null check (length(name_en) between 1 and 100),
  status text not null check (status in ('draft', 'active', 'paused', 'ended')),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  budget_unit text not null check (budget_unit in ('fen', 'points')),
  budget_total bigint not null check (budget_total > 0),
  budget_spent bigint not null default 0 check (budget_spent >= 0 and budget_spent <= budget_total),
  min_order_fen bigint not null check (min_order_fen >= 1),
  ladder jsonb not null,
  tiers jsonb not null,
  ended_reason text check (ended_reason in ('end_date', 'budget_spent', 'manual')),
  ended_at timestamptz,
  created_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index growth_campaigns_running on growth_campaigns (starts_at) where status = 'active';
--> statement-breakpoint
-- Commerce facts waiting for the invite engine (written by the outbox subscriber, worked off by the
-- growth.rewards job outside the delivery transaction, once the distribution engine has seen the order).
create table growth_invite_work (
  event_id text primary key,
  sequence bigserial not null unique,
  kind text not null check (kind in ('paid', 'refunded', 'completed')),
  order_id text not null,
  buyer_id text,
  amount_fen bigint,
  occurred_at timestamptz not null,
  status text not null check (status in ('pending', 'done')),
  outcome text,
  processed_at timestamptz
);
--> statement-breakpoint
create index growth_invite_work_pending on growth_invite_work (sequence) where status = 'pending';
--> statement-breakpoint
create index growth_invite_work_order on growth_invite_work (order_id);
--> statement-breakpoint
-- An invitee counts for their inviter once they made a real paid purchase (not for signing up).
create table growth_invitees (
  invitee_id text primary key,
  inviter_id text not null,
  order_id text not null,
  status text not null check (status in ('qualified', 'disqualified')),
  qualified_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index growth_invitees_inviter on growth_invitees (inviter_id, qualified_at desc);
--> statement-breakpoint
create table growth_campaign_invites (
  campaign_id text not null references growth_campaigns (id),
  invitee_id text not null,
  inviter_id text not null,
  order_id text not null,
  order_amount_fen bigint not null,
  ordinal integer not null check (ordinal >= 1),
  status text not null check (status in ('qualified', 'disqualified')),
  qualified_at timestamptz not null,
  disqualified_at timestamptz,
  primary key (campaign_id, invitee_id)
);
--> statement-breakpoint
create index growth_campaign_invites_order on growth_campaign_invites (order_id);
--> statement-breakpoint
create index growth_campaign_invites_inviter on growth_campaign_invites (campaign_id, inviter_id);
--> statement-breakpoint
-- Per campaign and inviter: the live count of qualified invites (the row is also the lock that orders them).
create table growth_campaign_progress (
  campaign_id text not null references growth_campaigns (id),
  inviter_id text not null,
  qualified_count integer not null check (qualified_count >= 0),
  primary key (campaign_id, inviter_id)
);
--> statement-breakpoint
-- Every reward decision, granted, reduced or refused, with what limited it.
create table growth_rewards (
  id text primary key,
  campaign_id text not null references growth_campaigns (id),
  member_id text not null,
  invitee_id text,
  order_id text,
  kind text not null check (kind in ('tier_cash', 'ladder_coupon', 'ladder_gift', 'ladder_points')),
  cause_key text not null unique,
  invite_ordinal integer,
  ladder_invites integer,
  rate_bps integer,
  unit text not null check (unit in ('fen', 'points')),
  requested_amount bigint not null check (requested_amount >= 0),
  granted_amount bigint not null check (granted_amount >= 0 and granted_amount <= requested_amount),
  decision text not null check (decision in ('granted', 'reduced', 'refused')),
  limited_by text[] not null default '{}',
  state text not null check (state in ('refused', 'pending', 'settled', 'reversed', 'clawed_back', 'to_issue', 'issuing', 'issued', 'issue_failed', 'to_ship', 'shipped', 'credited')),
  coupon_template_id text,
  coupon_id text,
  gift_name_zh text,
  gift_name_en text,
  failure_code text,
  settle_after_day integer,
  day integer not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index growth_rewards_campaign on growth_rewards (campaign_id, created_at desc, id desc);
--> statement-breakpoint
create index growth_rewards_member on growth_rewards (member_id, created_at desc);
--> statement-breakpoint
create index growth_rewards_order on growth_rewards (order_id) where order_id is not null;
--> statement-breakpoint
create index growth_rewards_due on growth_rewards (state, settle_after_day) where state in ('pending', 'to_issue');
