import type { PiiCipher } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { createCategoryService } from './category-service.ts';
import { createFixedPriceService } from './fixed-price-service.ts';
import { createHotProductService } from './hot-product-service.ts';
import { createImportService } from './import-service.ts';
import { createShopCatalogService } from './shop-catalog-service.ts';
import { createProductLifecycleService } from './product-lifecycle-service.ts';
import { createProductService } from './product-service.ts';
import { createStockReservation } from './stock-reservation.ts';
import { createStockService } from './stock-service.ts';
import { createSupplierService } from './supplier-service.ts';

/** The catalog module: supplier profiles, categories, products with SKUs and their review, bulk import, stock sync, search and fixed prices. */
export function createCatalogService(db: Db, pii: PiiCipher) {
  const categories = createCategoryService(db);
  return {
    ...createProductService(db),
    ...createProductLifecycleService(db),
    /** Checkout's port: SKUs on sale, and stock reserved or released in the caller's transaction. */
    ...createStockReservation(),
    suppliers: createSupplierService(db, pii),
    imports: createImportService(db),
    stock: createStockService(db),
    categories,
    /** Shop lists: browse by category and search (jieba tokens, ranked), on-sale products only. */
    shop: createShopCatalogService(db, categories),
    /** Platform-fixed retail prices, in the caller's transaction (storefronts follow in the same commit). */
    fixedPrices: createFixedPriceService(),
    /** 爆品专享 flags, set by the platform (audited); checkout enforces them. */
    hotProducts: createHotProductService(db),
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
