import { sql, type Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import type { DailyCount, VisitorDelta } from './domain/tracking-batch.ts';
import { ACTIVE_WINDOW_MS } from './domain/tracking-batch.ts';
import type { RadarTables } from './radar-tables.ts';

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
  readonly events: readonly EventRow[];
  readonly slot: number;
  readonly receivedAt: Date;
  /** Contact forms are leads: their batches keep durable commits. */
  readonly durable: boolean;
}

export interface EventRow {
  readonly kind: string;
  readonly occurredAt: Date;
  readonly productId: string | null;
  readonly module: string | null;
  readonly seconds: number | null;
  readonly detail: Record<string, unknown> | null;
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
   * The whole common path of a batch in ONE call of `radar_record_batch` (migration 0022: a
   * data-modifying CTE, atomic on its own, planned once per connection): de-identified daily counts
   * always; the visitor's summary and the events only where the visitor consented. Returns the
   * consent and the summary after the batch.
   *
   * Durability: tracking rows only. The function sets synchronous_commit off for its transaction, so
   * a crash may lose the last ~600 ms of acknowledged beacons (3 × wal_writer_delay), which analytics
   * can afford (research perf-reliability §4.6 point 7); contact forms and money paths keep durable
   * commits.
   */
  async recordBatch(db: Db, batch: BatchRows): Promise<{ granted: boolean; visitor: VisitorAfterBatch | null }> {
    const { visitor, delta } = batch;
    const document = {
      ...visitor,
      firstAt: delta.firstAt,
      lastAt: delta.lastAt,
      visits: delta.visits,
      dwellSeconds: delta.dwellSeconds,
      slot: batch.slot,
      receivedAt: batch.receivedAt,
      durable: batch.durable,
      counts: batch.counts,
      events: batch.events,
    };
    const result = await sql<{ granted: boolean; active_published_at: Date | null; display_name_cipher: string | null; user_id: string | null; click_notices: Record<string, string> | null }>`
      select * from radar_record_batch(${JSON.stringify(document)}::jsonb)`.execute(db);
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
