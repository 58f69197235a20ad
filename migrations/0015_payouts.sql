-- Payouts (提现) and team health (团队健康度).
-- Money never lives here: every amount a withdrawal moves is a ledger transfer whose id derives from
-- the withdrawal id, applied in the same transaction as the state change recorded here.

-- A member's verified identity, once: the ID number is encrypted (PII cipher), searchable only by its
-- keyed hash, and shown masked. One ID number belongs to one account.
create table payout_identities (
  user_id text primary key references users (id),
  real_name text not null check (length(real_name) between 2 and 30),
  id_number_cipher text not null,
  id_number_hash text not null,
  id_number_masked text not null,
  verified_at timestamptz not null
);
--> statement-breakpoint
create unique index payout_identities_id_number_key on payout_identities (id_number_hash);
--> statement-breakpoint
-- A bank-transfer export: the withdrawals finance pays by hand in one batch.
create table payout_bank_batches (
  id text primary key,
  status text not null check (status in ('exported', 'paid')),
  withdrawal_count integer not null check (withdrawal_count > 0),
  total_fen bigint not null check (total_fen > 0),
  exported_by text not null references users (id),
  exported_at timestamptz not null,
  paid_by text references users (id),
  paid_at timestamptz
);
--> statement-breakpoint
create table payout_withdrawals (
  id text primary key,
  member_id text not null references users (id),
  -- What the member receives; the fee is charged on top, both leave 可提现 at the request.
  amount_fen bigint not null check (amount_fen > 0),
  fee_fen bigint not null check (fee_fen >= 0),
  method text not null check (method in ('wechat', 'bank')),
  status text not null check (status in ('held', 'requested', 'approved', 'second_approved', 'paying', 'paid', 'failed', 'rejected')),
  -- Above the threshold a second, different finance user must approve.
  needs_second_approval boolean not null,
  bank_name text,
  bank_account_cipher text,
  bank_account_masked text,
  -- Keyed hash of the payee account (bank account number or WeChat openid), for the shared-account rule.
  payee_account_hash text,
  device_id text,
  -- The Beijing business day of the request, for the daily cap.
  business_day date not null,
  first_approved_by text references users (id),
  first_approved_at timestamptz,
  second_approved_by text references users (id),
  second_approved_at timestamptz,
  rejected_by text references users (id),
  rejection_reason text,
  held_reason text,
  bank_batch_id text references payout_bank_batches (id),
  provider text,
  provider_reference text,
  failure_reason text,
  requested_at timestamptz not null,
  updated_at timestamptz not null,
  finished_at timestamptz,
  version integer not null default 1,
  check (method <> 'bank' or (bank_account_cipher is not null and bank_name is not null)),
  check (second_approved_by is null or second_approved_by <> first_approved_by)
);
--> statement-breakpoint
create index payout_withdrawals_member_idx on payout_withdrawals (member_id, requested_at desc);
--> statement-breakpoint
create index payout_withdrawals_status_idx on payout_withdrawals (status, requested_at);
--> statement-breakpoint
create index payout_withdrawals_payee_idx on payout_withdrawals (payee_account_hash) where payee_account_hash is not null;
--> statement-breakpoint
create index payout_withdrawals_device_idx on payout_withdrawals (device_id) where device_id is not null;
--> statement-breakpoint
-- A team-health finding: one rule, one subject (e.g. the shared hash), the members it concerns and the
-- evidence. A subject has at most one open finding, so re-running the rules adds nothing new.
create table payout_anomalies (
  id text primary key,
  rule text not null check (rule in ('signup_burst', 'shared_phone', 'shared_device', 'shared_address', 'shared_payment_account', 'self_dealing', 'refund_after_upgrade')),
  subject_key text not null check (length(subject_key) between 1 and 200),
  member_ids text[] not null check (cardinality(member_ids) >= 1),
  evidence jsonb not null,
  status text not null check (status in ('open', 'resolved', 'dismissed')),
  detected_at timestamptz not null,
  resolved_by text references users (id),
  resolved_at timestamptz,
  resolution_note text
);
--> statement-breakpoint
create unique index payout_anomalies_open_subject_key on payout_anomalies (rule, subject_key) where status = 'open';
--> statement-breakpoint
create index payout_anomalies_members_idx on payout_anomalies using gin (member_ids) where status = 'open';
--> statement-breakpoint
create index payout_anomalies_detected_idx on payout_anomalies (detected_at desc);
