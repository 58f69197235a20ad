import { pageWindow, sql, type Db, type PageRequest } from '@linkmall/db';
import type { Kysely, Selectable } from 'kysely';
import type { TrackingKind } from './domain/tracking-batch.ts';
import type { RadarEventTable, RadarTables } from './radar-tables.ts';

const t = (db: Db) => db as Kysely<RadarTables>;

export interface VisitorSummaryRow {
  visitor_id: string;
  user_id: string | null;
  display_name_cipher: string | null;
  avatar_url: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
  visits: number;
  dwell_seconds: number;
  forwarder_visitor_id: string | null;
}

export type EventRow = Selectable<RadarEventTable>;

/** One visitor across all of an owner's cards. */
const summaryColumns = sql<VisitorSummaryRow>`visitor_id,
  (array_agg(user_id order by last_seen_at desc) filter (where user_id is not null))[1] as user_id,
  (array_agg(display_name_cipher order by last_seen_at desc) filter (where display_name_cipher is not null))[1] as display_name_cipher,
  (array_agg(avatar_url order by last_seen_at desc) filter (where avatar_url is not null))[1] as avatar_url,
  min(first_seen_at) as first_seen_at, max(last_seen_at) as last_seen_at,
  sum(visits)::int as visits, sum(dwell_seconds)::int as dwell_seconds,
  (array_agg(forwarder_visitor_id order by first_seen_at) filter (where forwarder_visitor_id is not null))[1] as forwarder_visitor_id`;

/** Reads of the radar: visitor pages, timelines, behaviour and team totals. */
export const radarReadStore = {
  async visitorPage(db: Db, ownerUserId: string, page: PageRequest, cardId?: string): Promise<{ rows: VisitorSummaryRow[]; total: number }> {
    const { limit, offset } = pageWindow(page);
    const cardFilter = cardId ? sql`and card_id = ${cardId}` : sql``;
    const rows = await sql<VisitorSummaryRow>`select ${summaryColumns} from radar_visitors
      where owner_user_id = ${ownerUserId} ${cardFilter}
      group by visitor_id order by max(last_seen_at) desc, visitor_id limit ${limit} offset ${offset}`.execute(db);
    const total = await sql<{ n: number }>`select count(distinct visitor_id)::int as n from radar_visitors where owner_user_id = ${ownerUserId} ${cardFilter}`.execute(db);
    return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
  },

  async summaries(db: Db, ownerUserId: string, visitorIds: readonly string[]): Promise<VisitorSummaryRow[]> {
    if (visitorIds.length === 0) return [];
    const rows = await sql<VisitorSummaryRow>`select ${summaryColumns} from radar_visitors
      where owner_user_id = ${ownerUserId} and visitor_id = any(${[...visitorIds]}::text[]) group by visitor_id`.execute(db);
    return rows.rows;
  },

  /** Event counts per visitor and kind. */
  async kindCounts(db: Db, ownerUserId: string, visitorIds: readonly string[]) {
    if (visitorIds.length === 0) return [];
    return t(db)
      .selectFrom('radar_events')
      .select(['visitor_id', 'kind', sql<number>`count(*)::int`.as('events')])
      .where('owner_user_id', '=', ownerUserId)
      .where('visitor_id', 'in', [...visitorIds])
      .groupBy(['visitor_id', 'kind'])
      .execute();
  },

  /** Per visitor and product: clicks, and seconds of heartbeats sent from the product. */
  async productInterest(db: Db, ownerUserId: string, visitorIds: readonly string[]) {
    if (visitorIds.length === 0) return [];
    return t(db)
      .selectFrom('radar_events')
      .select([
        'visitor_id',
        'product_id',
        sql<number>`(count(*) filter (where kind = 'product_click'))::int`.as('clicks'),
        sql<number>`coalesce(sum(seconds) filter (where kind = 'dwell'), 0)::int`.as('seconds'),
      ])
      .where('owner_user_id', '=', ownerUserId)
      .where('visitor_id', 'in', [...visitorIds])
      .where('product_id', 'is not', null)
      .groupBy(['visitor_id', 'product_id'])
      .execute() as Promise<{ visitor_id: string; product_id: string; clicks: number; seconds: number }[]>;
  },

  async modulesViewed(db: Db, ownerUserId: string, visitorIds: readonly string[]) {
    if (visitorIds.length === 0) return [];
    return t(db)
      .selectFrom('radar_events')
      .select(['visitor_id', 'module'])
      .distinct()
      .where('owner_user_id', '=', ownerUserId)
      .where('visitor_id', 'in', [...visitorIds])
      .where('kind', '=', 'module_view')
      .where('module', 'is not', null)
      .execute() as Promise<{ visitor_id: string; module: string }[]>;
  },

  /** Who arrived through a share that these visitors forwarded: the forward graph's edges out of them. */
  async forwardedTo(db: Db, ownerUserId: string, forwarderIds: readonly string[]): Promise<VisitorSummaryRow[]> {
    if (forwarderIds.length === 0) return [];
    const rows = await sql<VisitorSummaryRow>`select ${summaryColumns} from radar_visitors
      where owner_user_id = ${ownerUserId} and forwarder_visitor_id = any(${[...forwarderIds]}::text[]) group by visitor_id`.execute(db);
    return rows.rows;
  },

  async timeline(db: Db, ownerUserId: string, visitorId: string, page: PageRequest): Promise<{ rows: EventRow[]; total: number }> {
    const { limit, offset } = pageWindow(page);
    const base = t(db).selectFrom('radar_events').where('owner_user_id', '=', ownerUserId).where('visitor_id', '=', visitorId);
    const rows = await base.selectAll().orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
    const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    return { rows, total: total.n };
  },

  /** Per owner over Beijing days [from, to]: de-identified totals of every visit, consented or not. */
  async teamCounts(db: Db, filter: { organizationId: string | null; from: string; to: string }) {
    let query = t(db)
      .selectFrom('radar_daily_counts')
      .select([
        'owner_user_id',
        sql<string>`min(organization_id)`.as('organization_id'),
        sql<number>`(coalesce(sum(events) filter (where kind = 'view'), 0))::int`.as('views'),
        sql<number>`(coalesce(sum(seconds) filter (where kind = 'dwell'), 0))::int`.as('dwell_seconds'),
        sql<number>`(coalesce(sum(events) filter (where kind = 'share'), 0))::int`.as('shares'),
        sql<number>`(coalesce(sum(events) filter (where kind = 'forward'), 0))::int`.as('forwards'),
        sql<number>`(coalesce(sum(events) filter (where kind in ('contact_form', 'call')), 0))::int`.as('leads'),
        sql<number>`(coalesce(sum(events) filter (where kind in ('product_click')), 0))::int`.as('product_clicks'),
      ])
      .where('day', '>=', filter.from)
      .where('day', '<=', filter.to);
    if (filter.organizationId) query = query.where('organization_id', '=', filter.organizationId);
    return query.groupBy('owner_user_id').orderBy(sql`sum(events) filter (where kind = 'view')`, 'desc').limit(500).execute();
  },

  /** Consented visitors seen per owner within [since, until). */
  async teamVisitors(db: Db, filter: { organizationId: string | null; since: Date; until: Date }) {
    let query = t(db)
      .selectFrom('radar_visitors')
      .select(['owner_user_id', sql<number>`count(distinct visitor_id)::int`.as('visitors')])
      .where('last_seen_at', '>=', filter.since)
      .where('first_seen_at', '<', filter.until);
    if (filter.organizationId) query = query.where('organization_id', '=', filter.organizationId);
    return query.groupBy('owner_user_id').execute();
  },
};

export type KindCount = { visitor_id: string; kind: TrackingKind; events: number };
