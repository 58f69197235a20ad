import { err, ok, type Result } from '@linkmall/kernel';
import { sql, type Db } from '@linkmall/db';
import { formatSpecs } from './domain/sku-set.ts';
import { productStore } from './product-store.ts';

export interface StockLine {
  readonly skuId: string;
  readonly quantity: number;
}

/** What an order line snapshots of a SKU on sale. */
export interface CheckoutSku {
  readonly skuId: string;
  readonly productId: string;
  readonly supplierId: string;
  readonly title: string;
  /** `规格:250g;颜色:红` */
  readonly specs: string;
  /** The platform's fixed price where set, else the suggested retail price (a storefront's own price replaces it). */
  readonly unitPriceFen: bigint;
  /** The price the platform fixed, or null: a storefront must sell the SKU at exactly this. */
  readonly fixedRetailPriceFen: bigint | null;
  readonly suggestedRetailPriceFen: bigint;
  readonly supplyPriceFen: bigint;
  /** The band a merchant's own price must stay inside. */
  readonly minRetailPriceFen: bigint;
  readonly maxRetailPriceFen: bigint;
  /** 爆品专享: checkout sells it only to members whose level grants hot-product access. */
  readonly hotProduct: boolean;
}

/** Quantities per SKU, lines for the same SKU added up. */
function totals(lines: readonly StockLine[]): Map<string, number> {
  const byId = new Map<string, number>();
  for (const line of lines) byId.set(line.skuId, (byId.get(line.skuId) ?? 0) + line.quantity);
  return byId;
}

/**
 * Stock for checkout, in the caller's transaction: a flow prices the cart, reserves stock with the
 * order it writes, and releases it when the order closes unpaid or is cancelled. No audit entries:
 * these are shoppers' orders, not admin writes; the order itself is the record.
 */
export function createStockReservation() {
  return {
    async skusForCheckout(tx: Db, skuIds: readonly string[]): Promise<CheckoutSku[]> {
      const rows = await productStore.onSaleSkus(tx, skuIds);
      return rows.map((row) => ({
        skuId: row.id,
        productId: row.product_id,
        supplierId: row.supplier_id,
        title: row.title,
        specs: formatSpecs(row.specs),
        unitPriceFen: row.fixed_retail_price_fen ?? row.suggested_retail_price_fen,
        fixedRetailPriceFen: row.fixed_retail_price_fen,
        suggestedRetailPriceFen: row.suggested_retail_price_fen,
        supplyPriceFen: row.supply_price_fen,
        minRetailPriceFen: row.min_retail_price_fen,
        maxRetailPriceFen: row.max_retail_price_fen,
        hotProduct: row.hot_product,
      }));
    },

    /**
     * All or nothing: a guarded decrement per SKU (never read-then-write), in id order so carts that
     * share SKUs cannot deadlock; when one runs short, a savepoint undoes the others and
     * `out_of_stock` names it, with what is left for the message.
     */
    async reserveStock(tx: Db, lines: readonly StockLine[]): Promise<Result<void, 'out_of_stock'>> {
      const wanted = [...totals(lines)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      // One guarded statement cannot half-apply, so only several SKUs need a savepoint to undo the earlier ones.
      const guarded = wanted.length > 1;
      if (guarded) await sql`savepoint reserve_stock`.execute(tx);
      for (const [skuId, quantity] of wanted) {
        if (quantity <= 0 || !(await productStore.takeStock(tx, skuId, quantity))) {
          if (guarded) await sql`rollback to savepoint reserve_stock`.execute(tx);
          const available = (await productStore.lockStocks(tx, [skuId])).get(skuId) ?? 0;
          return err('out_of_stock', { skuId, available, requested: quantity });
        }
      }
      if (guarded) await sql`release savepoint reserve_stock`.execute(tx);
      return ok(undefined);
    },

    async releaseStock(tx: Db, lines: readonly StockLine[]): Promise<void> {
      const returned = totals(lines);
      await productStore.lockStocks(tx, [...returned.keys()]);
      await productStore.adjustStocks(tx, returned);
    },
  };
}
