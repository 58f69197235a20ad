-- Light CRM for AI business cards (issue 5): leads of a card owner, their notes, follow-up tasks,
-- tags, merges of duplicates, and the automations operators configure with their idempotent runs.

-- A lead belongs to one owner (the card's guide or salesperson) inside the owner's organisation.
-- Visitor ids are opaque strings from the card page; after a merge one lead may carry several.
create table crm_leads (
  id text primary key,
  owner_user_id text not null references users (id),
  organization_id text references organizations (id),
  source text not null check (source in ('visitor', 'vcard', 'ocr', 'form', 'manual')),
  visitor_ids text[] not null default '{}',
  user_id text,
  name text,
  title text,
  company text,
  emails text[] not null default '{}',
  address text,
  website text,
  stage text not null default 'new' check (stage in ('new', 'contacted', 'interested', 'negotiating', 'won', 'lost')),
  -- Last intent score (0–100) computed from the visitor's behaviour, for sorting and the pipeline.
  intent_score integer check (intent_score between 0 and 100),
  last_active_at timestamptz,
  -- Set on a lead that was merged into another; such a lead is hidden from every list.
  merged_into text references crm_leads (id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index crm_leads_owner on crm_leads (owner_user_id, updated_at desc) where merged_into is null;
--> statement-breakpoint
create index crm_leads_organization on crm_leads (organization_id, updated_at desc) where merged_into is null;
--> statement-breakpoint
create index crm_leads_visitors on crm_leads using gin (visitor_ids);
--> statement-breakpoint
create index crm_leads_user on crm_leads (owner_user_id, user_id) where user_id is not null;
--> statement-breakpoint
-- Phone numbers are personal data: encrypted (PII cipher), matched by their keyed hash, shown masked.
create table crm_lead_phones (
  lead_id text not null references crm_leads (id),
  phone_hash text not null,
  phone_cipher text not null,
  phone_masked text not null,
  primary key (lead_id, phone_hash)
);
--> statement-breakpoint
create index crm_lead_phones_hash on crm_lead_phones (phone_hash);
--> statement-breakpoint
-- Manual tags are set by people; automatic ones (interests) are recomputed from behaviour.
create table crm_lead_tags (
  lead_id text not null references crm_leads (id),
  tag text not null check (length(tag) between 1 and 20),
  kind text not null check (kind in ('manual', 'auto')),
  created_at timestamptz not null,
  primary key (lead_id, tag)
);
--> statement-breakpoint
create table crm_notes (
  id text primary key,
  lead_id text not null references crm_leads (id),
  author_user_id text,
  body text not null check (length(body) between 1 and 2000),
  created_at timestamptz not null
);
--> statement-breakpoint
create index crm_notes_lead on crm_notes (lead_id, created_at desc);
--> statement-breakpoint
create table crm_tasks (
  id text primary key,
  lead_id text not null references crm_leads (id),
  owner_user_id text not null references users (id),
  title text not null check (length(title) between 1 and 200),
  -- The English title of a task an automation wrote (people's tasks have only the title they typed).
  title_en text,
  due_at timestamptz not null,
  done_at timestamptz,
  -- The automation that created the task, if one did.
  automation_id text,
  created_at timestamptz not null
);
--> statement-breakpoint
create index crm_tasks_owner_open on crm_tasks (owner_user_id, due_at) where done_at is null;
--> statement-breakpoint
create index crm_tasks_lead on crm_tasks (lead_id);
--> statement-breakpoint
-- Which leads were merged into which, by whom, with what the merged lead held.
create table crm_lead_merges (
  id text primary key,
  kept_lead_id text not null references crm_leads (id),
  merged_lead_id text not null unique references crm_leads (id),
  merged_by text,
  merged_at timestamptz not null,
  snapshot jsonb not null
);
--> statement-breakpoint
create table crm_automations (
  id text primary key,
  -- null: a platform automation over every lead; else the leads of that organisation.
  organization_id text references organizations (id),
  name text not null check (length(name) between 1 and 60),
  trigger text not null check (trigger in ('inactive', 'repurchase', 'high_intent')),
  params jsonb not null,
  enabled boolean not null,
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  deleted_at timestamptz
);
--> statement-breakpoint
-- One firing per (automation, lead, period): the job may run any number of times.
create table crm_automation_runs (
  automation_id text not null references crm_automations (id),
  lead_id text not null references crm_leads (id),
  period text not null,
  fired_at timestamptz not null,
  outcome jsonb not null,
  primary key (automation_id, lead_id, period)
);
--> statement-breakpoint
-- The in-module owner notifier's inbox, used until the radar notifier is wired.
create table crm_owner_notifications (
  id text primary key,
  owner_user_id text not null,
  kind text not null,
  title text not null,
  title_en text not null,
  body text not null,
  body_en text not null,
  link text,
  created_at timestamptz not null
);
--> statement-breakpoint
create index crm_owner_notifications_owner on crm_owner_notifications (owner_user_id, created_at desc);
