import type { PiiCipher } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { sql, type Kysely } from 'kysely';
import type { RadarTables } from './radar-tables.ts';

/**
 * The radar's part of the PIPL rights: what it recorded about a signed-in visitor, the tombstones
 * of their visitor profile, and the retention purge of raw tracking rows (the de-identified daily
 * counts and the analytics roll-ups keep the aggregates).
 */
const t = (db: Db) => db as Kysely<RadarTables>;

export const radarPersonalData = {
  /** Card visits where the member was the (signed-in) visitor, their events and consent decisions. */
  async exportFor(db: Db, pii: PiiCipher, userId: string) {
    const visitors = await t(db).selectFrom('radar_visitors').selectAll().where('user_id', '=', userId).execute();
    const visitorIds = [...new Set(visitors.map((visitor) => visitor.visitor_id))];
    const events = await t(db)
      .selectFrom('radar_events')
      .select(['id', 'card_id', 'visitor_id', 'kind', 'occurred_at', 'product_id', 'module', 'seconds', 'share_id'])
      .where((eb) => (visitorIds.length ? eb.or([eb('user_id', '=', userId), eb('visitor_id', 'in', visitorIds)]) : eb('user_id', '=', userId)))
      .orderBy('id')
      .limit(10_000)
      .execute();
    const consents = visitorIds.length ? await t(db).selectFrom('radar_consent_decisions').selectAll().where('visitor_id', 'in', visitorIds).orderBy('id').execute() : [];
    return {
      visitors: visitors.map(({ display_name_cipher, click_notices: _notices, ...visitor }) => ({ ...visitor, display_name: display_name_cipher ? pii.decrypt(display_name_cipher) : null })),
      events,
      consents,
    };
  },

  /** The member's visitor profiles lose name, avatar and account link; contact-form details on their events go. */
  async anonymise(tx: Db, userId: string): Promise<{ visitors: number; events: number; visitorIds: string[] }> {
    const visitors = await t(tx).selectFrom('radar_visitors').select('visitor_id').where('user_id', '=', userId).execute();
    const visitorIds = [...new Set(visitors.map((visitor) => visitor.visitor_id))];
    const updated = await t(tx).updateTable('radar_visitors').set({ display_name_cipher: null, avatar_url: null, user_id: null }).where('user_id', '=', userId).executeTakeFirst();
    const events = await t(tx)
      .updateTable('radar_events')
      .set({ user_id: null, detail: sql`case when kind = 'contact_form' then null else detail end` })
      .where((eb) => (visitorIds.length ? eb.or([eb('user_id', '=', userId), eb('visitor_id', 'in', visitorIds)]) : eb('user_id', '=', userId)))
      .executeTakeFirst();
    return { visitors: Number(updated.numUpdatedRows), events: Number(events.numUpdatedRows), visitorIds };
  },

  /**
   * Deletes one batch of raw tracking rows that happened before `before` and whose id is at most
   * `throughId` (what every reader of radar_events has already consumed). Returns how many went.
   */
  async purgeEvents(db: Db, input: { before: Date; throughId: bigint; batchSize: number }): Promise<number> {
    const result = await sql<{ id: string }>`delete from radar_events where id in (
        select id from radar_events where id <= ${input.throughId.toString()}::bigint and occurred_at < ${input.before}
        order by id limit ${input.batchSize}) returning id`.execute(db);
    return result.rows.length;
  },
};
