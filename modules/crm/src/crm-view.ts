import type { Locale } from '@linkmall/kernel';
import { STAGE_LABELS, type LeadStage } from './domain/lead-stage.ts';
import type { LeadRow, NoteRow, PhoneRow, TagRow, TaskRow } from './crm-store.ts';

export interface LeadView {
  id: string;
  ownerUserId: string;
  organizationId: string | null;
  source: string;
  name: string | null;
  title: string | null;
  company: string | null;
  phonesMasked: string[];
  emails: string[];
  address: string | null;
  website: string | null;
  stage: LeadStage;
  stageLabel: string;
  tags: { tag: string; kind: 'manual' | 'auto' }[];
  intentScore: number | null;
  userId: string | null;
  visitorCount: number;
  lastActiveAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NoteView {
  id: string;
  authorUserId: string | null;
  body: string;
  createdAt: string;
}

export interface TaskView {
  id: string;
  leadId: string;
  title: string;
  dueAt: string;
  doneAt: string | null;
  automationId: string | null;
  createdAt: string;
}

export function toLeadView(row: LeadRow, phones: readonly PhoneRow[], tags: readonly TagRow[], locale: Locale): LeadView {
  return {
    id: row.id,
    ownerUserId: row.owner_user_id,
    organizationId: row.organization_id,
    source: row.source,
    name: row.name,
    title: row.title,
    company: row.company,
    phonesMasked: phones.filter((phone) => phone.lead_id === row.id).map((phone) => phone.phone_masked),
    emails: [...row.emails],
    address: row.address,
    website: row.website,
    stage: row.stage,
    stageLabel: STAGE_LABELS[row.stage][locale],
    tags: tags.filter((tag) => tag.lead_id === row.id).map((tag) => ({ tag: tag.tag, kind: tag.kind })),
    intentScore: row.intent_score,
    userId: row.user_id,
    visitorCount: row.visitor_ids.length,
    lastActiveAt: row.last_active_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export const toNoteView = (row: NoteRow): NoteView => ({ id: row.id, authorUserId: row.author_user_id, body: row.body, createdAt: row.created_at.toISOString() });

export const toTaskView = (row: TaskRow, locale: Locale): TaskView => ({
  id: row.id,
  leadId: row.lead_id,
  title: locale === 'en' && row.title_en ? row.title_en : row.title,
  dueAt: row.due_at.toISOString(),
  doneAt: row.done_at?.toISOString() ?? null,
  automationId: row.automation_id,
  createdAt: row.created_at.toISOString(),
});

/** What the audit log keeps of a lead: no phone numbers, only how many. */
export const leadSnapshot = (row: LeadRow) => ({
  ownerUserId: row.owner_user_id,
  organizationId: row.organization_id,
  name: row.name,
  company: row.company,
  stage: row.stage,
  visitorIds: row.visitor_ids,
  userId: row.user_id,
});
