-- Commission ledger (issue 4): double-entry accounts, immutable transfers and entries, striped
-- balances, and the transparency hash chain. docs/chart-of-accounts.md explains the accounts.
-- Frozen once landed: change the schema with a new file, never by editing this one.

-- An account is defined once and never changes; its running totals live in ledger_balances.
create table ledger_accounts (
  id text primary key check (id ~ '^acc_[A-Za-z0-9_-]+$' and length(id) <= 120),
  owner_id text,
  kind text not null check (kind in ('pending', 'available', 'withdrawing', 'paid_out', 'clawback_receivable', 'commission_expense', 'payouts', 'fees')),
  normal_side text not null check (normal_side in ('debit', 'credit')),
  debits_must_not_exceed_credits boolean not null,
  credits_must_not_exceed_debits boolean not null,
  stripes smallint not null check (stripes between 1 and 64),
  created_at timestamptz not null,
  check (not (debits_must_not_exceed_credits and credits_must_not_exceed_debits)),
  -- A limit is checked on one locked row; a striped account is summed on read, so it cannot have one.
  check (stripes = 1 or not (debits_must_not_exceed_credits or credits_must_not_exceed_debits)),
  check ((owner_id is null) = (kind in ('commission_expense', 'payouts', 'fees')))
);
--> statement-breakpoint
create index ledger_accounts_owner_idx on ledger_accounts (owner_id) where owner_id is not null;
--> statement-breakpoint
-- Running totals, one row per account stripe. The limit flags are copied here so that PostgreSQL
-- itself refuses a balance below zero, whatever code writes it.
create table ledger_balances (
  account_id text not null references ledger_accounts (id),
  stripe smallint not null check (stripe >= 0),
  debits_must_not_exceed_credits boolean not null,
  credits_must_not_exceed_debits boolean not null,
  debits_pending bigint not null default 0,
  credits_pending bigint not null default 0,
  debits_posted bigint not null default 0,
  credits_posted bigint not null default 0,
  primary key (account_id, stripe),
  -- A striped account may reserve a pending amount on one stripe and settle it on another, so one of
  -- its stripes can read below zero; only the sum over its stripes means anything. A single-row
  -- account (every account with a limit) never can.
  constraint ledger_balances_totals_not_negative check (
    not (debits_must_not_exceed_credits or credits_must_not_exceed_debits)
    or (debits_pending >= 0 and credits_pending >= 0 and debits_posted >= 0 and credits_posted >= 0)),
  constraint ledger_balances_debits_within_credits
    check (not debits_must_not_exceed_credits or debits_pending + debits_posted <= credits_posted),
  constraint ledger_balances_credits_within_debits
    check (not credits_must_not_exceed_debits or credits_pending + credits_posted <= debits_posted)
);
--> statement-breakpoint
create function ledger_balances_keep_identity() returns trigger language plpgsql as $$
begin
  if new.account_id <> old.account_id or new.stripe <> old.stripe
     or new.debits_must_not_exceed_credits <> old.debits_must_not_exceed_credits
     or new.credits_must_not_exceed_debits <> old.credits_must_not_exceed_debits then
    raise exception 'ledger balance rows keep their account, stripe and limits' using errcode = '42501';
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger ledger_balances_identity before update of account_id, stripe, debits_must_not_exceed_credits, credits_must_not_exceed_debits
  on ledger_balances for each row execute function ledger_balances_keep_identity();
--> statement-breakpoint
create trigger ledger_balances_no_delete before delete on ledger_balances
  for each row execute function forbid_rewrite();
--> statement-breakpoint
-- Transfers: the id is the caller's idempotency key; sequence is the insertion order the chain seals in.
create table ledger_transfers (
  id text primary key check (length(id) between 1 and 200),
  sequence bigint generated always as identity unique,
  kind text not null check (kind in ('posted', 'pending', 'post_pending', 'void_pending')),
  debit_account_id text not null references ledger_accounts (id),
  credit_account_id text not null references ledger_accounts (id),
  amount_fen bigint not null check (amount_fen > 0),
  pending_id text references ledger_transfers (id),
  reverses_id text references ledger_transfers (id),
  code text not null,
  cause_type text,
  cause_id text,
  memo jsonb,
  created_at timestamptz not null,
  check (debit_account_id <> credit_account_id),
  check ((pending_id is not null) = (kind in ('post_pending', 'void_pending'))),
  check ((cause_type is null) = (cause_id is null))
);
--> statement-breakpoint
-- A pending transfer is posted or voided at most once, enforced by the database as well.
create unique index ledger_transfers_resolved_once on ledger_transfers (pending_id) where pending_id is not null;
--> statement-breakpoint
create index ledger_transfers_cause_idx on ledger_transfers (cause_id, sequence) where cause_id is not null;
--> statement-breakpoint
create index ledger_transfers_reverses_idx on ledger_transfers (reverses_id) where reverses_id is not null;
--> statement-breakpoint
-- Two entries per transfer, one per side: what it did to each account (and to which stripe).
create table ledger_entries (
  transfer_id text not null references ledger_transfers (id),
  side text not null check (side in ('debit', 'credit')),
  account_id text not null,
  stripe smallint not null,
  pending_delta_fen bigint not null,
  posted_delta_fen bigint not null,
  sequence bigint not null,
  primary key (transfer_id, side)
);
--> statement-breakpoint
create index ledger_entries_account_idx on ledger_entries (account_id, sequence);
--> statement-breakpoint
-- Transfers waiting to be sealed into the chain. Filled by a trigger so that no insert path can skip it;
-- emptied by the sealing job (this is a work queue, not a record).
create table ledger_seal_queue (
  sequence bigint primary key,
  transfer_id text not null unique
);
--> statement-breakpoint
create function ledger_queue_for_sealing() returns trigger language plpgsql as $$
begin
  insert into ledger_seal_queue (sequence, transfer_id) values (new.sequence, new.id);
  return new;
end
$$;
--> statement-breakpoint
create trigger ledger_transfers_queue_for_sealing after insert on ledger_transfers
  for each row execute function ledger_queue_for_sealing();
--> statement-breakpoint
-- The transparency chain: hash = sha256(previous_hash ':' position ':' digest), digest = sha256 of the
-- transfer's canonical text (modules/ledger/src/domain/chain.ts).
create table ledger_chain (
  position bigint primary key check (position >= 1),
  transfer_id text not null unique references ledger_transfers (id),
  digest text not null check (digest ~ '^[0-9a-f]{64}$'),
  previous_hash text not null check (previous_hash ~ '^[0-9a-f]{64}$'),
  hash text not null unique check (hash ~ '^[0-9a-f]{64}$'),
  sealed_at timestamptz not null
);
--> statement-breakpoint
-- Money history is evidence, like the audit log: the database refuses to rewrite or delete it.
create trigger ledger_accounts_append_only before update or delete on ledger_accounts
  for each row execute function forbid_rewrite();
--> statement-breakpoint
create trigger ledger_transfers_append_only before update or delete on ledger_transfers
  for each row execute function forbid_rewrite();
--> statement-breakpoint
create trigger ledger_entries_append_only before update or delete on ledger_entries
  for each row execute function forbid_rewrite();
--> statement-breakpoint
create trigger ledger_chain_append_only before update or delete on ledger_chain
  for each row execute function forbid_rewrite();
--> statement-breakpoint
create trigger ledger_accounts_no_truncate before truncate on ledger_accounts
  for each statement execute function forbid_rewrite();
--> statement-breakpoint
create trigger ledger_transfers_no_truncate before truncate on ledger_transfers
  for each statement execute function forbid_rewrite();
--> statement-breakpoint
create trigger ledger_entries_no_truncate before truncate on ledger_entries
  for each statement execute function forbid_rewrite();
--> statement-breakpoint
create trigger ledger_chain_no_truncate before truncate on ledger_chain
  for each statement execute function forbid_rewrite();
--> statement-breakpoint
create trigger ledger_balances_no_truncate before truncate on ledger_balances
  for each statement execute function forbid_rewrite();
