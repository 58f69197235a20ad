import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { furtherStage } from './domain/lead-stage.ts';
import type { CrmErrorCode } from './crm-errors.ts';
import { crmEvent } from './crm-events.ts';
import { crmStore as store, type LeadAccess, type LeadRow } from './crm-store.ts';
import { leadSnapshot, toLeadView, type LeadView } from './crm-view.ts';

const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * Folds `duplicate` into `kept` inside `tx`: phones, tags, notes and tasks move over, empty fields
 * are filled, the stage further along the pipeline wins, and the duplicate stays behind, hidden,
 * pointing at the kept lead, with a merge record holding what it was. Audited.
 */
export async function mergeLeadsIn(tx: Db, ctx: RequestContext, kept: LeadRow, duplicate: LeadRow): Promise<LeadRow> {
  const now = ctx.clock.now();
  const [phones, tags] = await Promise.all([store.phonesOf(tx, [duplicate.id]), store.tagsOf(tx, [duplicate.id])]);
  const snapshot = { ...leadSnapshot(duplicate), title: duplicate.title, emails: duplicate.emails, phonesMasked: phones.map((phone) => phone.phone_masked), tags: tags.map((tag) => tag.tag), createdAt: duplicate.created_at.toISOString() };
  await store.moveChildren(tx, duplicate.id, kept.id);
  const after = await store.updateLead(tx, kept.id, {
    visitor_ids: [...new Set([...kept.visitor_ids, ...duplicate.visitor_ids])],
    user_id: kept.user_id ?? duplicate.user_id,
    name: kept.name ?? duplicate.name,
    title: kept.title ?? duplicate.title,
    company: kept.company ?? duplicate.company,
    emails: [...new Set([...kept.emails, ...duplicate.emails])],
    address: kept.address ?? duplicate.address,
    website: kept.website ?? duplicate.website,
    stage: furtherStage(kept.stage, duplicate.stage),
    intent_score: Math.max(kept.intent_score ?? -1, duplicate.intent_score ?? -1) < 0 ? null : Math.max(kept.intent_score ?? 0, duplicate.intent_score ?? 0),
    last_active_at: later(kept.last_active_at, duplicate.last_active_at),
    updated_at: now,
  });
  await store.updateLead(tx, duplicate.id, { merged_into: kept.id, visitor_ids: [], updated_at: now });
  await store.insertMerge(tx, { id: newId('lmg', now.getTime()), kept_lead_id: kept.id, merged_lead_id: duplicate.id, merged_by: ctx.actor?.userId ?? null, merged_at: now, snapshot });
  await recordAudit(tx, ctx, { action: 'lead.merged', entityType: 'lead', entityId: kept.id, organizationId: kept.organization_id, before: { kept: leadSnapshot(kept), merged: snapshot }, after: { ...leadSnapshot(after), mergedLeadId: duplicate.id } });
  await publishEvent(tx, ctx, crmEvent('lead.merged', kept.id, { keptLeadId: kept.id, mergedLeadId: duplicate.id, ownerUserId: kept.owner_user_id }));
  return after;
}

/** Merges two visible leads of the same owner, the older one kept (its id is the one people know). */
export async function mergeLeads(db: Db, ctx: RequestContext, access: LeadAccess, leadId: string, duplicateLeadId: string): Promise<Result<LeadView, CrmErrorCode>> {
  if (leadId === duplicateLeadId) return err('lead_merge_invalid');
  return inTransaction(db, async (tx) => {
    // Locked in id order, so two opposite merges cannot deadlock.
    const ordered = [leadId, duplicateLeadId].sort();
    const locked = new Map<string, LeadRow | undefined>();
    for (const id of ordered) locked.set(id, await store.lead(tx, access, id, { forUpdate: true }));
    const first = locked.get(leadId);
    const second = locked.get(duplicateLeadId);
    if (!first || !second) return err('lead_not_found');
    if (first.owner_user_id !== second.owner_user_id) return err('lead_merge_invalid');
    const [kept, duplicate] = first.created_at <= second.created_at ? [first, second] : [second, first];
    const after = await mergeLeadsIn(tx, ctx, kept, duplicate);
    const [phones, tags] = await Promise.all([store.phonesOf(tx, [after.id]), store.tagsOf(tx, [after.id])]);
    return ok(toLeadView(after, phones, tags, ctx.locale));
  });
}
