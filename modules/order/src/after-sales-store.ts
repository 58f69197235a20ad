import type { DataScope } from '@linkmall/kernel';
import { countRows, pageWindow, type Db, type PageRequest } from '@linkmall/db';
import type { Kysely, Selectable } from 'kysely';
import type { AfterSalesCaseTable, OrderTables } from './order-tables.ts';

/** After-sales cases and the refund bookkeeping on order lines. */
const t = (db: Db) => db as Kysely<OrderTables>;

export type AfterSalesCaseRow = Selectable<AfterSalesCaseTable> & { supplier_id: string; merchant_id: string | null };

/** Staff see the cases of what they ship (supplier), sold (merchant), or all (platform). */
function scoped(db: Db, scope: DataScope) {
  let query = t(db)
    .selectFrom('after_sales_cases')
    .innerJoin('sub_orders', 'sub_orders.id', 'after_sales_cases.sub_order_id')
    .innerJoin('orders', 'orders.id', 'after_sales_cases.order_id')
    .selectAll('after_sales_cases')
    .select(['sub_orders.supplier_id', 'orders.merchant_id']);
  if (scope.kind === 'supplier') query = query.where('sub_orders.supplier_id', '=', scope.supplierId);
  else if (scope.kind === 'merchant') query = query.where('orders.merchant_id', '=', scope.merchantId);
  else if (scope.kind === 'self') query = query.where('after_sales_cases.buyer_user_id', '=', scope.userId);
  return query;
}

export const afterSalesStore = {
  async insertCase(db: Db, row: Selectable<AfterSalesCaseTable>, lines: Array<{ orderLineId: string; quantity: number; refundFen: bigint }>) {
    await t(db).insertInto('after_sales_cases').values(row).execute();
    await t(db)
      .insertInto('after_sales_lines')
      .values(lines.map((line) => ({ case_id: row.id, order_line_id: line.orderLineId, quantity: line.quantity, refund_fen: line.refundFen })))
      .execute();
  },

  async findCase(db: Db, id: string, scope: DataScope, options: { forUpdate?: boolean } = {}): Promise<AfterSalesCaseRow | undefined> {
    const query = scoped(db, scope).where('after_sales_cases.id', '=', id);
    return (options.forUpdate ? query.forUpdate('after_sales_cases') : query).executeTakeFirst() as Promise<AfterSalesCaseRow | undefined>;
  },

  async listCases(db: Db, scope: DataScope, status: AfterSalesCaseTable['status'] | undefined, page: PageRequest) {
    let query = scoped(db, scope);
    if (status) query = query.where('after_sales_cases.status', '=', status);
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([query.orderBy('after_sales_cases.created_at', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { rows: rows as AfterSalesCaseRow[], total };
  },

  async caseLines(db: Db, caseId: string) {
    return t(db)
      .selectFrom('after_sales_lines')
      .innerJoin('order_lines', 'order_lines.id', 'after_sales_lines.order_line_id')
      .select(['after_sales_lines.order_line_id', 'after_sales_lines.quantity', 'after_sales_lines.refund_fen', 'order_lines.sku_id'])
      .where('after_sales_lines.case_id', '=', caseId)
      .execute();
  },

  async linesOfSubOrder(db: Db, subOrderId: string) {
    return t(db).selectFrom('order_lines').selectAll().where('sub_order_id', '=', subOrderId).orderBy('id').forUpdate().execute();
  },

  async decide(db: Db, id: string, status: 'refunded' | 'rejected', decidedBy: string | null, note: string | null, now: Date): Promise<boolean> {
    const result = await t(db)
      .updateTable('after_sales_cases')
      .set({ status, decided_by: decidedBy, decision_note: note, decided_at: now })
      .where('id', '=', id)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async addRefunded(db: Db, orderLineId: string, quantity: number, refundFen: bigint) {
    await t(db)
      .updateTable('order_lines')
      .set((eb) => ({ refunded_quantity: eb('refunded_quantity', '+', quantity), refunded_fen: eb('refunded_fen', '+', refundFen) }))
      .where('id', '=', orderLineId)
      .execute();
  },
};
