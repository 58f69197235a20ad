import type { Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import type { CardTables } from './card-tables.ts';

/**
 * The card's part of the PIPL rights: the times the member revealed a card owner's phone number. The
 * owner keeps the count (a pseudonymous visitor id stays); the link to the member's account goes.
 */
const t = (db: Db) => db as Kysely<CardTables>;

export const cardPersonalData = {
  async exportFor(db: Db, userId: string, visitorIds: readonly string[]) {
    return t(db)
      .selectFrom('card_phone_reveals')
      .select(['card_id', 'visitor_id', 'revealed_at'])
      .where((eb) => (visitorIds.length ? eb.or([eb('user_id', '=', userId), eb('visitor_id', 'in', [...visitorIds])]) : eb('user_id', '=', userId)))
      .orderBy('revealed_at')
      .limit(10_000)
      .execute();
  },

  async anonymise(tx: Db, userId: string): Promise<number> {
    const updated = await t(tx).updateTable('card_phone_reveals').set({ user_id: null }).where('user_id', '=', userId).executeTakeFirst();
    return Number(updated.numUpdatedRows);
  },
};
