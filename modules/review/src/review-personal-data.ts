import type { Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import type { ReviewTables } from './review-tables.ts';

/** Reviews in the PIPL export, and the tombstone name a deleted buyer's reviews keep (the text stays, as written publicly). */
const t = (db: Db) => db as Kysely<ReviewTables>;

export const reviewPersonalData = {
  async exportFor(db: Db, buyerUserId: string) {
    return t(db).selectFrom('reviews').selectAll().where('buyer_user_id', '=', buyerUserId).orderBy('created_at').execute();
  },
  async anonymise(tx: Db, buyerUserId: string): Promise<{ reviews: number }> {
    const result = await t(tx).updateTable('reviews').set({ buyer_name_masked: '已注销用户', anonymous: true }).where('buyer_user_id', '=', buyerUserId).executeTakeFirst();
    return { reviews: Number(result.numUpdatedRows) };
  },
};
