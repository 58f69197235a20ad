/**
 * Facts the catalog publishes through the outbox, with their payloads (plain JSON, fen as integers).
 * They are written in the transaction that makes the change, so they exist if and only if it committed.
 */
export interface CatalogEventPayloads {
  'product.created': { productId: string; supplierId: string };
  'product.submitted': { productId: string; supplierId: string };
  'product.approved': { productId: string; supplierId: string };
  'product.rejected': { productId: string; supplierId: string; reason: string };
  'product.listed': { productId: string; supplierId: string };
  'product.delisted': { productId: string; supplierId: string };
  'supplier.submitted': { supplierId: string };
  'supplier.approved': { supplierId: string };
  'supplier.rejected': { supplierId: string; reason: string };
  /** The platform fixed (a number) or released (null) the retail price of some SKUs of a product. */
  'product.prices_fixed': { productId: string; supplierId: string; skus: { skuId: string; fixedRetailPriceFen: number | null }[] };
  'stock.updated': { skuId: string; skuCode: string; productId: string; supplierId: string; previousStock: number; stock: number };
}
export type CatalogEventType = keyof CatalogEventPayloads;

export interface CatalogEvent<T extends CatalogEventType = CatalogEventType> {
  readonly type: T;
  readonly aggregateId: string;
  readonly payload: CatalogEventPayloads[T];
}

/** Builds an event with its payload checked against the type. */
export const catalogEvent = <T extends CatalogEventType>(type: T, aggregateId: string, payload: CatalogEventPayloads[T]): CatalogEvent<T> => ({
  type,
  aggregateId,
  payload,
});
