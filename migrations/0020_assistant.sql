-- The AI assistant (智能助理): the knowledge base an organisation writes (FAQ and company documents)
-- and the conversations of visitors who agreed to be remembered. Products are not copied here: the
-- assistant reads them from the catalog and storefront at question time, so prices are always current.

-- A knowledge entry: an FAQ (question as title, answer as body) or a company document. A null
-- organisation is the platform's own, shown on every card.
create table assistant_knowledge (
  id text primary key,
  organization_id text references organizations (id),
  kind text not null check (kind in ('faq', 'doc')),
  title text not null check (length(title) between 1 and 200),
  body text not null check (length(body) between 1 and 20000),
  created_by text not null references users (id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index assistant_knowledge_organization_idx on assistant_knowledge (organization_id, updated_at desc);
--> statement-breakpoint
-- One conversation per visitor per card, kept only for visitors who consented (PIPL); others leave no trace.
create table assistant_conversations (
  id text primary key,
  card_id text not null,
  visitor_id text not null,
  owner_user_id text not null references users (id),
  organization_id text references organizations (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (card_id, visitor_id)
);
--> statement-breakpoint
create index assistant_conversations_owner_idx on assistant_conversations (owner_user_id, updated_at desc);
--> statement-breakpoint
create table assistant_messages (
  id text primary key,
  conversation_id text not null references assistant_conversations (id) on delete cascade,
  role text not null check (role in ('visitor', 'assistant')),
  content text not null check (length(content) between 1 and 4000),
  -- [{index, kind, id, title}] for assistant answers; empty for the visitor's questions.
  citations jsonb not null default '[]',
  model text,
  created_at timestamptz not null
);
--> statement-breakpoint
create index assistant_messages_conversation_idx on assistant_messages (conversation_id, created_at);
