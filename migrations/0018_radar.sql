-- Visitor radar (雷达): what visitors of business cards do, kept per person only with their consent (PIPL).
-- Owners and cards are plain ids without foreign keys: the card module owns cards, and tracking rows
-- arrive by the thousand per second, where a key check per row would cost more than it protects.

-- The visitor's current decision per card, and every decision ever made (the proof of consent).
create table radar_consents (
  visitor_id text not null,
  card_id text not null,
  granted boolean not null,
  decided_at timestamptz not null,
  primary key (visitor_id, card_id)
);
--> statement-breakpoint
create table radar_consent_decisions (
  id bigint generated always as identity primary key,
  visitor_id text not null,
  card_id text not null,
  granted boolean not null,
  decided_at timestamptz not null
);
--> statement-breakpoint
create index radar_consent_decisions_visitor_idx on radar_consent_decisions (visitor_id, card_id, decided_at);
--> statement-breakpoint
-- One consented visitor of one card: the summary the radar list pages through.
create table radar_visitors (
  card_id text not null,
  visitor_id text not null,
  owner_user_id text not null,
  organization_id text not null,
  -- The shop account the visitor was signed in with, if any.
  user_id text,
  -- Names are personal data: encrypted with the PII cipher.
  display_name_cipher text,
  avatar_url text check (length(avatar_url) <= 500),
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  visits integer not null default 0,
  dwell_seconds integer not null default 0,
  -- How the first visit arrived: the share, and who forwarded it (null when it was the owner's own share).
  share_id text,
  forwarder_visitor_id text,
  -- When radar.visitor_active was last published for this visitor (at most once per 30 minutes).
  active_published_at timestamptz,
  -- Product id → when the owner was last told this visitor clicked it (one notice per product and half hour).
  click_notices jsonb not null default '{}',
  primary key (card_id, visitor_id)
);
--> statement-breakpoint
create index radar_visitors_owner_idx on radar_visitors (owner_user_id, last_seen_at desc);
--> statement-breakpoint
create index radar_visitors_organization_idx on radar_visitors (organization_id, last_seen_at);
--> statement-breakpoint
create index radar_visitors_forwarder_idx on radar_visitors (owner_user_id, forwarder_visitor_id) where forwarder_visitor_id is not null;
--> statement-breakpoint
-- Per-person events of consented visitors. An identity column rather than a text id: the table only
-- grows, at beacon rates, and nothing outside refers to a single event.
create table radar_events (
  id bigint generated always as identity primary key,
  card_id text not null,
  owner_user_id text not null,
  organization_id text not null,
  visitor_id text not null,
  user_id text,
  kind text not null check (kind in ('view', 'dwell', 'module_view', 'product_click', 'coupon_claim', 'share', 'forward', 'contact_form', 'call', 'add_to_cart', 'order')),
  occurred_at timestamptz not null,
  received_at timestamptz not null,
  share_id text,
  forwarder_visitor_id text,
  product_id text,
  module text,
  seconds integer check (seconds >= 0),
  -- Kind-specific extras (coupon, channel, order); a contact form's name and phone only encrypted.
  detail jsonb
);
--> statement-breakpoint
create index radar_events_visitor_idx on radar_events (owner_user_id, visitor_id, occurred_at desc);
--> statement-breakpoint
create index radar_events_card_idx on radar_events (card_id, occurred_at);
--> statement-breakpoint
-- De-identified daily counts of every event, consented or not: no visitor id, no address. A busy card
-- would make its (card, day, kind) row hot, so each batch picks one of eight slots and reads sum them.
create table radar_daily_counts (
  card_id text not null,
  -- The Beijing calendar day.
  day date not null,
  kind text not null,
  slot smallint not null check (slot between 0 and 7),
  owner_user_id text not null,
  organization_id text not null,
  events integer not null check (events >= 0),
  seconds bigint not null default 0 check (seconds >= 0),
  primary key (card_id, day, kind, slot)
);
--> statement-breakpoint
create index radar_daily_counts_organization_idx on radar_daily_counts (organization_id, day);
--> statement-breakpoint
create index radar_daily_counts_owner_idx on radar_daily_counts (owner_user_id, day);
--> statement-breakpoint
-- In-app notifications to card owners (the offline default; WeChat subscribe messages go out besides).
create table radar_notifications (
  id text primary key,
  user_id text not null,
  kind text not null check (length(kind) between 1 and 40),
  -- {"zh-CN": "...", "en": "..."}
  title jsonb not null,
  body jsonb not null,
  link text check (length(link) <= 500),
  created_at timestamptz not null,
  read_at timestamptz,
  wechat_status text not null default 'pending' check (wechat_status in ('pending', 'sent', 'refused', 'failed', 'skipped'))
);
--> statement-breakpoint
create index radar_notifications_user_idx on radar_notifications (user_id, created_at desc);
--> statement-breakpoint
create index radar_notifications_unread_idx on radar_notifications (user_id) where read_at is null;
