import { countRows, pageWindow, sql, type Db, type PageRequest } from '@linkmall/db';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { LeadStage } from './domain/lead-stage.ts';
import type { CrmLeadPhoneTable, CrmLeadTable, CrmLeadTagTable, CrmNoteTable, CrmTables, CrmTaskTable } from './crm-tables.ts';

const t = (db: Db) => db as Kysely<CrmTables>;

export type LeadRow = Selectable<CrmLeadTable>;
export type PhoneRow = Selectable<CrmLeadPhoneTable>;
export type TagRow = Selectable<CrmLeadTagTable>;
export type NoteRow = Selectable<CrmNoteTable>;
export type TaskRow = Selectable<CrmTaskTable>;

/** Which leads an actor may see: every lead, one organisation's, or only their own. */
export type LeadAccess = { readonly kind: 'all' } | { readonly kind: 'organization'; readonly organizationId: string } | { readonly kind: 'owner'; readonly userId: string };

export interface LeadFilter {
  readonly stage?: LeadStage | undefined;
  readonly ownerUserId?: string | undefined;
  readonly tag?: string | undefined;
  readonly q?: string | undefined;
  readonly minIntent?: number | undefined;
}

function visible(db: Db, access: LeadAccess) {
  let query = t(db).selectFrom('crm_leads').where('merged_into', 'is', null);
  if (access.kind === 'organization') query = query.where('organization_id', '=', access.organizationId);
  if (access.kind === 'owner') query = query.where('owner_user_id', '=', access.userId);
  return query;
}

/** The only file touching the lead tables (automations have their own store). */
export const crmStore = {
  /** Serialises one owner's contact upserts, so two events of one visitor cannot create two leads. */
  async lockOwner(tx: Db, ownerUserId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`crm:${ownerUserId}`}, 0))`.execute(tx);
  },

  /** The owner's live leads that share a visitor id, the user id or a phone hash, oldest first. */
  async matches(db: Db, ownerUserId: string, keys: { visitorId?: string | undefined; userId?: string | undefined; phoneHashes: readonly string[] }): Promise<LeadRow[]> {
    return t(db)
      .selectFrom('crm_leads')
      .selectAll()
      .where('owner_user_id', '=', ownerUserId)
      .where('merged_into', 'is', null)
      .where((eb) => {
        const ors = [];
        if (keys.visitorId) ors.push(eb(sql`visitor_ids`, '@>', sql`array[${keys.visitorId}]::text[]`));
        if (keys.userId) ors.push(eb('user_id', '=', keys.userId));
        if (keys.phoneHashes.length) ors.push(eb('id', 'in', eb.selectFrom('crm_lead_phones').select('lead_id').where('phone_hash', 'in', [...keys.phoneHashes])));
        return ors.length ? eb.or(ors) : eb.val(false);
      })
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },

  async insertLead(tx: Db, row: Insertable<CrmLeadTable>): Promise<LeadRow> {
    return t(tx).insertInto('crm_leads').values(row).returningAll().executeTakeFirstOrThrow();
  },

  async updateLead(tx: Db, id: string, patch: Updateable<CrmLeadTable>): Promise<LeadRow> {
    return t(tx).updateTable('crm_leads').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  async lead(db: Db, access: LeadAccess, id: string, options: { forUpdate?: boolean } = {}): Promise<LeadRow | undefined> {
    const query = visible(db, access).selectAll().where('id', '=', id);
    return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  },

  async listLeads(db: Db, access: LeadAccess, filter: LeadFilter, page: PageRequest): Promise<{ rows: LeadRow[]; total: number }> {
    let query = visible(db, access);
    if (filter.stage) query = query.where('stage', '=', filter.stage);
    if (filter.ownerUserId) query = query.where('owner_user_id', '=', filter.ownerUserId);
    if (filter.minIntent !== undefined) query = query.where('intent_score', '>=', filter.minIntent);
    if (filter.tag) query = query.where('id', 'in', t(db).selectFrom('crm_lead_tags').select('lead_id').where('tag', '=', filter.tag));
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      query = query.where((eb) => eb.or([eb('name', 'ilike', like), eb('company', 'ilike', like)]));
    }
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      countRows(query.selectAll()),
    ]);
    return { rows, total };
  },

  /** Leads an automation looks at: live leads of one organisation, or of every one. */
  async leadsInScope(db: Db, organizationId: string | null, limit: number): Promise<LeadRow[]> {
    return visible(db, organizationId ? { kind: 'organization', organizationId } : { kind: 'all' }).selectAll().orderBy('id').limit(limit).execute();
  },

  async phonesOf(db: Db, leadIds: readonly string[]): Promise<PhoneRow[]> {
    if (leadIds.length === 0) return [];
    return t(db).selectFrom('crm_lead_phones').selectAll().where('lead_id', 'in', [...leadIds]).orderBy('phone_masked').execute();
  },

  async addPhones(tx: Db, rows: readonly CrmLeadPhoneTable[]): Promise<void> {
    if (rows.length) await t(tx).insertInto('crm_lead_phones').values([...rows]).onConflict((oc) => oc.doNothing()).execute();
  },

  async tagsOf(db: Db, leadIds: readonly string[]): Promise<TagRow[]> {
    if (leadIds.length === 0) return [];
    return t(db).selectFrom('crm_lead_tags').selectAll().where('lead_id', 'in', [...leadIds]).orderBy('created_at').orderBy('tag').execute();
  },

  /** Replaces the lead's tags of one kind; a manual tag is never overwritten by an automatic one. */
  async replaceTags(tx: Db, leadId: string, kind: 'manual' | 'auto', tags: readonly string[], now: Date): Promise<void> {
    await t(tx).deleteFrom('crm_lead_tags').where('lead_id', '=', leadId).where('kind', '=', kind).execute();
    if (tags.length === 0) return;
    const rows = tags.map((tag) => ({ lead_id: leadId, tag, kind, created_at: now }));
    if (kind === 'manual') await t(tx).insertInto('crm_lead_tags').values(rows).onConflict((oc) => oc.columns(['lead_id', 'tag']).doUpdateSet({ kind: 'manual' })).execute();
    else await t(tx).insertInto('crm_lead_tags').values(rows).onConflict((oc) => oc.doNothing()).execute();
  },

  async insertNote(tx: Db, row: CrmNoteTable): Promise<void> {
    await t(tx).insertInto('crm_notes').values(row).execute();
  },

  async notesOf(db: Db, leadId: string): Promise<NoteRow[]> {
    return t(db).selectFrom('crm_notes').selectAll().where('lead_id', '=', leadId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute();
  },

  async insertTask(tx: Db, row: CrmTaskTable): Promise<TaskRow> {
    return t(tx).insertInto('crm_tasks').values(row).returningAll().executeTakeFirstOrThrow();
  },

  async tasksOfLead(db: Db, leadId: string): Promise<TaskRow[]> {
    return t(db).selectFrom('crm_tasks').selectAll().where('lead_id', '=', leadId).orderBy('done_at', 'desc').orderBy('due_at').limit(200).execute();
  },

  async tasksOfOwner(db: Db, ownerUserId: string, status: 'open' | 'done', page: PageRequest): Promise<{ rows: TaskRow[]; total: number }> {
    const query = t(db)
      .selectFrom('crm_tasks')
      .where('owner_user_id', '=', ownerUserId)
      .where('done_at', status === 'open' ? 'is' : 'is not', null);
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy(status === 'open' ? 'due_at' : 'done_at', status === 'open' ? 'asc' : 'desc').orderBy('id').limit(limit).offset(offset).execute(),
      countRows(query.selectAll()),
    ]);
    return { rows, total };
  },

  async task(db: Db, id: string, ownerUserId: string): Promise<TaskRow | undefined> {
    return t(db).selectFrom('crm_tasks').selectAll().where('id', '=', id).where('owner_user_id', '=', ownerUserId).forUpdate().executeTakeFirst();
  },

  async finishTask(tx: Db, id: string, now: Date): Promise<TaskRow | undefined> {
    return t(tx).updateTable('crm_tasks').set({ done_at: now }).where('id', '=', id).where('done_at', 'is', null).returningAll().executeTakeFirst();
  },

  async reassignOpenTasks(tx: Db, leadId: string, ownerUserId: string): Promise<void> {
    await t(tx).updateTable('crm_tasks').set({ owner_user_id: ownerUserId }).where('lead_id', '=', leadId).where('done_at', 'is', null).execute();
  },

  /** Moves everything a merged lead held onto the kept lead; a duplicate phone or tag stays once. */
  async moveChildren(tx: Db, fromId: string, toId: string): Promise<void> {
    await sql`insert into crm_lead_phones (lead_id, phone_hash, phone_cipher, phone_masked) select ${toId}, phone_hash, phone_cipher, phone_masked from crm_lead_phones where lead_id = ${fromId} on conflict do nothing`.execute(tx);
    await t(tx).deleteFrom('crm_lead_phones').where('lead_id', '=', fromId).execute();
    await sql`insert into crm_lead_tags (lead_id, tag, kind, created_at) select ${toId}, tag, kind, created_at from crm_lead_tags where lead_id = ${fromId} on conflict do nothing`.execute(tx);
    await t(tx).deleteFrom('crm_lead_tags').where('lead_id', '=', fromId).execute();
    await t(tx).updateTable('crm_notes').set({ lead_id: toId }).where('lead_id', '=', fromId).execute();
    await t(tx).updateTable('crm_tasks').set({ lead_id: toId }).where('lead_id', '=', fromId).execute();
  },

  async insertMerge(tx: Db, row: { id: string; kept_lead_id: string; merged_lead_id: string; merged_by: string | null; merged_at: Date; snapshot: unknown }): Promise<void> {
    await t(tx).insertInto('crm_lead_merges').values({ ...row, snapshot: JSON.stringify(row.snapshot) }).execute();
  },

  async mergedInto(db: Db, keptLeadId: string): Promise<string[]> {
    const rows = await t(db).selectFrom('crm_lead_merges').select('merged_lead_id').where('kept_lead_id', '=', keptLeadId).orderBy('merged_at').execute();
    return rows.map((row) => row.merged_lead_id);
  },
};
