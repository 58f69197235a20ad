import { sql, countRows, pageWindow, type Db, type PageRequest } from '@linkmall/db';
import type { DataScope } from '@linkmall/kernel';
import type { Kysely, Selectable } from 'kysely';
import { promotionScope } from './coupon-store.ts';
import type { FlashSaleItemTable, FlashSaleOrderLineTable, FlashSaleTable, PromotionTables } from './promotion-tables.ts';

/** The only file that touches the flash-sale tables. */
const t = (db: Db) => db as Kysely<PromotionTables>;

export type FlashSaleRow = Selectable<FlashSaleTable>;
export type FlashSaleItemRow = Selectable<FlashSaleItemTable>;
export type FlashSaleOrderLineRow = Selectable<FlashSaleOrderLineTable>;

function scopedSales(db: Db, scope: DataScope) {
  const visible = promotionScope(scope);
  let query = t(db).selectFrom('flash_sales');
  if (visible === 'none') query = query.where(sql<boolean>`false`);
  else if (visible !== 'all') query = query.where('merchant_id', '=', visible.merchantId);
  return query;
}

export const flashSaleStore = {
  async insert(db: Db, sale: FlashSaleRow, items: FlashSaleItemRow[]): Promise<void> {
    await t(db).insertInto('flash_sales').values(sale).execute();
    await t(db).insertInto('flash_sale_items').values(items).execute();
  },

  async list(db: Db, scope: DataScope, page: PageRequest) {
    const query = scopedSales(db, scope);
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([query.selectAll().orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { rows, total };
  },

  async find(db: Db, scope: DataScope, id: string): Promise<FlashSaleRow | undefined> {
    return scopedSales(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
  },

  async itemsOf(db: Db, saleIds: readonly string[]): Promise<FlashSaleItemRow[]> {
    if (saleIds.length === 0) return [];
    return t(db).selectFrom('flash_sale_items').selectAll().where('flash_sale_id', 'in', saleIds).orderBy('sku_id').execute();
  },

  async end(db: Db, id: string, now: Date): Promise<FlashSaleRow | undefined> {
    return t(db).updateTable('flash_sales').set({ status: 'ended', updated_at: now }).where('id', '=', id).where('status', '=', 'active').returningAll().executeTakeFirst();
  },

  /** Active sales running now or starting later, soonest first, for the shop. */
  async current(db: Db, now: Date, merchantId: string | null): Promise<FlashSaleRow[]> {
    let query = t(db).selectFrom('flash_sales').selectAll().where('status', '=', 'active').where('ends_at', '>', now);
    query = merchantId ? query.where((eb) => eb.or([eb('merchant_id', 'is', null), eb('merchant_id', '=', merchantId)])) : query.where('merchant_id', 'is', null);
    return query.orderBy('starts_at').limit(50).execute();
  },

  /** The flash-sale item with its sale's window, and how many the buyer has already bought of it (one query). */
  async itemForCheckout(db: Db, flashSaleId: string, skuId: string, userId: string) {
    return t(db)
      .selectFrom('flash_sale_items')
      .innerJoin('flash_sales', 'flash_sales.id', 'flash_sale_items.flash_sale_id')
      .selectAll('flash_sale_items')
      .select(['flash_sales.merchant_id', 'flash_sales.starts_at', 'flash_sales.ends_at', 'flash_sales.status'])
      .select((eb) =>
        eb.fn
          .coalesce(
            eb
              .selectFrom('flash_sale_purchases')
              .select('flash_sale_purchases.quantity')
              .whereRef('flash_sale_purchases.flash_sale_id', '=', 'flash_sale_items.flash_sale_id')
              .whereRef('flash_sale_purchases.sku_id', '=', 'flash_sale_items.sku_id')
              .where('flash_sale_purchases.user_id', '=', userId),
            sql<number>`0`,
          )
          .as('bought'),
      )
      .where('flash_sale_items.flash_sale_id', '=', flashSaleId)
      .where('flash_sale_items.sku_id', '=', skuId)
      .executeTakeFirst();
  },
  async perUserLimit(db: Db, flashSaleId: string, skuId: string): Promise<number | null> {
    const row = await t(db).selectFrom('flash_sale_items').select('per_user_limit').where('flash_sale_id', '=', flashSaleId).where('sku_id', '=', skuId).executeTakeFirst();
    return row?.per_user_limit ?? null;
  },
  /**
   * Counts the units against the buyer's per-user limit in one guarded statement that reads the limit
   * itself: false when the limit would be passed (or the item does not exist).
   */
  async countPurchase(db: Db, line: { flashSaleId: string; skuId: string; userId: string; quantity: number }): Promise<boolean> {
    const row = await t(db)
      .insertInto('flash_sale_purchases')
      .columns(['flash_sale_id', 'sku_id', 'user_id', 'quantity'])
      .expression((eb) =>
        eb
          .selectFrom('flash_sale_items')
          .select([sql.val(line.flashSaleId).as('flash_sale_id'), sql.val(line.skuId).as('sku_id'), sql.val(line.userId).as('user_id'), sql<number>`${line.quantity}::int`.as('quantity')])
          .where('flash_sale_id', '=', line.flashSaleId)
          .where('sku_id', '=', line.skuId)
          .where('per_user_limit', '>=', line.quantity),
      )
      .onConflict((oc) =>
        oc
          .columns(['flash_sale_id', 'sku_id', 'user_id'])
          .doUpdateSet((eb) => ({ quantity: eb('flash_sale_purchases.quantity', '+', line.quantity) }))
          .where(
            sql<boolean>`flash_sale_purchases.quantity + ${line.quantity} <= (select i.per_user_limit from flash_sale_items i where i.flash_sale_id = flash_sale_purchases.flash_sale_id and i.sku_id = flash_sale_purchases.sku_id)`,
          ),
      )
      .returning('quantity')
      .executeTakeFirst();
    return row !== undefined;
  },
  async takeQuota(db: Db, flashSaleId: string, skuId: string, quantity: number): Promise<boolean> {
    const result = await t(db)
      .updateTable('flash_sale_items')
      .set((eb) => ({ remaining: eb('remaining', '-', quantity) }))
      .where('flash_sale_id', '=', flashSaleId)
      .where('sku_id', '=', skuId)
      .where('remaining', '>=', quantity)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async recordOrderLine(db: Db, row: FlashSaleOrderLineRow): Promise<void> {
    await t(db).insertInto('flash_sale_order_lines').values(row).execute();
  },

  /** Marks what an unpaid order took as given back, once: the lines that this call released. */
  async releaseOrder(db: Db, orderId: string, now: Date): Promise<FlashSaleOrderLineRow[]> {
    return t(db).updateTable('flash_sale_order_lines').set({ released_at: now }).where('order_id', '=', orderId).where('released_at', 'is', null).returningAll().execute();
  },

  async giveBack(db: Db, line: FlashSaleOrderLineRow): Promise<void> {
    await t(db)
      .updateTable('flash_sale_items')
      .set((eb) => ({ remaining: eb('remaining', '+', line.quantity) }))
      .where('flash_sale_id', '=', line.flash_sale_id)
      .where('sku_id', '=', line.sku_id)
      .execute();
    await t(db)
      .updateTable('flash_sale_purchases')
      .set((eb) => ({ quantity: eb('quantity', '-', line.quantity) }))
      .where('flash_sale_id', '=', line.flash_sale_id)
      .where('sku_id', '=', line.sku_id)
      .where('user_id', '=', line.user_id)
      .execute();
  },
};
