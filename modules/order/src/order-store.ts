import { newId } from '@linkmall/kernel';
import { countRows, pageWindow, type Db, type PageRequest } from '@linkmall/db';
import type { Kysely, Selectable } from 'kysely';
import type { CheckoutDraft } from './domain/split-checkout.ts';
import type { OrderStatus } from './domain/order-status.ts';
import type { OrderTable, OrderTables } from './order-tables.ts';

/** The only file that touches the order tables. */
const t = (db: Db) => db as Kysely<OrderTables>;

export type OrderRow = Selectable<OrderTable>;

export interface NewOrderHeader {
  readonly id: string;
  readonly buyerUserId: string;
  readonly merchantId: string | null;
  readonly deliveryMethod: 'delivery' | 'pickup';
  readonly pickupStoreId: string | null;
  readonly shippingAddress: unknown | null;
  readonly expiresAt: Date;
  readonly now: Date;
}


interface HistoryEntry {
  readonly subOrderId: string;
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly event: string;
  readonly actorUserId: string | null;
  readonly now: Date;
}
export const orderStore = {
  /** Writes the parent order, its sub-orders and lines, and each sub-order's first history entry. */
  async insertOrder(db: Db, header: NewOrderHeader, draft: CheckoutDraft): Promise<void> {
    const at = header.now.getTime();
    await t(db)
      .insertInto('orders')
      .values({
        id: header.id,
        buyer_user_id: header.buyerUserId,
        merchant_id: header.merchantId,
        delivery_method: header.deliveryMethod,
        pickup_store_id: header.pickupStoreId,
        shipping_address: header.shippingAddress === null ? null : JSON.stringify(header.shippingAddress),
        goods_fen: draft.goodsFen,
        discount_fen: draft.discountFen,
        shipping_fen: draft.shippingFen,
        payable_fen: draft.payableFen,
        payment_status: 'unpaid',
        expires_at: header.expiresAt,
        created_at: header.now,
        paid_at: null,
        closed_at: null,
        pickup_code: null,
        collected_at: null,
      })
      .execute();
    for (const subOrder of draft.subOrders) {
      const subOrderId = newId('sub', at);
      await t(db)
        .insertInto('sub_orders')
        .values({
          id: subOrderId,
          order_id: header.id,
          supplier_id: subOrder.supplierId,
          status: 'created',
          goods_fen: subOrder.goodsFen,
          discount_fen: subOrder.discountFen,
          shipping_fen: subOrder.shippingFen,
          payable_fen: subOrder.payableFen,
          version: 1,
          created_at: header.now,
          updated_at: header.now,
          carrier: null,
          tracking_number: null,
          shipped_at: null,
          received_at: null,
          after_sales_until: null,
          completed_at: null,
        })
        .execute();
      await t(db)
        .insertInto('order_lines')
        .values(
          subOrder.lines.map((line) => ({
            id: newId('oln', at),
            order_id: header.id,
            sub_order_id: subOrderId,
            sku_id: line.skuId,
            product_id: line.productId,
            title: line.title,
            specs: line.specs,
            quantity: line.quantity,
            unit_price_fen: line.unitPriceFen,
            supply_price_fen: line.supplyPriceFen,
            line_total_fen: line.lineTotalFen,
            discount_fen: line.discountFen,
            payable_fen: line.payableFen,
            refunded_quantity: 0,
            refunded_fen: 0n,
          })),
        )
        .execute();
      await orderStore.appendHistory(db, { subOrderId, from: null, to: 'created', event: 'checkout', actorUserId: header.buyerUserId, now: header.now });
    }
  },

  async appendHistory(db: Db, entry: HistoryEntry) {
    await this.appendHistories(db, [entry]);
  },

  /** One statement for the transitions of several sub-orders. */
  async appendHistories(db: Db, entries: readonly HistoryEntry[]) {
    if (entries.length === 0) return;
    await t(db)
      .insertInto('order_status_history')
      .values(
        entries.map((entry) => ({
          id: newId('osh', entry.now.getTime()),
          sub_order_id: entry.subOrderId,
          from_status: entry.from,
          to_status: entry.to,
          event: entry.event,
          actor_user_id: entry.actorUserId,
          occurred_at: entry.now,
        })),
      )
      .execute();
  },

  async findOrder(db: Db, id: string, buyerUserId?: string) {
    let query = t(db).selectFrom('orders').selectAll().where('id', '=', id);
    if (buyerUserId) query = query.where('buyer_user_id', '=', buyerUserId);
    return query.executeTakeFirst();
  },

  /** Locks the parent order so payment, cancellation and the auto-close job act on it one at a time. */
  async lockOrder(db: Db, id: string) {
    return t(db).selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  async subOrdersOf(db: Db, orderIds: readonly string[]) {
    if (orderIds.length === 0) return [];
    return t(db).selectFrom('sub_orders').selectAll().where('order_id', 'in', orderIds).orderBy('created_at').orderBy('id').execute();
  },

  async linesOf(db: Db, orderIds: readonly string[]) {
    if (orderIds.length === 0) return [];
    return t(db).selectFrom('order_lines').selectAll().where('order_id', 'in', orderIds).orderBy('id').execute();
  },

  async listBuyerOrders(db: Db, buyerUserId: string, page: PageRequest) {
    const query = t(db).selectFrom('orders').where('buyer_user_id', '=', buyerUserId);
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      countRows(query),
    ]);
    return { rows, total };
  },

  /** Unpaid orders past their deadline, oldest first, locked and skipped by concurrent closers. */
  async claimExpiredUnpaid(db: Db, now: Date, limit: number) {
    return t(db)
      .selectFrom('orders')
      .selectAll()
      .where('payment_status', '=', 'unpaid')
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  },

  /** unpaid → paid, guarded in the statement: the order for the one call that made the change, else undefined. */
  async markOrderPaid(db: Db, id: string, now: Date): Promise<OrderRow | undefined> {
    return t(db).updateTable('orders').set({ payment_status: 'paid', paid_at: now }).where('id', '=', id).where('payment_status', '=', 'unpaid').returningAll().executeTakeFirst();
  },

  /** A fresh 6-digit code, unique among the store's orders still waiting to be collected. */
  async assignPickupCode(db: Db, orderId: string, storeId: string, randomCode: () => string): Promise<string> {
    for (;;) {
      const code = randomCode();
      const taken = await t(db).selectFrom('orders').select('id').where('pickup_store_id', '=', storeId).where('pickup_code', '=', code).where('collected_at', 'is', null).executeTakeFirst();
      if (taken) continue;
      await t(db).updateTable('orders').set({ pickup_code: code }).where('id', '=', orderId).execute();
      return code;
    }
  },

  async findWaitingPickup(db: Db, storeId: string, code: string, options: { forUpdate: boolean } = { forUpdate: true }) {
    const query = t(db)
      .selectFrom('orders')
      .selectAll()
      .where('pickup_store_id', '=', storeId)
      .where('pickup_code', '=', code)
      .where('collected_at', 'is', null)
      .where('payment_status', '=', 'paid');
    return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  },

  async markCollected(db: Db, orderId: string, now: Date): Promise<void> {
    await t(db).updateTable('orders').set({ collected_at: now }).where('id', '=', orderId).execute();
  },

  async markOrderClosed(db: Db, id: string, now: Date): Promise<void> {
    await t(db).updateTable('orders').set({ payment_status: 'closed', closed_at: now }).where('id', '=', id).execute();
  },

  /** Moves every sub-order of an order from `from` to `to`; returns the ids that moved. */
  /** Moves the order's sub-orders in `from` to `to` and returns them as they are now. */
  async moveSubOrders(db: Db, orderId: string, from: OrderStatus, to: OrderStatus, now: Date) {
    return t(db)
      .updateTable('sub_orders')
      .set((eb) => ({ status: to, updated_at: now, version: eb('version', '+', 1) }))
      .where('order_id', '=', orderId)
      .where('status', '=', from)
      .returningAll()
      .execute();
  },
};
