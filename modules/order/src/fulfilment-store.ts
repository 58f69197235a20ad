import type { DataScope } from '@linkmall/kernel';
import { countRows, pageWindow, type Db, type PageRequest } from '@linkmall/db';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { OrderStatus } from './domain/order-status.ts';
import type { OrderTables, SubOrderTable } from './order-tables.ts';

/** Sub-order queries and guarded status changes for shipping, receipt and completion. */
const t = (db: Db) => db as Kysely<OrderTables>;

export type SubOrderRow = Selectable<SubOrderTable> & {
  buyer_user_id: string;
  merchant_id: string | null;
  payment_status: string;
  paid_at: Date | null;
  priority_shipping: boolean;
  priority_shipping_reason: unknown | null;
};

export interface SubOrderFilter {
  readonly status?: OrderStatus;
  /** Only orders marked 优先发货 (true) or only the others (false). */
  readonly priority?: boolean;
}

/** A supplier sees the sub-orders it ships; a merchant those sold through its storefront; platform staff all. */
function scoped(db: Db, scope: DataScope) {
  let query = t(db)
    .selectFrom('sub_orders')
    .innerJoin('orders', 'orders.id', 'sub_orders.order_id')
    .selectAll('sub_orders')
    .select(['orders.buyer_user_id', 'orders.merchant_id', 'orders.payment_status', 'orders.paid_at', 'orders.priority_shipping', 'orders.priority_shipping_reason']);
  if (scope.kind === 'supplier') query = query.where('sub_orders.supplier_id', '=', scope.supplierId);
  else if (scope.kind === 'merchant') query = query.where('orders.merchant_id', '=', scope.merchantId);
  else if (scope.kind === 'self') query = query.where('orders.buyer_user_id', '=', scope.userId);
  return query;
}

export const fulfilmentStore = {
  /** Lines, recorded status changes and the order's stored address (phone still encrypted) of one sub-order. */
  async detailOf(db: Db, subOrderId: string, orderId: string) {
    const [lines, history, order] = await Promise.all([
      t(db).selectFrom('order_lines').selectAll().where('sub_order_id', '=', subOrderId).orderBy('id').execute(),
      t(db).selectFrom('order_status_history').select(['from_status', 'to_status', 'event', 'occurred_at']).where('sub_order_id', '=', subOrderId).orderBy('occurred_at').orderBy('id').execute(),
      t(db).selectFrom('orders').select(['shipping_address', 'delivery_method', 'pickup_store_id']).where('id', '=', orderId).executeTakeFirstOrThrow(),
    ]);
    return { lines, history, order };
  },

  async findSubOrder(db: Db, id: string, scope: DataScope, options: { forUpdate?: boolean } = {}): Promise<SubOrderRow | undefined> {
    const query = scoped(db, scope).where('sub_orders.id', '=', id);
    return (options.forUpdate ? query.forUpdate('sub_orders') : query).executeTakeFirst() as Promise<SubOrderRow | undefined>;
  },

  /**
   * Newest first, except the sub-orders awaiting shipment (status `paid`): those list in shipping
   * order, 优先发货 first, then the oldest paid first, so the top row is always the next to ship.
   */
  async listSubOrders(db: Db, scope: DataScope, filter: SubOrderFilter, page: PageRequest) {
    let query = scoped(db, scope);
    if (filter.status) query = query.where('sub_orders.status', '=', filter.status);
    if (filter.priority !== undefined) query = query.where('orders.priority_shipping', '=', filter.priority);
    const { limit, offset } = pageWindow(page);
    const ordered =
      filter.status === 'paid'
        ? query.orderBy('orders.priority_shipping', 'desc').orderBy('orders.paid_at', 'asc').orderBy('sub_orders.id', 'asc')
        : query.orderBy('sub_orders.created_at', 'desc').orderBy('sub_orders.id', 'desc');
    const [rows, total] = await Promise.all([
      ordered.limit(limit).offset(offset).execute(),
      countRows(query),
    ]);
    return { rows: rows as SubOrderRow[], total };
  },

  /** Changes a sub-order only if it is still in `from`; true when this call made the change. */
  async move(db: Db, id: string, from: OrderStatus, to: OrderStatus, patch: Updateable<SubOrderTable>): Promise<boolean> {
    const result = await t(db)
      .updateTable('sub_orders')
      .set((eb) => ({ ...patch, status: to, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Sub-orders in `status` whose deadline column has passed, locked and skipped by concurrent workers. */
  async claimDue(db: Db, status: 'shipped' | 'received', before: Date, limit: number) {
    const column = status === 'shipped' ? 'shipped_at' : 'after_sales_until';
    return t(db)
      .selectFrom('sub_orders')
      .select(['id', 'order_id', 'supplier_id', 'payable_fen'])
      .where('status', '=', status)
      .where(column, '<=', before)
      .orderBy(column)
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  },

  async ofOrder(db: Db, orderId: string) {
    return t(db).selectFrom('sub_orders').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  },
};
