import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { mayBuy } from './domain/flash-sale.ts';
import { promotionScope } from './coupon-store.ts';
import { flashSaleStore as store, type FlashSaleItemRow, type FlashSaleRow } from './flash-sale-store.ts';
import type { PromotionErrorCode } from './promotion-errors.ts';
import { promotionEvent } from './promotion-events.ts';

/** What promotions need to know of the catalog: which SKUs are on sale, and their product. */
export interface SkuDirectory {
  productsOfSkus(skuIds: readonly string[]): Promise<Map<string, string>>;
}

export interface NewFlashSale {
  readonly name: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly items: ReadonlyArray<{ readonly skuId: string; readonly flashPriceFen: bigint; readonly quota: number; readonly perUserLimit: number }>;
}

export interface FlashSaleView {
  id: string;
  merchantId: string | null;
  name: string;
  startsAt: string;
  endsAt: string;
  status: 'active' | 'ended';
  items: Array<{ skuId: string; productId: string; flashPriceFen: number; quota: number; remaining: number; perUserLimit: number }>;
}

const toView = (sale: FlashSaleRow, items: readonly FlashSaleItemRow[]): FlashSaleView => ({
  id: sale.id,
  merchantId: sale.merchant_id,
  name: sale.name,
  startsAt: sale.starts_at.toISOString(),
  endsAt: sale.ends_at.toISOString(),
  status: sale.status,
  items: items
    .filter((item) => item.flash_sale_id === sale.id)
    .map((item) => ({ skuId: item.sku_id, productId: item.product_id, flashPriceFen: Number(item.flash_price_fen), quota: item.quota, remaining: item.remaining, perUserLimit: item.per_user_limit })),
});

/** A flash-sale line of a checkout: the sale, the SKU, how many. */
export interface FlashSaleLine {
  readonly flashSaleId: string;
  readonly skuId: string;
  readonly quantity: number;
}

export function createFlashSaleService(db: Db, skus: SkuDirectory) {
  async function withItems(rows: FlashSaleRow[]): Promise<FlashSaleView[]> {
    const items = await store.itemsOf(db, rows.map((row) => row.id));
    return rows.map((row) => toView(row, items));
  }

  return {
    /** The platform runs sales in every channel; a merchant only in its storefront. Audited. */
    async create(ctx: RequestContext, input: NewFlashSale): Promise<Result<FlashSaleView, PromotionErrorCode>> {
      const scope = promotionScope(ctx.actor!.scope);
      if (scope === 'none') return err('promotion_not_found');
      const now = ctx.clock.now();
      if (input.endsAt <= input.startsAt || input.endsAt <= now) return err('promotion_window_invalid');
      const products = await skus.productsOfSkus(input.items.map((item) => item.skuId));
      const missing = input.items.find((item) => !products.has(item.skuId));
      if (missing) return err('promotion_sku_not_available', { skuId: missing.skuId });
      const sale: FlashSaleRow = {
        id: newId('fls', now.getTime()),
        merchant_id: scope === 'all' ? null : scope.merchantId,
        name: input.name,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        status: 'active',
        created_by: ctx.actor!.userId,
        created_at: now,
        updated_at: now,
      };
      const items: FlashSaleItemRow[] = input.items.map((item) => ({
        flash_sale_id: sale.id,
        sku_id: item.skuId,
        product_id: products.get(item.skuId)!,
        flash_price_fen: item.flashPriceFen,
        quota: item.quota,
        remaining: item.quota,
        per_user_limit: item.perUserLimit,
      }));
      const view = toView(sale, items);
      await inTransaction(db, async (tx) => {
        await store.insert(tx, sale, items);
        await recordAudit(tx, ctx, { action: 'flash_sale.created', entityType: 'flash_sale', entityId: sale.id, organizationId: sale.merchant_id, before: null, after: view });
        await publishEvent(tx, ctx, promotionEvent('flash_sale.created', sale.id, { flashSaleId: sale.id, merchantId: sale.merchant_id }));
      });
      return ok(view);
    },

    async list(ctx: RequestContext, page: PageRequest) {
      const { rows, total } = await store.list(db, ctx.actor!.scope, page);
      return { items: await withItems(rows), total };
    },

    /** Ends a sale early: nobody can buy at the flash price any more. Audited. */
    async end(ctx: RequestContext, id: string): Promise<Result<FlashSaleView, PromotionErrorCode>> {
      const ended = await inTransaction(db, async (tx): Promise<Result<FlashSaleRow, PromotionErrorCode>> => {
        if (!(await store.find(tx, ctx.actor!.scope, id))) return err('promotion_not_found');
        const row = await store.end(tx, id, ctx.clock.now());
        if (!row) return err('promotion_already_ended');
        await recordAudit(tx, ctx, { action: 'flash_sale.ended', entityType: 'flash_sale', entityId: id, organizationId: row.merchant_id, before: { status: 'active' }, after: { status: 'ended' } });
        await publishEvent(tx, ctx, promotionEvent('flash_sale.ended', id, { flashSaleId: id, merchantId: row.merchant_id }));
        return ok(row);
      });
      if (!ended.ok) return ended;
      return ok((await withItems([ended.value]))[0]!);
    },

    /** Sales running now or coming up, for the shop's 秒杀 page. */
    async current(ctx: RequestContext, merchantId: string | null): Promise<FlashSaleView[]> {
      return withItems(await store.current(db, ctx.clock.now(), merchantId));
    },

    /** Checkout: the flash price of a line, if the buyer may try to buy it now in this channel. */
    async priceFor(tx: Db, ctx: RequestContext, line: FlashSaleLine, merchantId: string | null): Promise<Result<bigint, PromotionErrorCode>> {
      const item = await store.itemForCheckout(tx, line.flashSaleId, line.skuId, ctx.actor!.userId);
      if (!item || item.status !== 'active' || (item.merchant_id !== null && item.merchant_id !== merchantId)) return err('flash_sale_not_found');
      const allowed = mayBuy({ startsAt: item.starts_at, endsAt: item.ends_at, quotaRemaining: item.remaining, perBuyerLimit: item.per_user_limit }, Number(item.bought), line.quantity, ctx.clock.now());
      if (!allowed.ok) return allowed;
      return ok(item.flash_price_fen);
    },

    /**
     * Checkout: takes the buyer's share of the per-user limit, records the line on the order (so
     * closing it unpaid gives both back), then takes the quota, each with a guarded single statement.
     * The quota row is shared by every buyer, so it is taken last: its lock is held from here to the
     * commit only. Called in the checkout's transaction; on failure the caller rolls everything back.
     */
    async take(tx: Db, ctx: RequestContext, orderId: string, line: FlashSaleLine): Promise<Result<void, PromotionErrorCode>> {
      const userId = ctx.actor!.userId;
      if (!(await store.countPurchase(tx, { ...line, userId }))) {
        const perBuyerLimit = await store.perUserLimit(tx, line.flashSaleId, line.skuId);
        return perBuyerLimit === null ? err('flash_sale_not_found') : err('flash_sale_limit_reached', { perBuyerLimit });
      }
      await store.recordOrderLine(tx, { order_id: orderId, flash_sale_id: line.flashSaleId, sku_id: line.skuId, user_id: userId, quantity: line.quantity, released_at: null });
      if (!(await store.takeQuota(tx, line.flashSaleId, line.skuId, line.quantity))) return err('flash_sale_sold_out');
      return ok(undefined);
    },

    /** An unpaid order ended: its quota and its buyer's share of the limit go back, once. */
    async releaseForOrder(tx: Db, ctx: RequestContext, orderId: string): Promise<void> {
      for (const line of await store.releaseOrder(tx, orderId, ctx.clock.now())) await store.giveBack(tx, line);
    },
  };
}
export type FlashSaleService = ReturnType<typeof createFlashSaleService>;
