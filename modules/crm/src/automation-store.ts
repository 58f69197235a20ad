import type { Db } from '@linkmall/db';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { CrmAutomationTable, CrmOwnerNotificationTable, CrmTables } from './crm-tables.ts';

const t = (db: Db) => db as Kysely<CrmTables>;

export type AutomationRow = Selectable<CrmAutomationTable>;

/** The only file touching the automation tables and the in-module notification inbox. */
export const automationStore = {
  async insert(tx: Db, row: Insertable<CrmAutomationTable>): Promise<AutomationRow> {
    return t(tx).insertInto('crm_automations').values({ ...row, params: JSON.stringify(row.params) }).returningAll().executeTakeFirstOrThrow();
  },

  async update(tx: Db, id: string, patch: Updateable<CrmAutomationTable>): Promise<AutomationRow> {
    const values = patch.params === undefined ? patch : { ...patch, params: JSON.stringify(patch.params) };
    return t(tx).updateTable('crm_automations').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  /** A live automation the organisation may see (null: platform staff, who see all). */
  async find(db: Db, organizationId: string | null, id: string, forUpdate = false): Promise<AutomationRow | undefined> {
    let query = t(db).selectFrom('crm_automations').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
    if (organizationId) query = query.where('organization_id', '=', organizationId);
    return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
  },

  async list(db: Db, organizationId: string | null): Promise<AutomationRow[]> {
    let query = t(db).selectFrom('crm_automations').selectAll().where('deleted_at', 'is', null);
    if (organizationId) query = query.where('organization_id', '=', organizationId);
    return query.orderBy('created_at').orderBy('id').limit(200).execute();
  },

  async enabled(db: Db): Promise<AutomationRow[]> {
    return t(db).selectFrom('crm_automations').selectAll().where('deleted_at', 'is', null).where('enabled', '=', true).orderBy('id').execute();
  },

  /** Claims one firing; false when this (automation, lead, period) already fired. */
  async claimRun(tx: Db, run: { automationId: string; leadId: string; period: string; firedAt: Date }): Promise<boolean> {
    const inserted = await t(tx)
      .insertInto('crm_automation_runs')
      .values({ automation_id: run.automationId, lead_id: run.leadId, period: run.period, fired_at: run.firedAt, outcome: JSON.stringify({}) })
      .onConflict((oc) => oc.doNothing())
      .returning('period')
      .executeTakeFirst();
    return Boolean(inserted);
  },

  async recordOutcome(db: Db, run: { automationId: string; leadId: string; period: string }, outcome: object): Promise<void> {
    await t(db).updateTable('crm_automation_runs').set({ outcome: JSON.stringify(outcome) }).where('automation_id', '=', run.automationId).where('lead_id', '=', run.leadId).where('period', '=', run.period).execute();
  },

  async runsOf(db: Db, automationId: string): Promise<{ lead_id: string; period: string; fired_at: Date; outcome: unknown }[]> {
    return t(db).selectFrom('crm_automation_runs').select(['lead_id', 'period', 'fired_at', 'outcome']).where('automation_id', '=', automationId).orderBy('fired_at').orderBy('period').execute();
  },

  async insertNotification(db: Db, row: CrmOwnerNotificationTable): Promise<void> {
    await t(db).insertInto('crm_owner_notifications').values(row).execute();
  },

  async notificationsOf(db: Db, ownerUserId: string, limit: number): Promise<Selectable<CrmOwnerNotificationTable>[]> {
    return t(db).selectFrom('crm_owner_notifications').selectAll().where('owner_user_id', '=', ownerUserId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },
};
