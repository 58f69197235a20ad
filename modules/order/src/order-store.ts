import { newId } from '@linkmall/kernel';
import { countRows, pageWindow, type Db, type PageRequest } from '@linkmall/db';
import { sql, type Kysely, type Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { CheckoutDraft } from './domain/split-checkout.ts';
import type { OrderStatus } from './domain/order-status.ts';
import type { OrderLineTable, OrderTable, OrderTables, SubOrderTable } from './order-tables.ts';

/** The only file that touches the order tables. */
const t = (db: Db) => db as Kysely<OrderTables>;

export type OrderRow = Selectable<OrderTable>;
export type SubOrderRow = Selectable<SubOrderTable>;
export type OrderLineRow = Selectable<OrderLineTable>;

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
const historyRow = (entry: HistoryEntry) => ({
  id: newId('osh', entry.now.getTime()),
  sub_order_id: entry.subOrderId,
  from_status: entry.from,
  to_status: entry.to,
  event: entry.event,
  actor_user_id: entry.actorUserId,
  occurred_at: entry.now,
});

export const orderStore = {
  /**
   * Writes the parent order, its sub-orders and lines, and each sub-order's first history entry in one
   * statement (data-modifying CTEs; foreign keys are checked at its end), and returns the rows written,
   * ordered as the reads order them, so that checkout answers without reading them back.
   */
  async insertOrder(db: Db, header: NewOrderHeader, draft: CheckoutDraft): Promise<{ order: OrderRow; subOrders: SubOrderRow[]; lines: OrderLineRow[] }> {
    const at = header.now.getTime();
    const order: OrderRow = {
      id: header.id,
      buyer_user_id: header.buyerUserId,
      merchant_id: header.merchantId,
      delivery_method: header.deliveryMethod,
      pickup_store_id: header.pickupStoreId,
      shipping_address: header.shippingAddress,
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
      priority_shipping: false,
      priority_shipping_reason: null,
    };
    const subOrders: SubOrderRow[] = [];
    const lines: OrderLineRow[] = [];
    for (const subOrder of draft.subOrders) {
      const subOrderId = newId('sub', at);
      subOrders.push({
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
      });
      for (const line of subOrder.lines) {
        lines.push({
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
        });
      }
    }
    const shippingAddress = header.shippingAddress === null ? null : JSON.stringify(header.shippingAddress);
    await t(db)
      .with('written_order', (q) => q.insertInto('orders').values({ ...order, shipping_address: shippingAddress }))
      .with('written_sub_orders', (q) => q.insertInto('sub_orders').values(subOrders))
      .with('written_lines', (q) => q.insertInto('order_lines').values(lines))
      .insertInto('order_status_history')
      .values(subOrders.map((subOrder) => historyRow({ subOrderId: subOrder.id, from: null, to: 'created', event: 'checkout', actorUserId: header.buyerUserId, now: header.now })))
      .execute();
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return { order, subOrders: subOrders.sort(byId), lines: lines.sort(byId) };
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
        entries.map(historyRow),
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

  /** Paid orders of buyers (CRM segmentation): amount after refunds and the products in each, oldest first. */
  /** Paid orders since an instant, oldest first: buyer, time and the stored (partly encrypted) shipping address. */
  async paidSince(db: Db, since: Date, limit: number) {
    return t(db).selectFrom('orders').select(['id', 'buyer_user_id', 'paid_at', 'shipping_address']).where('payment_status', '=', 'paid').where('paid_at', '>=', since).orderBy('paid_at').limit(limit).execute();
  },

  async paidPurchasesOf(db: Db, buyerUserIds: readonly string[], limitPerQuery = 20_000) {
    if (buyerUserIds.length === 0) return [];
    return t(db)
      .selectFrom('orders')
      .innerJoin('order_lines', 'order_lines.order_id', 'orders.id')
      .select(['orders.id as orderId', 'orders.buyer_user_id as buyerUserId', 'orders.paid_at as paidAt', 'order_lines.product_id as productId'])
      .select((eb) => eb.ref('order_lines.payable_fen').as('payableFen'))
      .select((eb) => eb.ref('order_lines.refunded_fen').as('refundedFen'))
      .where('orders.buyer_user_id', 'in', [...buyerUserIds])
      .where('orders.payment_status', '=', 'paid')
      .orderBy('orders.paid_at')
      .orderBy('order_lines.id')
      .limit(limitPerQuery)
      .execute();
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

  /**
   * unpaid → paid, guarded in the statement: the order for the one call that made the change (with its
   * lines, for the event, and how many sub-orders it has), else undefined.
   */
  async markOrderPaid(db: Db, id: string, now: Date) {
    return t(db)
      .updateTable('orders')
      .set({ payment_status: 'paid', paid_at: now })
      .where('id', '=', id)
      .where('payment_status', '=', 'unpaid')
      .returningAll()
      .returning((eb) => [
        jsonArrayFrom(
          eb.selectFrom('order_lines').select(['order_lines.sub_order_id', 'order_lines.sku_id', 'order_lines.product_id', 'order_lines.quantity', 'order_lines.payable_fen']).whereRef('order_lines.order_id', '=', 'orders.id').orderBy('order_lines.id'),
        ).as('lines'),
        eb.selectFrom('sub_orders').select((count) => count.fn.countAll<string>().as('n')).whereRef('sub_orders.order_id', '=', 'orders.id').as('sub_order_count'),
      ])
      .executeTakeFirst();
  },

  /** Marks a paid order to ship first, with why; only once, so the first decision is the one kept. */
  async markPriorityShipping(db: Db, id: string, reason: unknown): Promise<boolean> {
    const result = await t(db)
      .updateTable('orders')
      .set({ priority_shipping: true, priority_shipping_reason: JSON.stringify(reason) })
      .where('id', '=', id)
      .where('payment_status', '=', 'paid')
      .where('priority_shipping', '=', false)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
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

  /**
   * Moves the order's sub-orders in `from` to `to` and records each move in their history, in one
   * statement; returns the sub-orders as they are now. `expected` is how many may move (ids are made for them).
   */
  async moveSubOrdersRecorded(db: Db, orderId: string, move: { from: OrderStatus; to: OrderStatus; event: string; actorUserId: string | null; now: Date; expected: number }) {
    const historyIds = Array.from({ length: move.expected }, () => newId('osh', move.now.getTime()));
    return t(db)
      .with('moved', (q) =>
        q
          .updateTable('sub_orders')
          .set((eb) => ({ status: move.to, updated_at: move.now, version: eb('version', '+', 1) }))
          .where('order_id', '=', orderId)
          .where('status', '=', move.from)
          .returningAll(),
      )
      .with('recorded', (q) =>
        q
          .insertInto('order_status_history')
          .columns(['id', 'sub_order_id', 'from_status', 'to_status', 'event', 'actor_user_id', 'occurred_at'])
          .expression((eb) =>
            eb
              .selectFrom('moved')
              .select([
                sql<string>`(${sql.val(historyIds)}::text[])[row_number() over (order by moved.id)]`.as('id'),
                'moved.id as sub_order_id',
                sql.val(move.from).as('from_status'),
                sql.val(move.to).as('to_status'),
                sql.val(move.event).as('event'),
                sql<string | null>`${move.actorUserId}::text`.as('actor_user_id'),
                sql<Date>`${move.now}::timestamptz`.as('occurred_at'),
              ]),
          ),
      )
      .selectFrom('moved')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },

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
