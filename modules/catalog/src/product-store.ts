import { countRows, sql, type Db } from '@linkmall/db';
import type { Expression, ExpressionBuilder, Insertable, Kysely, Selectable, SqlBool, Updateable } from 'kysely';
import type { ProductVisibility } from './domain/catalog-scope.ts';
import type { ProductStatus } from './domain/product-status.ts';
import type { CatalogTables, ProductTable, SkuTable } from './catalog-tables.ts';

/** With supplier-store.ts, the only files that touch the catalog's tables. */
const t = (db: Db) => db as Kysely<CatalogTables>;

export type ProductRow = Selectable<ProductTable>;
export type SkuRow = Selectable<SkuTable>;
export type ProductListRow = ProductRow & { sku_count: number; total_stock: number; has_fixed_price: boolean };

function visible(visibility: ProductVisibility) {
  return (eb: ExpressionBuilder<CatalogTables, 'products'>): Expression<SqlBool> => {
    if (visibility.kind === 'supplier') return eb('products.supplier_id', '=', visibility.supplierId);
    if (visibility.kind === 'statuses') return eb('products.status', 'in', [...visibility.statuses]);
    return eb.lit(true);
  };
}

export interface ProductFilter {
  readonly status?: ProductStatus;
  readonly supplierId?: string;
  readonly search?: string;
}

const INSERT_CHUNK = 500;

async function inChunks<T>(items: readonly T[], size: number, work: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await work(items.slice(start, start + size));
}

export const productStore = {
  async list(db: Db, visibility: ProductVisibility, filter: ProductFilter, page: { limit: number; offset: number }) {
    let query = t(db).selectFrom('products').where(visible(visibility));
    if (filter.status) query = query.where('products.status', '=', filter.status);
    if (filter.supplierId) query = query.where('products.supplier_id', '=', filter.supplierId);
    if (filter.search) {
      const like = `%${filter.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      query = query.where((eb) => eb.or([eb('products.title', 'ilike', like), eb('products.spu_code', 'ilike', like)]));
    }
    const [items, total] = await Promise.all([
      query
        .selectAll('products')
        .select((eb) => [
          eb.selectFrom('skus').select(sql<number>`count(*)::int`.as('n')).whereRef('skus.product_id', '=', 'products.id').as('sku_count'),
          eb.selectFrom('skus').select(sql<number>`coalesce(sum(stock), 0)::bigint`.as('n')).whereRef('skus.product_id', '=', 'products.id').as('total_stock'),
          eb
            .exists(eb.selectFrom('skus').select('skus.id').whereRef('skus.product_id', '=', 'products.id').where('skus.fixed_retail_price_fen', 'is not', null))
            .as('has_fixed_price'),
        ])
        .orderBy('products.created_at', 'desc')
        .orderBy('products.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      countRows(query),
    ]);
    return {
      items: items.map((row) => ({ ...row, sku_count: Number(row.sku_count ?? 0), total_stock: Number(row.total_stock ?? 0), has_fixed_price: Boolean(row.has_fixed_price) })) as ProductListRow[],
      total,
    };
  },

  async count(db: Db, visibility: ProductVisibility): Promise<number> {
    return countRows(t(db).selectFrom('products').where(visible(visibility)));
  },

  async find(db: Db, id: string, visibility: ProductVisibility, options: { forUpdate?: boolean } = {}): Promise<ProductRow | undefined> {
    const query = t(db).selectFrom('products').selectAll().where('id', '=', id).where(visible(visibility));
    return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  },

  async findMany(db: Db, ids: readonly string[]): Promise<ProductRow[]> {
    const rows: ProductRow[] = [];
    await inChunks([...new Set(ids)], 1000, async (chunk) => {
      rows.push(...(await t(db).selectFrom('products').selectAll().where('id', 'in', chunk).orderBy('id').execute()));
    });
    return rows;
  },

  async setSearchTokens(db: Db, id: string, columns: { search_title_tokens: string; search_tokens: string }): Promise<void> {
    await t(db).updateTable('products').set(columns).where('id', '=', id).execute();
  },

  /** Products nobody has tokenised yet (see search-index.ts). */
  async pendingSearchIds(db: Db, limit: number): Promise<string[]> {
    const rows = await t(db).selectFrom('products').select('id').where('search_tokens', 'is', null).orderBy('id').limit(limit).execute();
    return rows.map((row) => row.id);
  },

  /** Sets or clears the platform's fixed price of SKUs of one product. */
  async setHotProduct(db: Db, id: string, hot: boolean, now: Date): Promise<void> {
    await t(db).updateTable('products').set({ hot_product: hot, updated_at: now }).where('id', '=', id).execute();
  },

  async setFixedPrices(db: Db, changes: readonly { id: string; fixedRetailPriceFen: bigint | null }[]): Promise<void> {
    for (const change of changes) {
      await t(db).updateTable('skus').set({ fixed_retail_price_fen: change.fixedRetailPriceFen }).where('id', '=', change.id).execute();
    }
  },

  /** A supplier's products with these SPU codes, locked for the import that reads them. */
  async findBySpuCodes(db: Db, supplierId: string, spuCodes: readonly string[]): Promise<ProductRow[]> {
    const rows: ProductRow[] = [];
    await inChunks(spuCodes, 1000, async (chunk) => {
      rows.push(...(await t(db).selectFrom('products').selectAll().where('supplier_id', '=', supplierId).where('spu_code', 'in', chunk).orderBy('id').forUpdate().execute()));
    });
    return rows;
  },

  async insertProducts(db: Db, rows: readonly Insertable<ProductTable>[]): Promise<void> {
    await inChunks(rows, INSERT_CHUNK, (chunk) => t(db).insertInto('products').values(chunk).execute());
  },

  async updateProduct(db: Db, id: string, patch: Updateable<ProductTable>): Promise<void> {
    await t(db).updateTable('products').set(patch).where('id', '=', id).execute();
  },

  async skusOf(db: Db, productIds: readonly string[]): Promise<SkuRow[]> {
    const rows: SkuRow[] = [];
    await inChunks(productIds, 1000, async (chunk) => {
      rows.push(...(await t(db).selectFrom('skus').selectAll().where('product_id', 'in', chunk).orderBy('product_id').orderBy('position').orderBy('id').execute()));
    });
    return rows;
  },

  /** SKUs by code, one supplier's or (null) every supplier's; locked in id order so concurrent writers queue rather than deadlock. */
  async findSkusByCodes(db: Db, supplierId: string | null, skuCodes: readonly string[], options: { forUpdate?: boolean } = {}): Promise<SkuRow[]> {
    const rows: SkuRow[] = [];
    await inChunks([...new Set(skuCodes)], 1000, async (chunk) => {
      let query = t(db).selectFrom('skus').selectAll().where('sku_code', 'in', chunk);
      if (supplierId !== null) query = query.where('supplier_id', '=', supplierId);
      query = query.orderBy('id');
      rows.push(...(await (options.forUpdate ? query.forUpdate() : query).execute()));
    });
    return rows;
  },

  async insertSkus(db: Db, rows: readonly Insertable<SkuTable>[]): Promise<void> {
    await inChunks(rows, INSERT_CHUNK, (chunk) => t(db).insertInto('skus').values(chunk).execute());
  },

  async updateSku(db: Db, id: string, patch: Updateable<SkuTable>): Promise<void> {
    await t(db).updateTable('skus').set(patch).where('id', '=', id).execute();
  },

  async deleteSkus(db: Db, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await t(db).deleteFrom('skus').where('id', 'in', [...ids]).execute();
  },

  /** Sets many SKUs' stock in one statement. */
  async setStocks(db: Db, changes: readonly { id: string; stock: number }[], now: Date): Promise<void> {
    await inChunks(changes, 1000, (chunk) =>
      sql`update skus set stock = v.stock, updated_at = ${now}
          from (values ${sql.join(chunk.map((change) => sql`(${change.id}, ${change.stock}::integer)`))}) as v(id, stock)
          where skus.id = v.id`.execute(t(db)),
    );
  },

  /** SKUs of products on sale, with what an order line needs to snapshot. */
  async onSaleSkus(db: Db, skuIds: readonly string[]) {
    if (skuIds.length === 0) return [];
    return t(db)
      .selectFrom('skus')
      .innerJoin('products', 'products.id', 'skus.product_id')
      .select([
        'skus.id', 'skus.product_id', 'skus.supplier_id', 'skus.specs', 'skus.supply_price_fen', 'skus.suggested_retail_price_fen', 'skus.min_retail_price_fen', 'skus.max_retail_price_fen', 'skus.fixed_retail_price_fen', 'skus.stock', 'products.title', 'products.hot_product',
      ])
      .where('skus.id', 'in', [...new Set(skuIds)])
      .where('products.status', '=', 'on_sale')
      .execute();
  },

  /** Locks SKUs in id order (so concurrent checkouts queue rather than deadlock) and returns their stock. */
  async lockStocks(db: Db, skuIds: readonly string[]): Promise<Map<string, number>> {
    if (skuIds.length === 0) return new Map();
    const rows = await t(db).selectFrom('skus').select(['id', 'stock']).where('id', 'in', [...new Set(skuIds)]).orderBy('id').forUpdate().execute();
    return new Map(rows.map((row) => [row.id, row.stock]));
  },

  /**
   * Takes `quantity` from one SKU in a single guarded statement (never read-then-write): it succeeds
   * only while enough stock is left, so concurrent buyers can never oversell. False when short.
   */
  async takeStock(db: Db, skuId: string, quantity: number): Promise<boolean> {
    const result = await t(db)
      .updateTable('skus')
      .set((eb) => ({ stock: eb('stock', '-', quantity) }))
      .where('id', '=', skuId)
      .where('stock', '>=', quantity)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Adds (or, negative, takes) stock; the column's check refuses to go below zero. `updated_at` is for catalog edits, so it stays. */
  async adjustStocks(db: Db, deltas: ReadonlyMap<string, number>): Promise<void> {
    if (deltas.size === 0) return;
    await sql`update skus set stock = stock + v.delta
        from (values ${sql.join([...deltas].map(([id, delta]) => sql`(${id}, ${delta}::integer)`))}) as v(id, delta)
        where skus.id = v.id`.execute(t(db));
  },

  /** Serialises catalog writes of one supplier that check codes before inserting them (imports, creates). */
  async lockSupplierCatalog(db: Db, supplierId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtext(${`catalog:${supplierId}`}))`.execute(t(db));
  },
};
