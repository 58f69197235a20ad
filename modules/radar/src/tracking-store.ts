import { sql, type Db } from '@linkmall/db';
import type { Insertable, Kysely } from 'kysely';
import type { DailyCount, VisitorDelta } from './domain/tracking-batch.ts';
import { ACTIVE_WINDOW_MS } from './domain/tracking-batch.ts';
import type { RadarEventTable, RadarTables } from './radar-tables.ts';

const t = (db: Db) => db as Kysely<RadarTables>;

export interface VisitorAfterBatch {
  readonly activePublishedAt: Date | null;
  readonly displayNameCipher: string | null;
  readonly userId: string | null;
  readonly clickNotices: Record<string, string>;
}

export interface BatchRows {
  readonly visitor: VisitorUpsert;
  readonly delta: VisitorDelta;
  readonly counts: readonly DailyCount[];
  /** Per-person event rows: stored only if the visitor consented. */
  readonly events: readonly Pick<Insertable<RadarEventTable>, 'kind' | 'occurred_at' | 'product_id' | 'module' | 'seconds' | 'detail'>[];
  readonly slot: number;
  readonly receivedAt: Date;
  /** Contact forms are leads: their batches keep durable commits. */
  readonly durable: boolean;
}

export interface VisitorUpsert {
  readonly cardId: string;
  readonly visitorId: string;
  readonly ownerUserId: string;
  readonly organizationId: string;
  readonly userId: string | null;
  readonly displayNameCipher: string | null;
  readonly avatarUrl: string | null;
  readonly shareId: string | null;
  readonly forwarderVisitorId: string | null;
}

/** The writes of the tracking endpoint: consent, events, de-identified counts and visitor summaries. */
export const trackingStore = {
  async consentGranted(db: Db, visitorId: string, cardId: string): Promise<boolean> {
    const row = await t(db).selectFrom('radar_consents').select('granted').where('visitor_id', '=', visitorId).where('card_id', '=', cardId).executeTakeFirst();
    return row?.granted === true;
  },

  async recordConsent(tx: Db, decision: { visitorId: string; cardId: string; granted: boolean; at: Date }): Promise<void> {
    const row = { visitor_id: decision.visitorId, card_id: decision.cardId, granted: decision.granted, decided_at: decision.at };
    await t(tx)
      .insertInto('radar_consents')
      .values(row)
      .onConflict((oc) => oc.columns(['visitor_id', 'card_id']).doUpdateSet({ granted: decision.granted, decided_at: decision.at }))
      .execute();
    await t(tx).insertInto('radar_consent_decisions').values(row).execute();
  },

  /** On withdrawal the visitor's per-person records of that card go; de-identified counts stay. */
  async erasePerson(tx: Db, visitorId: string, cardId: string): Promise<number> {
    const events = await t(tx).deleteFrom('radar_events').where('card_id', '=', cardId).where('visitor_id', '=', visitorId).executeTakeFirst();
    await t(tx).deleteFrom('radar_visitors').where('card_id', '=', cardId).where('visitor_id', '=', visitorId).execute();
    return Number(events.numDeletedRows);
  },

  /**
   * The whole common path of a batch in ONE statement (data-modifying CTEs, atomic on its own):
   * de-identified daily counts always; the visitor's summary and the events as one multi-row INSERT
   * only where the visitor consented. Returns the consent and the summary after the batch.
   *
   * Durability: tracking rows only. set_config(…, true) is SET LOCAL for this statement's transaction:
   * its commit does not wait for the WAL flush, so a crash may lose the last ~600 ms of acknowledged
   * beacons (3 × wal_writer_delay), which analytics can afford (research perf-reliability §4.6 point 7);
   * money paths keep durable commits.
   */
  async recordBatch(db: Db, batch: BatchRows): Promise<{ granted: boolean; visitor: VisitorAfterBatch | null }> {
    const { visitor, delta, counts, events } = batch;
    const countRows = sql.join(counts.map((count) => sql`(${visitor.cardId}, ${count.day}::date, ${count.kind}, ${batch.slot}::smallint, ${visitor.ownerUserId}, ${visitor.organizationId}, ${count.events}::int, ${count.seconds}::bigint)`));
    const eventRows = sql.join(events.map((row) => sql`(${row.product_id}::text, ${row.module}::text, ${row.seconds}::int, ${row.detail}::jsonb, ${row.kind}::text, ${row.occurred_at}::timestamptz)`));
    const result = await sql<{ durability: string; granted: boolean; active_published_at: Date | null; display_name_cipher: string | null; user_id: string | null; click_notices: Record<string, string> | null }>`
      with settings as (select set_config('synchronous_commit', ${batch.durable ? 'on' : 'off'}, true) as durability),
      consent as (select 1 from radar_consents where visitor_id = ${visitor.visitorId} and card_id = ${visitor.cardId} and granted),
      counts as (
        insert into radar_daily_counts (card_id, day, kind, slot, owner_user_id, organization_id, events, seconds) values ${countRows}
        on conflict (card_id, day, kind, slot) do update set events = radar_daily_counts.events + excluded.events, seconds = radar_daily_counts.seconds + excluded.seconds),
      summary as (
        insert into radar_visitors (card_id, visitor_id, owner_user_id, organization_id, user_id, display_name_cipher, avatar_url, first_seen_at, last_seen_at, visits, dwell_seconds, share_id, forwarder_visitor_id)
        select ${visitor.cardId}, ${visitor.visitorId}, ${visitor.ownerUserId}, ${visitor.organizationId}, ${visitor.userId}::text, ${visitor.displayNameCipher}::text, ${visitor.avatarUrl}::text,
               ${delta.firstAt}::timestamptz, ${delta.lastAt}::timestamptz, ${delta.visits}::int, ${delta.dwellSeconds}::int, ${visitor.shareId}::text, ${visitor.forwarderVisitorId}::text
        where exists (select 1 from consent)
        on conflict (card_id, visitor_id) do update set
          user_id = coalesce(excluded.user_id, radar_visitors.user_id),
          display_name_cipher = coalesce(excluded.display_name_cipher, radar_visitors.display_name_cipher),
          avatar_url = coalesce(excluded.avatar_url, radar_visitors.avatar_url),
          first_seen_at = least(radar_visitors.first_seen_at, excluded.first_seen_at),
          last_seen_at = greatest(radar_visitors.last_seen_at, excluded.last_seen_at),
          visits = radar_visitors.visits + excluded.visits,
          dwell_seconds = radar_visitors.dwell_seconds + excluded.dwell_seconds,
          -- The first visit's attribution stays: it is how this visitor found the card.
          share_id = coalesce(radar_visitors.share_id, excluded.share_id),
          forwarder_visitor_id = coalesce(radar_visitors.forwarder_visitor_id, excluded.forwarder_visitor_id)
        returning active_published_at, display_name_cipher, user_id, click_notices),
      stored as (
        insert into radar_events (card_id, owner_user_id, organization_id, visitor_id, user_id, kind, occurred_at, received_at, share_id, forwarder_visitor_id, product_id, module, seconds, detail)
        select ${visitor.cardId}, ${visitor.ownerUserId}, ${visitor.organizationId}, ${visitor.visitorId}, summary.user_id, e.kind, e.occurred_at, ${batch.receivedAt}::timestamptz,
               ${visitor.shareId}::text, ${visitor.forwarderVisitorId}::text, e.product_id, e.module, e.seconds, e.detail
        from summary, (values ${eventRows}) as e (product_id, module, seconds, detail, kind, occurred_at))
      select settings.durability, exists (select 1 from consent) as granted, summary.* from settings left join summary on true`.execute(db);
    const row = result.rows[0]!;
    if (!row.granted || row.click_notices === null) return { granted: row.granted, visitor: null };
    return { granted: true, visitor: { activePublishedAt: row.active_published_at, displayNameCipher: row.display_name_cipher, userId: row.user_id, clickNotices: row.click_notices } };
  },

  async setClickNotices(tx: Db, cardId: string, visitorId: string, notices: Record<string, string>): Promise<void> {
    await t(tx).updateTable('radar_visitors').set({ click_notices: JSON.stringify(notices) }).where('card_id', '=', cardId).where('visitor_id', '=', visitorId).execute();
  },

  /** Claims the 30-minute radar.visitor_active slot; false when a concurrent batch claimed it first. */
  async claimActive(tx: Db, cardId: string, visitorId: string, now: Date): Promise<boolean> {
    const claimed = await t(tx)
      .updateTable('radar_visitors')
      .set({ active_published_at: now })
      .where('card_id', '=', cardId)
      .where('visitor_id', '=', visitorId)
      .where((eb) => eb.or([eb('active_published_at', 'is', null), eb('active_published_at', '<=', new Date(now.getTime() - ACTIVE_WINDOW_MS))]))
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1;
  },
};
