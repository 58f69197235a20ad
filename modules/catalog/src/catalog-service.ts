import type { PiiCipher } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { createImportService } from './import-service.ts';
import { createProductLifecycleService } from './product-lifecycle-service.ts';
import { createProductService } from './product-service.ts';
import { createStockReservation } from './stock-reservation.ts';
import { createStockService } from './stock-service.ts';
import { createSupplierService } from './supplier-service.ts';

/** The catalog module: supplier profiles, products with SKUs and their review, bulk import and stock sync. */
export function createCatalogService(db: Db, pii: PiiCipher) {
  return {
    ...createProductService(db),
    ...createProductLifecycleService(db),
    /** Checkout's port: SKUs on sale, and stock reserved or released in the caller's transaction. */
    ...createStockReservation(),
    suppliers: createSupplierService(db, pii),
    imports: createImportService(db),
    stock: createStockService(db),
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
