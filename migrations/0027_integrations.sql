-- Integrations (issue 6): outbound webhooks with their delivery log, partner API keys for /open/*,
-- and scheduled exports for ERP/CRM/finance with the files they produced.

-- A partner's receiving URL. The signing secret is encrypted with the PII cipher: it must be read
-- back to sign, so it cannot be hashed. Deleted endpoints stay for the delivery log.
create table integration_webhook_endpoints (
  id text primary key,
  name text not null check (length(name) between 1 and 60),
  url text not null check (url ~ '^https?://'),
  event_types text[] not null check (cardinality(event_types) > 0),
  secret_cipher text not null,
  enabled boolean not null default true,
  created_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  deleted_at timestamptz
);
--> statement-breakpoint
create index integration_webhook_endpoints_types on integration_webhook_endpoints using gin (event_types) where enabled and deleted_at is null;
--> statement-breakpoint
-- One delivery of one event to one endpoint. The body is stored as the exact text that is signed and
-- sent, so every retry carries the same bytes. An automatic delivery is unique per (event, endpoint);
-- a manual redelivery is a new row that points at the one it repeats.
create table integration_webhook_deliveries (
  id text primary key,
  endpoint_id text not null references integration_webhook_endpoints (id),
  event_id text not null,
  event_type text not null,
  body text not null,
  status text not null check (status in ('pending', 'succeeded', 'dead')),
  attempts integer not null default 0,
  -- While pending: when the next attempt is due. A claimed delivery is pushed ahead by a lease, so a
  -- sender that dies mid-request leaves it due again rather than stuck.
  next_attempt_at timestamptz not null,
  last_status_code integer,
  last_error text,
  redelivery_of text references integration_webhook_deliveries (id),
  created_at timestamptz not null,
  finished_at timestamptz
);
--> statement-breakpoint
create unique index integration_webhook_deliveries_once on integration_webhook_deliveries (event_id, endpoint_id) where redelivery_of is null;
--> statement-breakpoint
create index integration_webhook_deliveries_due on integration_webhook_deliveries (next_attempt_at) where status = 'pending';
--> statement-breakpoint
create index integration_webhook_deliveries_endpoint on integration_webhook_deliveries (endpoint_id, created_at desc);
--> statement-breakpoint
-- Every HTTP attempt: what the receiver answered (an excerpt), or why there was no answer.
create table integration_webhook_attempts (
  delivery_id text not null references integration_webhook_deliveries (id),
  attempt integer not null check (attempt > 0),
  started_at timestamptz not null,
  duration_ms integer not null check (duration_ms >= 0),
  status_code integer,
  response_excerpt text,
  error text,
  succeeded boolean not null,
  primary key (delivery_id, attempt)
);
--> statement-breakpoint
-- A partner key for the signed /open/* API. The key id is the X-Partner-Id; the secret is encrypted
-- (the HMAC check needs it in the clear). Revoked keys stay for the audit trail.
create table integration_api_keys (
  id text primary key,
  name text not null check (length(name) between 1 and 60),
  secret_cipher text not null,
  scopes text[] not null check (cardinality(scopes) > 0),
  created_by text,
  created_at timestamptz not null,
  revoked_at timestamptz,
  last_used_at timestamptz
);
--> statement-breakpoint
create table integration_export_schedules (
  id text primary key,
  name text not null check (length(name) between 1 and 60),
  report text not null check (report in ('orders', 'reward_lines', 'leads')),
  frequency text not null check (frequency in ('daily', 'weekly')),
  format text not null check (format in ('csv', 'xlsx')),
  -- Told (event integration.export_ready) when a file is ready; optional.
  webhook_endpoint_id text references integration_webhook_endpoints (id),
  enabled boolean not null default true,
  created_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  deleted_at timestamptz
);
--> statement-breakpoint
-- One produced file per schedule and period: the unique key makes the job idempotent, however many
-- workers run it and however often.
create table integration_export_runs (
  id text primary key,
  schedule_id text not null references integration_export_schedules (id),
  report text not null,
  format text not null,
  period_start timestamptz not null,
  period_end timestamptz not null,
  row_count integer not null,
  file_name text not null,
  content bytea not null,
  created_at timestamptz not null,
  unique (schedule_id, period_start)
);
--> statement-breakpoint
create index integration_export_runs_recent on integration_export_runs (created_at desc);
--> statement-breakpoint
-- The partner change feeds (/open/v1) walk these tables by (updated_at, id); the reads live in the
-- owning modules, the indexes that keep them from scanning are added here with the feature.
create index distribution_reward_lines_changes on distribution_reward_lines (updated_at, id);
--> statement-breakpoint
create index distribution_members_changes on distribution_members (updated_at, member_id);
--> statement-breakpoint
create index crm_leads_changes on crm_leads (updated_at, id);
