import type { CardModule, CardTheme } from './domain/card-module.ts';
import type { LockableField, TemplateValues } from './domain/card-template.ts';

export interface CardTemplateTable {
  id: string;
  organization_id: string;
  name: string;
  theme: CardTheme;
  fields: TemplateValues;
  locked_fields: LockableField[];
  modules: CardModule[];
  is_default: boolean;
  status: 'active' | 'archived';
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CardTable {
  id: string;
  owner_user_id: string;
  organization_id: string;
  template_id: string | null;
  merchant_id: string | null;
  name: string;
  title: string;
  company: string;
  photo_url: string | null;
  phone_cipher: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  email: string | null;
  website: string | null;
  wechat_id: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  intro: string;
  theme: CardTheme;
  modules: CardModule[];
  status: 'active' | 'hidden';
  created_at: Date;
  updated_at: Date;
}

/** Scanned fields proposed for an owner's card; the phone kept apart, encrypted. */
export interface DraftFields {
  name?: string;
  title?: string;
  company?: string;
  email?: string;
  address?: string;
  website?: string;
}

export interface CardDraftTable {
  id: string;
  owner_user_id: string;
  source: 'ocr' | 'manual';
  fields: DraftFields;
  phone_cipher: string | null;
  phone_masked: string | null;
  created_by: string | null;
  created_at: Date;
  applied_at: Date | null;
}

export interface CardShareTable {
  id: string;
  card_id: string;
  token_hash: string;
  parent_share_id: string | null;
  chain: string[];
  sharer_kind: 'owner' | 'visitor';
  sharer_user_id: string | null;
  sharer_visitor_id: string | null;
  created_at: Date;
}

export interface CardPhoneRevealTable {
  id: string;
  card_id: string;
  visitor_id: string;
  user_id: string | null;
  share_id: string | null;
  revealed_at: Date;
}

export interface CardTables {
  card_templates: CardTemplateTable;
  cards: CardTable;
  card_drafts: CardDraftTable;
  card_shares: CardShareTable;
  card_phone_reveals: CardPhoneRevealTable;
}
