import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import type { CatalogErrorCode } from './catalog-errors.ts';
import { catalogEvent } from './catalog-events.ts';
import { transact } from './catalog-transaction.ts';
import { actingSupplier } from './domain/catalog-scope.ts';
import { productStore, type SkuRow } from './product-store.ts';

export interface StockItem {
  readonly skuCode: string;
  readonly stock: number;
}

export interface StockResult {
  skuId: string;
  skuCode: string;
  productId: string;
  supplierId: string;
  previousStock: number;
  stock: number;
  changed: boolean;
}

export const MAX_STOCK_SYNC_ITEMS = 1_000;

/**
 * Stock from suppliers' systems (ERP), by SKU code. A supplier reaches only its own SKUs: a code it
 * does not own answers "not found", exactly like one that does not exist. Platform staff name the
 * supplier, or may leave it out when each code belongs to one supplier only.
 */
export function createStockService(db: Db) {
  async function findTargets(tx: Db, ctx: RequestContext, supplierId: string | undefined, codes: readonly string[]): Promise<Result<Map<string, SkuRow>, CatalogErrorCode>> {
    const scope = ctx.actor!.scope;
    let owner: string | null = null;
    if (scope.kind !== 'all' || supplierId !== undefined) {
      const supplier = actingSupplier(scope, supplierId);
      if (!supplier.ok) return err('sku_not_found', { skuCodes: codes.slice(0, 20) });
      owner = supplier.value;
    }
    const rows = await productStore.findSkusByCodes(tx, owner, codes, { forUpdate: true });
    const byCode = new Map<string, SkuRow>();
    for (const row of rows) {
      if (byCode.has(row.sku_code)) return err('supplier_required', { skuCode: row.sku_code });
      byCode.set(row.sku_code, row);
    }
    const missing = codes.filter((code) => !byCode.has(code));
    if (missing.length > 0) return err('sku_not_found', { skuCodes: missing.slice(0, 20), missingCount: missing.length });
    return ok(byCode);
  }

  async function apply(ctx: RequestContext, supplierId: string | undefined, items: readonly StockItem[]): Promise<Result<StockResult[], CatalogErrorCode>> {
    const codes = items.map((item) => item.skuCode);
    const repeated = codes.find((code, index) => codes.indexOf(code) !== index);
    if (repeated !== undefined) return err('sku_code_duplicate', { skuCode: repeated });
    return transact(db, async (tx) => {
      const targets = await findTargets(tx, ctx, supplierId, codes);
      if (!targets.ok) return targets;
      const now = ctx.clock.now();
      const results = items.map((item) => {
        const row = targets.value.get(item.skuCode)!;
        return {
          skuId: row.id,
          skuCode: row.sku_code,
          productId: row.product_id,
          supplierId: row.supplier_id,
          previousStock: row.stock,
          stock: item.stock,
          changed: row.stock !== item.stock,
        };
      });
      const changed = results.filter((result) => result.changed);
      await productStore.setStocks(tx, changed.map((result) => ({ id: result.skuId, stock: result.stock })), now);
      for (const { changed: _changed, ...change } of changed) {
        await recordAudit(tx, ctx, {
          action: 'sku.stock_updated',
          entityType: 'sku',
          entityId: change.skuId,
          organizationId: change.supplierId,
          before: { skuCode: change.skuCode, productId: change.productId, stock: change.previousStock },
          after: { skuCode: change.skuCode, productId: change.productId, stock: change.stock },
        });
        await publishEvent(tx, ctx, catalogEvent('stock.updated', change.skuId, change));
      }
      return ok(results);
    });
  }

  return {
    async setStock(ctx: RequestContext, input: StockItem & { supplierId?: string }): Promise<Result<StockResult, CatalogErrorCode>> {
      const result = await apply(ctx, input.supplierId, [input]);
      return result.ok ? ok(result.value[0]!) : result;
    },

    /** All or nothing: one unknown code and no stock changes at all, so a retried batch behaves the same. */
    async sync(ctx: RequestContext, input: { supplierId?: string; items: readonly StockItem[] }): Promise<Result<{ items: StockResult[]; changedCount: number }, CatalogErrorCode>> {
      const result = await apply(ctx, input.supplierId, input.items);
      return result.ok ? ok({ items: result.value, changedCount: result.value.filter((item) => item.changed).length }) : result;
    },
  };
}
export type StockService = ReturnType<typeof createStockService>;
