import { err, maskPhone, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { splitCheckout, type CheckoutLineInput, type OrderErrorCode, type OrderService, type OrderView } from '@linkmall/order';
import type { StoreService } from '@linkmall/store';
import type { StorefrontService } from '@linkmall/storefront';

export interface StockLine {
  readonly skuId: string;
  readonly quantity: number;
}

/** What checkout needs from the catalog: on-sale SKUs with prices, and stock reserved or released in the caller's transaction. */
export interface CheckoutCatalog {
  skusForCheckout(tx: Db, skuIds: readonly string[]): Promise<Array<CheckoutSku>>;
  /** All-or-nothing guarded decrements; `out_of_stock` names the first SKU that ran short. */
  reserveStock(tx: Db, lines: readonly StockLine[]): Promise<Result<void, 'out_of_stock'>>;
  releaseStock(tx: Db, lines: readonly StockLine[]): Promise<void>;
}

/** A SKU on sale as checkout prices it, with the band a merchant's own price must stay inside. */
export type CheckoutSku = Omit<CheckoutLineInput, 'quantity'> & { readonly minRetailPriceFen: bigint; readonly maxRetailPriceFen: bigint };

export interface ShippingAddress {
  readonly recipientName: string;
  readonly phone: string;
  readonly province: string;
  readonly city: string;
  readonly district: string;
  readonly detail: string;
}

export interface CheckoutInput {
  readonly items: readonly StockLine[];
  readonly deliveryMethod: 'delivery' | 'pickup';
  readonly pickupStoreId?: string | null;
  readonly shippingAddress?: ShippingAddress | null;
  readonly merchantId?: string | null;
}

export interface CheckoutDeps {
  readonly db: Db;
  readonly catalog: CheckoutCatalog;
  readonly orders: OrderService;
  readonly stores: StoreService;
  readonly pii: PiiCipher;
  readonly storefront: StorefrontService;
}

/**
 * Checkout: price the cart from the catalog, reserve stock with guarded decrements and write the
 * order, all in one transaction, so an order exists exactly when its stock is held. SKUs are locked
 * in id order, so two carts that share SKUs cannot deadlock.
 */
export function createCheckoutFlow(deps: CheckoutDeps) {
  /**
   * Prices for this cart: the supply catalog's suggested price, or, bought through a merchant's
   * storefront, that merchant's own price; a SKU the storefront does not sell is not available there.
   */
  async function priced(tx: Db, skuIds: readonly string[], merchantId: string | null): Promise<CheckoutSku[]> {
    const skus = await deps.catalog.skusForCheckout(tx, skuIds);
    if (!merchantId) return skus;
    const prices = await deps.storefront.prices(tx, merchantId, skuIds);
    return skus.filter((sku) => prices.has(sku.skuId)).map((sku) => ({ ...sku, unitPriceFen: prices.get(sku.skuId)! }));
  }

  return {
    async checkout(ctx: RequestContext, input: CheckoutInput): Promise<Result<OrderView, OrderErrorCode>> {
      const skuIds = input.items.map((item) => item.skuId);
      if (new Set(skuIds).size !== skuIds.length) return err('duplicate_cart_line');
      if (input.deliveryMethod === 'pickup' && !(input.pickupStoreId && (await deps.stores.isOpen(input.pickupStoreId)))) {
        return err('pickup_store_not_found');
      }
      const result = await inTransaction(deps.db, async (tx): Promise<Result<string, OrderErrorCode>> => {
        const skus = await priced(tx, skuIds, input.merchantId ?? null);
        const missing = skuIds.find((skuId) => !skus.some((sku) => sku.skuId === skuId));
        if (missing) return err('sku_not_available', { skuId: missing });
        const draft = splitCheckout(
          input.items.map((item) => ({ ...skus.find((sku) => sku.skuId === item.skuId)!, quantity: item.quantity })),
          { discountFen: 0n },
        );
        const orderId = await deps.orders.place(tx, ctx, {
          merchantId: input.merchantId ?? null,
          deliveryMethod: input.deliveryMethod,
          pickupStoreId: input.deliveryMethod === 'pickup' ? input.pickupStoreId! : null,
          shippingAddress: input.deliveryMethod === 'delivery' && input.shippingAddress ? protectAddress(deps.pii, input.shippingAddress) : null,
          draft,
        });
        // Stock is taken last, so a hot SKU's row stays locked only from here to the commit.
        const items = [...input.items].sort((a, b) => a.skuId.localeCompare(b.skuId));
        const reserved = await deps.catalog.reserveStock(tx, items);
        if (!reserved.ok) throw new Rollback(reserved.code, reserved.details);
        return ok(orderId);
      }).catch((error: unknown) => {
        if (error instanceof Rollback) return err(error.code as OrderErrorCode, error.details);
        throw error;
      });
      if (!result.ok) return result;
      return deps.orders.get(ctx, result.value);
    },

    /** The buyer cancels an unpaid order; its stock goes back in the same transaction. */
    async cancel(ctx: RequestContext, orderId: string): Promise<Result<OrderView, OrderErrorCode>> {
      const cancelled = await inTransaction(deps.db, async (tx) => {
        const released = await deps.orders.cancelUnpaid(tx, ctx, orderId);
        if (released.ok) await deps.catalog.releaseStock(tx, released.value.items);
        return released;
      });
      if (!cancelled.ok) return cancelled;
      return deps.orders.get(ctx, orderId);
    },

    /** Scheduled: closes unpaid orders past their deadline and returns their stock; returns how many closed. */
    async closeExpired(ctx: RequestContext, batchSize = 100): Promise<number> {
      return inTransaction(deps.db, async (tx) => {
        const released = await deps.orders.closeExpired(tx, ctx, batchSize);
        for (const order of released) await deps.catalog.releaseStock(tx, order.items);
        return released.length;
      });
    },
  };
}
export type CheckoutFlow = ReturnType<typeof createCheckoutFlow>;

/** A failed reservation must undo the decrements already made in this transaction. */
class Rollback extends Error {
  constructor(
    readonly code: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
}

/** The recipient's phone is personal data: stored encrypted, shown masked. */
function protectAddress(pii: PiiCipher, address: ShippingAddress) {
  const { phone, ...rest } = address;
  return { ...rest, phoneCipher: pii.encrypt(phone), phoneMasked: maskPhone(phone) };
}
