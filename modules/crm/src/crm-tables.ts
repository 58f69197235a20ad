import type { LeadStage } from './domain/lead-stage.ts';
import type { AutomationTrigger } from './domain/automation-rules.ts';

export type LeadSource = 'visitor' | 'vcard' | 'ocr' | 'form' | 'manual';

export interface CrmLeadTable {
  id: string;
  owner_user_id: string;
  organization_id: string | null;
  source: LeadSource;
  visitor_ids: string[];
  user_id: string | null;
  name: string | null;
  title: string | null;
  company: string | null;
  emails: string[];
  address: string | null;
  website: string | null;
  stage: LeadStage;
  intent_score: number | null;
  last_active_at: Date | null;
  merged_into: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CrmLeadPhoneTable {
  lead_id: string;
  phone_hash: string;
  phone_cipher: string;
  phone_masked: string;
}

export interface CrmLeadTagTable {
  lead_id: string;
  tag: string;
  kind: 'manual' | 'auto';
  created_at: Date;
}

export interface CrmNoteTable {
  id: string;
  lead_id: string;
  author_user_id: string | null;
  body: string;
  created_at: Date;
}

export interface CrmTaskTable {
  id: string;
  lead_id: string;
  owner_user_id: string;
  title: string;
  title_en: string | null;
  due_at: Date;
  done_at: Date | null;
  automation_id: string | null;
  created_at: Date;
}

export interface CrmLeadMergeTable {
  id: string;
  kept_lead_id: string;
  merged_lead_id: string;
  merged_by: string | null;
  merged_at: Date;
  snapshot: unknown;
}

export interface CrmAutomationTable {
  id: string;
  organization_id: string | null;
  name: string;
  trigger: AutomationTrigger;
  params: unknown;
  enabled: boolean;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

export interface CrmAutomationRunTable {
  automation_id: string;
  lead_id: string;
  period: string;
  fired_at: Date;
  outcome: unknown;
}

export interface CrmOwnerNotificationTable {
  id: string;
  owner_user_id: string;
  kind: string;
  title: string;
  title_en: string;
  body: string;
  body_en: string;
  link: string | null;
  created_at: Date;
}

export interface CrmTables {
  crm_leads: CrmLeadTable;
  crm_lead_phones: CrmLeadPhoneTable;
  crm_lead_tags: CrmLeadTagTable;
  crm_notes: CrmNoteTable;
  crm_tasks: CrmTaskTable;
  crm_lead_merges: CrmLeadMergeTable;
  crm_automations: CrmAutomationTable;
  crm_automation_runs: CrmAutomationRunTable;
  crm_owner_notifications: CrmOwnerNotificationTable;
}
