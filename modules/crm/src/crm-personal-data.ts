import type { PiiCipher } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import type { CrmTables } from './crm-tables.ts';

/**
 * Leads about a member (their account, or the visitor ids they browsed cards with) for the PIPL
 * export, and the tombstones that replace the lead's personal fields on deletion. The lead row stays
 * with its stage and dates so the owner's pipeline counts do not change.
 */
const t = (db: Db) => db as Kysely<CrmTables>;
const ERASED = '已注销';

async function leadIdsOf(db: Db, userId: string, visitorIds: readonly string[]): Promise<string[]> {
  const rows = await t(db)
    .selectFrom('crm_leads')
    .select('id')
    .where((eb) => (visitorIds.length ? eb.or([eb('user_id', '=', userId), eb('visitor_ids', '&&', eb.val([...visitorIds]))]) : eb('user_id', '=', userId)))
    .execute();
  return rows.map((row) => row.id);
}

export const crmPersonalData = {
  async exportFor(db: Db, pii: PiiCipher, userId: string, visitorIds: readonly string[]) {
    const ids = await leadIdsOf(db, userId, visitorIds);
    if (ids.length === 0) return [];
    const leads = await t(db).selectFrom('crm_leads').selectAll().where('id', 'in', ids).execute();
    const phones = await t(db).selectFrom('crm_lead_phones').select(['lead_id', 'phone_cipher']).where('lead_id', 'in', ids).execute();
    const notes = await t(db).selectFrom('crm_notes').select(['lead_id', 'body', 'created_at']).where('lead_id', 'in', ids).execute();
    return leads.map((lead) => ({
      ...lead,
      phones: phones.filter((phone) => phone.lead_id === lead.id).map((phone) => pii.decrypt(phone.phone_cipher)),
      notes: notes.filter((note) => note.lead_id === lead.id).map(({ lead_id: _lead, ...note }) => note),
    }));
  },

  async anonymise(tx: Db, userId: string, visitorIds: readonly string[], now: Date): Promise<{ leads: number }> {
    const ids = await leadIdsOf(tx, userId, visitorIds);
    if (ids.length === 0) return { leads: 0 };
    await t(tx)
      .updateTable('crm_leads')
      .set({ name: ERASED, title: null, company: null, emails: [], address: null, website: null, user_id: null, visitor_ids: [], updated_at: now })
      .where('id', 'in', ids)
      .execute();
    await t(tx).deleteFrom('crm_lead_phones').where('lead_id', 'in', ids).execute();
    await t(tx).updateTable('crm_notes').set({ body: ERASED }).where('lead_id', 'in', ids).execute();
    return { leads: ids.length };
  },
};
