import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import type { CatalogErrorCode } from './catalog-errors.ts';
import { productStore } from './product-store.ts';
import { toProductDetail, type ProductDetail } from './product-view.ts';

/**
 * 爆品专享: the platform reserves a product for members whose growth level grants hot-product access.
 * The catalog only keeps the flag; checkout (a flow that reads growth) enforces it.
 */
export function createHotProductService(db: Db) {
  return {
    /** Sets or clears the flag (audited); setting it to what it already is changes and records nothing. */
    async setHotProduct(ctx: RequestContext, productId: string, hot: boolean): Promise<Result<ProductDetail, CatalogErrorCode>> {
      // Reserving a product for members overrides every merchant selling it: the platform's call.
      if (ctx.actor?.scope.kind !== 'all') return err('platform_only');
      return inTransaction(db, async (tx) => {
        const product = await productStore.find(tx, productId, { kind: 'all' }, { forUpdate: true });
        if (!product) return err('product_not_found');
        if (product.hot_product === hot) return ok(toProductDetail(product, await productStore.skusOf(tx, [productId])));
        const now = ctx.clock.now();
        await productStore.setHotProduct(tx, productId, hot, now);
        await recordAudit(tx, ctx, {
          action: hot ? 'product.hot_reserved' : 'product.hot_released',
          entityType: 'product',
          entityId: productId,
          organizationId: product.supplier_id,
          before: { hotProduct: product.hot_product },
          after: { hotProduct: hot },
        });
        return ok(toProductDetail({ ...product, hot_product: hot, updated_at: now }, await productStore.skusOf(tx, [productId])));
      });
    },
  };
}
