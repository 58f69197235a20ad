-- AI business cards (AI智能名片): a card per shop guide, salesperson or merchant admin, company
-- templates with locked fields, share links whose parent chain attributes forwards, and a record of
-- every time a visitor asked for the full phone number.

-- A company template: default values for its staff's cards, which of them the staff may not change,
-- and modules every card of the company carries (a company profile, say).
create table card_templates (
  id text primary key,
  organization_id text not null references organizations (id),
  name text not null check (length(name) between 1 and 60),
  theme text not null,
  -- company, title, intro, address, latitude, longitude: the template's values (JSON object).
  fields jsonb not null,
  locked_fields text[] not null,
  modules jsonb not null,
  is_default boolean not null,
  status text not null check (status in ('active', 'archived')),
  created_by text references users (id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index card_templates_organization_idx on card_templates (organization_id, created_at);
--> statement-breakpoint
-- At most one default template per company: new cards start from it.
create unique index card_templates_default_key on card_templates (organization_id) where is_default and status = 'active';
--> statement-breakpoint
create table cards (
  id text primary key,
  owner_user_id text not null references users (id),
  organization_id text not null references organizations (id),
  template_id text references card_templates (id),
  -- Whose storefront the featured products come from: the owner's merchant; null for platform staff (the catalog).
  merchant_id text references organizations (id),
  name text not null,
  title text not null,
  company text not null,
  photo_url text,
  -- The phone is personal data: encrypted, searchable by keyed hash, and shown masked until a visitor asks.
  phone_cipher text,
  phone_hash text,
  phone_masked text,
  email text,
  website text,
  wechat_id text,
  address text,
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  intro text not null,
  theme text not null,
  -- The ordered modules the owner arranged (validated by the module's zod union before every write).
  modules jsonb not null,
  status text not null check (status in ('active', 'hidden')),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create unique index cards_owner_key on cards (owner_user_id);
--> statement-breakpoint
create index cards_organization_idx on cards (organization_id, updated_at);
--> statement-breakpoint
-- A proposal for an owner's card (from a scanned paper card), applied or ignored by the owner.
create table card_drafts (
  id text primary key,
  owner_user_id text not null references users (id),
  source text not null check (source in ('ocr', 'manual')),
  fields jsonb not null,
  phone_cipher text,
  phone_masked text,
  created_by text,
  created_at timestamptz not null,
  applied_at timestamptz
);
--> statement-breakpoint
create index card_drafts_owner_idx on card_drafts (owner_user_id, created_at);
--> statement-breakpoint
-- A share link. The token (128 random bits) is only ever stored as its SHA-256, so the table cannot
-- mint links; a forward's parent is the share its forwarder arrived through, and the chain holds the
-- share ids from the owner's root share down to this one, so attribution is one indexed read.
create table card_shares (
  id text primary key,
  card_id text not null references cards (id),
  token_hash text not null,
  parent_share_id text references card_shares (id),
  chain text[] not null check (cardinality(chain) >= 1),
  sharer_kind text not null check (sharer_kind in ('owner', 'visitor')),
  sharer_user_id text,
  sharer_visitor_id text,
  created_at timestamptz not null,
  check ((sharer_kind = 'owner') = (sharer_visitor_id is null))
);
--> statement-breakpoint
create unique index card_shares_token_key on card_shares (token_hash);
--> statement-breakpoint
create index card_shares_card_idx on card_shares (card_id, created_at);
--> statement-breakpoint
create index card_shares_parent_idx on card_shares (parent_share_id);
--> statement-breakpoint
-- Every "show the full number" on a public card: who asked, through which share.
create table card_phone_reveals (
  id text primary key,
  card_id text not null references cards (id),
  visitor_id text not null,
  user_id text,
  share_id text references card_shares (id),
  revealed_at timestamptz not null
);
--> statement-breakpoint
create index card_phone_reveals_card_idx on card_phone_reveals (card_id, revealed_at);
