import type { Citation } from './domain/evidence.ts';

export interface AssistantKnowledgeTable {
  id: string;
  organization_id: string | null;
  kind: 'faq' | 'doc';
  title: string;
  body: string;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface AssistantConversationTable {
  id: string;
  card_id: string;
  visitor_id: string;
  owner_user_id: string;
  organization_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface AssistantMessageTable {
  id: string;
  conversation_id: string;
  role: 'visitor' | 'assistant';
  content: string;
  citations: Citation[];
  model: string | null;
  created_at: Date;
}

export interface AssistantTables {
  assistant_knowledge: AssistantKnowledgeTable;
  assistant_conversations: AssistantConversationTable;
  assistant_messages: AssistantMessageTable;
}
