import type { PiiCipher } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { sql, type Kysely } from 'kysely';
import type { OrderTables } from './order-tables.ts';

/**
 * The order module's part of the PIPL rights: a buyer's orders for their export, what still blocks
 * deleting them, and the tombstone that replaces their delivery addresses. Amounts, lines and
 * statuses stay untouched, so settlements and the ledger's causes still add up.
 */
const t = (db: Db) => db as Kysely<OrderTables>;
const ERASED = '已注销';
const OPEN_SUB_ORDER_STATUSES = ['created', 'paid', 'shipped', 'received', 'refunding'] as const;

export const orderPersonalData = {
  async exportFor(db: Db, pii: PiiCipher, buyerUserId: string) {
    const orders = await t(db).selectFrom('orders').selectAll().where('buyer_user_id', '=', buyerUserId).orderBy('created_at').execute();
    const ids = orders.map((order) => order.id);
    const subOrders = ids.length ? await t(db).selectFrom('sub_orders').selectAll().where('order_id', 'in', ids).execute() : [];
    const lines = ids.length ? await t(db).selectFrom('order_lines').selectAll().where('order_id', 'in', ids).execute() : [];
    const afterSales = await t(db).selectFrom('after_sales_cases').selectAll().where('buyer_user_id', '=', buyerUserId).execute();
    return {
      orders: orders.map((order) => ({
        ...order,
        shipping_address: readableAddress(pii, order.shipping_address),
        sub_orders: subOrders.filter((sub) => sub.order_id === order.id),
        lines: lines.filter((line) => line.order_id === order.id),
      })),
      afterSales,
    };
  },

  /** Unfinished business that must end before the buyer can be deleted: open orders and after-sales cases. */
  async openObligations(db: Db, buyerUserId: string): Promise<{ openOrders: number; openAfterSales: number }> {
    const unpaid = await t(db)
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('buyer_user_id', '=', buyerUserId)
      .where('payment_status', '=', 'unpaid')
      .executeTakeFirstOrThrow();
    const running = await t(db)
      .selectFrom('sub_orders')
      .innerJoin('orders', 'orders.id', 'sub_orders.order_id')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('orders.buyer_user_id', '=', buyerUserId)
      .where('orders.payment_status', '=', 'paid')
      .where('sub_orders.status', 'in', [...OPEN_SUB_ORDER_STATUSES])
      .executeTakeFirstOrThrow();
    const cases = await t(db)
      .selectFrom('after_sales_cases')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('buyer_user_id', '=', buyerUserId)
      .where('status', '=', 'requested')
      .executeTakeFirstOrThrow();
    return { openOrders: Number(unpaid.count) + Number(running.count), openAfterSales: Number(cases.count) };
  },

  /**
   * Replaces the recipient, phone, district and street of every delivery address with tombstones.
   * Province and city stay: they identify nobody and the regional reports are built on them.
   */
  async anonymise(tx: Db, buyerUserId: string): Promise<{ addresses: number }> {
    const result = await t(tx)
      .updateTable('orders')
      .set({
        shipping_address: sql`shipping_address || jsonb_build_object('recipientName', ${ERASED}::text, 'phoneCipher', null, 'phoneMasked', '***', 'district', ${ERASED}::text, 'detail', ${ERASED}::text)`,
      })
      .where('buyer_user_id', '=', buyerUserId)
      .where('shipping_address', 'is not', null)
      .executeTakeFirst();
    return { addresses: Number(result.numUpdatedRows) };
  },
};

function readableAddress(pii: PiiCipher, stored: unknown) {
  if (!stored || typeof stored !== 'object') return stored ?? null;
  const { phoneCipher, ...rest } = stored as { phoneCipher?: string | null };
  return { ...rest, phone: phoneCipher ? pii.decrypt(phoneCipher) : null };
}
