import type { Db, Kysely } from '@linkmall/db';
import type { OrderTables } from './order-tables.ts';

/**
 * Paid orders as the recommender learns from them: buyer, time, products and where the goods went
 * (province and city of the shipping address, or the pickup store). No names, phones or amounts.
 * Every read takes the caller's `db`, so an outbox subscriber reads inside its delivery transaction.
 */
export interface PurchaseFact {
  readonly orderId: string;
  readonly buyerUserId: string;
  readonly paidAt: Date;
  readonly productIds: readonly string[];
  readonly shippingRegion: { readonly province: string; readonly city: string } | null;
  readonly pickupStoreId: string | null;
}

const t = (db: Db) => db as Kysely<OrderTables>;

function regionOf(address: unknown): PurchaseFact['shippingRegion'] {
  if (!address || typeof address !== 'object') return null;
  const { province, city } = address as Record<string, unknown>;
  return typeof province === 'string' && province ? { province, city: typeof city === 'string' ? city : '' } : null;
}

async function withProducts(db: Db, orders: { id: string; buyer_user_id: string; paid_at: Date | null; shipping_address: unknown; pickup_store_id: string | null }[]): Promise<PurchaseFact[]> {
  if (orders.length === 0) return [];
  const lines = await t(db).selectFrom('order_lines').select(['order_id', 'product_id']).where('order_id', 'in', orders.map((order) => order.id)).orderBy('order_id').orderBy('id').execute();
  const products = new Map<string, string[]>();
  for (const line of lines) {
    const list = products.get(line.order_id) ?? [];
    if (!list.includes(line.product_id)) list.push(line.product_id);
    products.set(line.order_id, list);
  }
  return orders.map((order) => ({
    orderId: order.id,
    buyerUserId: order.buyer_user_id,
    paidAt: order.paid_at!,
    productIds: products.get(order.id) ?? [],
    shippingRegion: regionOf(order.shipping_address),
    pickupStoreId: order.pickup_store_id,
  }));
}

const COLUMNS = ['id', 'buyer_user_id', 'paid_at', 'shipping_address', 'pickup_store_id'] as const;

export const purchaseFacts = {
  /** These orders where paid (an unpaid or closed one is left out). */
  async ofOrders(db: Db, orderIds: readonly string[]): Promise<PurchaseFact[]> {
    if (orderIds.length === 0) return [];
    return withProducts(db, await t(db).selectFrom('orders').select(COLUMNS).where('id', 'in', [...orderIds]).where('payment_status', '=', 'paid').orderBy('id').execute());
  },

  /** Paid orders after an order id (ids sort by creation), for replaying every purchase from the first. */
  async after(db: Db, afterOrderId: string | null, limit: number): Promise<PurchaseFact[]> {
    let query = t(db).selectFrom('orders').select(COLUMNS).where('payment_status', '=', 'paid');
    if (afterOrderId) query = query.where('id', '>', afterOrderId);
    return withProducts(db, await query.orderBy('id').limit(limit).execute());
  },
};
