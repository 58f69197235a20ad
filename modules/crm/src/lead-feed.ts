import { sql, type Db, type Kysely } from '@linkmall/db';
import type { LeadStage } from './domain/lead-stage.ts';
import type { CrmTables } from './crm-tables.ts';

const t = (db: Db) => db as Kysely<CrmTables>;

/** A lead as partners (an external CRM) read it: phones only masked, like every list in the platform. */
export interface LeadFeedItem {
  readonly leadId: string;
  readonly ownerUserId: string;
  readonly organizationId: string | null;
  readonly source: string;
  readonly name: string | null;
  readonly title: string | null;
  readonly company: string | null;
  readonly phonesMasked: readonly string[];
  readonly emails: readonly string[];
  readonly stage: LeadStage;
  readonly intentScore: number | null;
  /** Set when the lead was merged into another one: the partner should fold it into that lead. */
  readonly mergedInto: string | null;
  readonly lastActiveAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** The change-feed position: `updated_at` to the microsecond (text) and the id. */
  readonly position: { readonly at: string; readonly id: string };
}

type LeadFeedRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function baseQuery(db: Db) {
  return t(db)
    .selectFrom('crm_leads')
    .selectAll()
    .select(sql<string>`to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('position_at'));
}

async function withPhones(db: Db, rows: readonly LeadFeedRow[]): Promise<LeadFeedItem[]> {
  if (rows.length === 0) return [];
  const phones = await t(db).selectFrom('crm_lead_phones').select(['lead_id', 'phone_masked']).where('lead_id', 'in', rows.map((row) => row.id)).execute();
  return rows.map((row) => ({
    leadId: row.id,
    ownerUserId: row.owner_user_id,
    organizationId: row.organization_id,
    source: row.source,
    name: row.name,
    title: row.title,
    company: row.company,
    phonesMasked: phones.filter((phone) => phone.lead_id === row.id).map((phone) => phone.phone_masked),
    emails: [...row.emails],
    stage: row.stage,
    intentScore: row.intent_score,
    mergedInto: row.merged_into,
    lastActiveAt: row.last_active_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    position: { at: row.position_at, id: row.id },
  }));
}

/** Leads for the partner feed (changes since a position) and scheduled exports (created in a period). */
export function createLeadFeed(db: Db) {
  return {
    async changes(query: { after?: { at: string; id: string } | null; changedUntil?: Date; limit: number }): Promise<LeadFeedItem[]> {
      let select = baseQuery(db);
      if (query.after) select = select.where(sql<boolean>`(updated_at, id) > (${query.after.at}::timestamptz, ${query.after.id})`);
      if (query.changedUntil) select = select.where('updated_at', '<=', query.changedUntil);
      return withPhones(db, await select.orderBy('updated_at').orderBy('id').limit(query.limit).execute());
    },

    /** Leads created in [from, to) that were not merged away, in id (creation) order after `afterId`. */
    async created(query: { from: Date; to: Date; afterId?: string | null; limit: number }): Promise<LeadFeedItem[]> {
      let select = baseQuery(db).where('created_at', '>=', query.from).where('created_at', '<', query.to).where('merged_into', 'is', null);
      if (query.afterId) select = select.where('id', '>', query.afterId);
      return withPhones(db, await select.orderBy('id').limit(query.limit).execute());
    },
  };
}
export type LeadFeed = ReturnType<typeof createLeadFeed>;
