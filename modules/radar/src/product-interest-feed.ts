import type { Db, Kysely } from '@linkmall/db';
import type { RadarTables } from './radar-tables.ts';

/** A consented visitor's act on a product of a card (a click, an add to cart, an order from the card). */
export interface ProductInterest {
  /** The tracking row's identity: increasing in insertion order, so readers can keep a watermark. */
  readonly id: bigint;
  readonly visitorId: string;
  /** The shop account the visitor was signed in with, if any. */
  readonly userId: string | null;
  readonly productId: string;
  readonly occurredAt: Date;
  readonly receivedAt: Date;
}

const t = (db: Db) => db as Kysely<RadarTables>;

/**
 * Per-person product rows after a position, in id order (the recommender's card behaviour). Only
 * consented visitors have per-person rows, and a withdrawal erases them here too.
 */
export async function productInterestsAfter(db: Db, afterId: bigint, limit: number): Promise<ProductInterest[]> {
  const rows = await t(db)
    .selectFrom('radar_events')
    .select(['id', 'visitor_id', 'user_id', 'product_id', 'occurred_at', 'received_at'])
    .where('id', '>', afterId)
    .where('product_id', 'is not', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: BigInt(row.id), visitorId: row.visitor_id, userId: row.user_id, productId: row.product_id!, occurredAt: row.occurred_at, receivedAt: row.received_at }));
}
