import { err, maskPhone, ok, type PiiCipher, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { splitCheckout, type CheckoutDraft, type CheckoutLineInput, type OrderErrorCode, type OrderService, type OrderView } from '@linkmall/order';
import type { StoreService } from '@linkmall/store';
import type { StorefrontService } from '@linkmall/storefront';
import type { CheckoutPromotions, PromotedCart, PromotionErrorCode } from '@linkmall/promotion';
import { noHotProductAccess, type HotProductAccess } from './growth-privileges.ts';

/** Checkout refuses a hot product (爆品专享) to a buyer whose level does not grant access (growth's error catalog). */
type HotProductErrorCode = 'hot_product_level_required';

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
export type CheckoutSku = Omit<CheckoutLineInput, 'quantity'> & { readonly minRetailPriceFen: bigint; readonly maxRetailPriceFen: bigint; readonly hotProduct?: boolean };

export interface ShippingAddress {
  readonly recipientName: string;
  readonly phone: string;
  readonly province: string;
  readonly city: string;
  readonly district: string;
  readonly detail: string;
}

/** A cart line; with `flashSaleId` it is bought at that flash sale's price, quota and limit. */
export interface CheckoutItem extends StockLine {
  readonly flashSaleId?: string | null;
}

export interface CheckoutInput {
  readonly items: readonly CheckoutItem[];
  /** One of the buyer's coupons, applied to the lines at their normal price. */
  readonly couponId?: string | null;
  /** Open a group (no groupId) or join one: the offer's one SKU at the group price. */
  readonly groupBuy?: { readonly activityId: string; readonly groupId?: string | null } | null;
  readonly deliveryMethod: 'delivery' | 'pickup';
  readonly pickupStoreId?: string | null;
  readonly shippingAddress?: ShippingAddress | null;
  readonly merchantId?: string | null;
}

/** A cart to price: what checkout takes, without where it goes. */
export type QuoteInput = Omit<CheckoutInput, 'deliveryMethod' | 'pickupStoreId' | 'shippingAddress'>;

export interface CheckoutDeps {
  readonly db: Db;
  readonly catalog: CheckoutCatalog;
  readonly orders: OrderService;
  readonly stores: StoreService;
  readonly pii: PiiCipher;
  readonly storefront: StorefrontService;
  /** Coupons, flash sales and group buys; without it checkout sells at list prices only. */
  readonly promotions?: CheckoutPromotions;
  /** Who may buy hot products (爆品专享); without it nobody may (growth-privileges.ts). */
  readonly hotProducts?: HotProductAccess;
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

  /** Flash-sale and group prices, and the coupon's discount, for the priced lines (same order as the cart). */
  async function pricePromotions(tx: Db, ctx: RequestContext, input: CheckoutInput, lines: ReadonlyArray<CheckoutSku & { quantity: number }>): Promise<Result<PromotedCart, PromotionErrorCode>> {
    const flashSaleIds = input.items.map((item) => item.flashSaleId ?? null);
    const plain: PromotedCart = { unitPricesFen: lines.map((line) => line.unitPriceFen), discountFen: 0n, discountWeights: lines.map((line) => line.unitPriceFen * BigInt(line.quantity)) };
    if (!deps.promotions || (!input.couponId && !input.groupBuy && flashSaleIds.every((id) => id === null))) return ok(plain);
    return deps.promotions.price(tx, ctx, {
      merchantId: input.merchantId ?? null,
      couponId: input.couponId ?? null,
      groupBuy: input.groupBuy ?? null,
      lines: lines.map((line, index) => ({ skuId: line.skuId, productId: line.productId, quantity: line.quantity, unitPriceFen: line.unitPriceFen, flashSaleId: flashSaleIds[index] })),
    });
  }

  /** Takes flash-sale quota and limits, the group seat and the coupon for the order just written; a refusal rolls the checkout back. */
  async function commitPromotions(tx: Db, ctx: RequestContext, orderId: string, input: CheckoutInput, lines: ReadonlyArray<CheckoutSku & { quantity: number }>, cart: PromotedCart): Promise<void> {
    if (!deps.promotions || (!input.couponId && !input.groupBuy && input.items.every((item) => !item.flashSaleId))) return;
    const committed = await deps.promotions.commit(tx, ctx, orderId, {
      merchantId: input.merchantId ?? null,
      couponId: input.couponId ?? null,
      groupBuy: input.groupBuy ?? null,
      lines: lines.map((line, index) => ({ skuId: line.skuId, productId: line.productId, quantity: line.quantity, unitPriceFen: line.unitPriceFen, flashSaleId: input.items[index]!.flashSaleId ?? null })),
    }, cart);
    if (!committed.ok) throw new Rollback(committed.code, committed.details);
  }

  /**
   * 爆品专享: a cart with a hot product needs a buyer whose level grants access. Checked on every cart
   * (plain, storefront, flash sale, group buy, with a coupon), before anything is written or reserved.
   */
  async function hotProductGate(tx: Db, ctx: RequestContext, lines: readonly CheckoutSku[]): Promise<Result<void, HotProductErrorCode>> {
    const hot = lines.find((line) => line.hotProduct);
    if (!hot) return ok(undefined);
    const verdict = await (deps.hotProducts ?? noHotProductAccess).check(tx, ctx.actor!.userId);
    if (verdict.granted) return ok(undefined);
    return err('hot_product_level_required', {
      productId: hot.productId,
      productTitle: hot.title,
      levelNameZh: verdict.levelNameZh ?? '（暂未开放）',
      levelNameEn: verdict.levelNameEn ?? '(none yet)',
    });
  }

  /** The cart priced exactly as checkout would price it: catalog or storefront prices, then promotions. */
  async function draftFor(tx: Db, ctx: RequestContext, input: CheckoutInput) {
    const skuIds = input.items.map((item) => item.skuId);
    const skus = await priced(tx, skuIds, input.merchantId ?? null);
    const missing = skuIds.find((skuId) => !skus.some((sku) => sku.skuId === skuId));
    if (missing) return err('sku_not_available' as const, { skuId: missing });
    const lines = input.items.map((item) => ({ ...skus.find((sku) => sku.skuId === item.skuId)!, quantity: item.quantity }));
    const allowed = await hotProductGate(tx, ctx, lines);
    if (!allowed.ok) return allowed;
    const promoted = await pricePromotions(tx, ctx, input, lines);
    if (!promoted.ok) return promoted;
    const draft = splitCheckout(
      lines.map((line, index) => ({ ...line, unitPriceFen: promoted.value.unitPricesFen[index]! })),
      { discountFen: promoted.value.discountFen, discountWeights: promoted.value.discountWeights },
    );
    return ok({ lines, promoted: promoted.value, draft });
  }

  return {
    /**
     * What checkout would charge for this cart (prices, coupon discount, per-supplier split) without
     * writing anything or holding stock: the basis of the checkout page's totals.
     */
    async quote(ctx: RequestContext, input: QuoteInput): Promise<Result<CheckoutDraft, OrderErrorCode | PromotionErrorCode | HotProductErrorCode>> {
      if (new Set(input.items.map((item) => item.skuId)).size !== input.items.length) return err('duplicate_cart_line');
      // Prices do not depend on how the goods travel (shipping is per supplier), so any method prices the same.
      const priced = await draftFor(deps.db, ctx, { ...input, deliveryMethod: 'delivery' });
      return priced.ok ? ok(priced.value.draft) : priced;
    },

    async checkout(ctx: RequestContext, input: CheckoutInput): Promise<Result<OrderView, OrderErrorCode | PromotionErrorCode | HotProductErrorCode>> {
      const skuIds = input.items.map((item) => item.skuId);
      if (new Set(skuIds).size !== skuIds.length) return err('duplicate_cart_line');
      if (input.deliveryMethod === 'pickup' && !(input.pickupStoreId && (await deps.stores.isOpen(input.pickupStoreId)))) {
        return err('pickup_store_not_found');
      }
      const result = await inTransaction(deps.db, async (tx): Promise<Result<OrderView, OrderErrorCode | PromotionErrorCode | HotProductErrorCode>> => {
        const priced = await draftFor(tx, ctx, input);
        if (!priced.ok) return priced;
        const { lines, promoted, draft } = priced.value;
        const placed = await deps.orders.place(tx, ctx, {
          merchantId: input.merchantId ?? null,
          deliveryMethod: input.deliveryMethod,
          pickupStoreId: input.deliveryMethod === 'pickup' ? input.pickupStoreId! : null,
          shippingAddress: input.deliveryMethod === 'delivery' && input.shippingAddress ? protectAddress(deps.pii, input.shippingAddress) : null,
          draft,
        });
        await commitPromotions(tx, ctx, placed.id, input, lines, promoted);
        // Stock is taken last, so a hot SKU's row stays locked only from here to the commit.
        const items = [...input.items].sort((a, b) => a.skuId.localeCompare(b.skuId));
        const reserved = await deps.catalog.reserveStock(tx, items);
        if (!reserved.ok) throw new Rollback(reserved.code, reserved.details);
        return ok(placed);
      }).catch((error: unknown) => {
        if (error instanceof Rollback) return err(error.code as OrderErrorCode | PromotionErrorCode, error.details);
        throw error;
      });
      // The order as written: nothing changes it between the commit and this answer except a payment, which needs it first.
      return result;
    },

    /** The buyer cancels an unpaid order; its stock goes back in the same transaction. */
    async cancel(ctx: RequestContext, orderId: string): Promise<Result<OrderView, OrderErrorCode>> {
      const cancelled = await inTransaction(deps.db, async (tx) => {
        const released = await deps.orders.cancelUnpaid(tx, ctx, orderId);
        if (released.ok) await deps.catalog.releaseStock(tx, released.value.items);
        if (released.ok) await deps.promotions?.release(tx, ctx, orderId);
        return released;
      });
      if (!cancelled.ok) return cancelled;
      return deps.orders.get(ctx, orderId);
    },

    /** Scheduled: closes unpaid orders past their deadline and returns their stock; returns how many closed. */
    async closeExpired(ctx: RequestContext, batchSize = 100): Promise<number> {
      return inTransaction(deps.db, async (tx) => {
        const released = await deps.orders.closeExpired(tx, ctx, batchSize);
        for (const order of released) {
          await deps.catalog.releaseStock(tx, order.items);
          await deps.promotions?.release(tx, ctx, order.orderId);
        }
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
