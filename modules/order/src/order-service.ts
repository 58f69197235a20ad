import { randomInt } from 'node:crypto';
import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import type { Db, PageRequest } from '@linkmall/db';
import { publishEvent } from '@linkmall/events';
import type { CheckoutDraft } from './domain/split-checkout.ts';
import type { OrderErrorCode } from './order-errors.ts';
import { orderStore as store, type OrderRow } from './order-store.ts';
import { toOrderView, type OrderView } from './order-view.ts';

export interface PlaceOrderInput {
  readonly merchantId: string | null;
  readonly deliveryMethod: 'delivery' | 'pickup';
  readonly pickupStoreId: string | null;
  readonly shippingAddress: unknown | null;
  readonly draft: CheckoutDraft;
}

/** Why a paid order ships first (优先发货): the buyer's member level when the order was paid. */
export interface PriorityShippingReason {
  readonly kind: 'member_level';
  readonly levelId: string;
  readonly levelNameZh: string;
  readonly levelNameEn: string;
  /** The buyer's points and qualified invites at payment time, which reached the level. */
  readonly points: number;
  readonly qualifiedInvites: number;
}

/**
 * Asked once per delivery order, inside the payment's transaction (read with `tx`): whether this
 * buyer's orders ship first, and why. Supplied by a flow, since the order module knows no levels.
 */
export type PriorityShippingPolicy = (tx: Db, buyerUserId: string) => Promise<PriorityShippingReason | null>;

/** An unpaid order that closes, with the SKU quantities whose stock goes back. */
export interface ReleasedOrder {
  readonly orderId: string;
  readonly items: Array<{ skuId: string; quantity: number }>;
}

export function createOrderService(db: Db, options: { unpaidTimeoutMs: number }) {
  async function view(order: OrderRow): Promise<OrderView> {
    const [subOrders, lines] = await Promise.all([store.subOrdersOf(db, [order.id]), store.linesOf(db, [order.id])]);
    return toOrderView(order, subOrders, lines);
  }

  /** Ends an unpaid order (cancelled by the buyer or closed by the timeout) inside the caller's transaction. */
  async function endUnpaid(tx: Db, ctx: RequestContext, order: OrderRow, event: 'cancel' | 'close'): Promise<ReleasedOrder> {
    const now = ctx.clock.now();
    const to = event === 'cancel' ? 'cancelled' : 'closed';
    await store.markOrderClosed(tx, order.id, now);
    const moved = await store.moveSubOrders(tx, order.id, 'created', to, now);
    await store.appendHistories(tx, moved.map((subOrder) => ({ subOrderId: subOrder.id, from: 'created', to, event, actorUserId: ctx.actor?.userId ?? null, now })));
    const lines = await store.linesOf(tx, [order.id]);
    await publishEvent(tx, ctx, { type: event === 'cancel' ? 'order.cancelled' : 'order.closed', aggregateId: order.id, payload: { orderId: order.id } });
    return { orderId: order.id, items: lines.map((line) => ({ skuId: line.sku_id, quantity: line.quantity })) };
  }

  return {
    /** Writes the order in the checkout flow's transaction; returns it as the buyer sees it once committed. */
    async place(tx: Db, ctx: RequestContext, input: PlaceOrderInput): Promise<OrderView> {
      const now = ctx.clock.now();
      const id = newId('ord', now.getTime());
      const written = await store.insertOrder(
        tx,
        {
          id,
          buyerUserId: ctx.actor!.userId,
          merchantId: input.merchantId,
          deliveryMethod: input.deliveryMethod,
          pickupStoreId: input.pickupStoreId,
          shippingAddress: input.shippingAddress,
          expiresAt: new Date(now.getTime() + options.unpaidTimeoutMs),
          now,
        },
        input.draft,
      );
      await publishEvent(tx, ctx, {
        type: 'order.created',
        aggregateId: id,
        payload: { orderId: id, buyerUserId: ctx.actor!.userId, merchantId: input.merchantId, payableFen: Number(input.draft.payableFen) },
      });
      return toOrderView(written.order, written.subOrders, written.lines);
    },

    async get(ctx: RequestContext, id: string): Promise<Result<OrderView, OrderErrorCode>> {
      const order = await store.findOrder(db, id, ctx.actor!.userId);
      return order ? ok(await view(order)) : err('order_not_found');
    },

    async listMine(ctx: RequestContext, page: PageRequest): Promise<{ items: OrderView[]; total: number }> {
      const { rows, total } = await store.listBuyerOrders(db, ctx.actor!.userId, page);
      const ids = rows.map((row) => row.id);
      const [subOrders, lines] = await Promise.all([store.subOrdersOf(db, ids), store.linesOf(db, ids)]);
      return { items: rows.map((row) => toOrderView(row, subOrders, lines)), total };
    },

    /** What the buyer must pay for an order that can still be paid. */
    async payable(ctx: RequestContext, id: string): Promise<Result<{ orderId: string; amountFen: bigint; expiresAt: Date }, OrderErrorCode>> {
      const order = await store.findOrder(db, id, ctx.actor!.userId);
      if (!order) return err('order_not_found');
      if (order.payment_status !== 'unpaid' || order.expires_at <= ctx.clock.now()) {
        return err('invalid_order_transition', { from: order.payment_status, event: 'pay' });
      }
      return ok({ orderId: order.id, amountFen: order.payable_fen, expiresAt: order.expires_at });
    },

    /**
     * Marks an order paid in the payment's transaction and emits `order.paid` exactly once. False when
     * it was not unpaid any more (closed by the timeout meanwhile, or already paid), so the caller can
     * refund a payment that arrived too late. With `shipsFirst`, a delivery order whose buyer qualifies
     * is marked 优先发货 in the same statement set: decided once, at payment, and kept whatever happens
     * to the buyer's level later.
     */
    async markPaid(tx: Db, ctx: RequestContext, id: string, payment: { paymentId: string; provider: string }, shipsFirst?: PriorityShippingPolicy): Promise<boolean> {
      const now = ctx.clock.now();
      const order = await store.markOrderPaid(tx, id, now);
      if (!order) return false;
      const subOrders = await store.moveSubOrdersRecorded(tx, id, { from: 'created', to: 'paid', event: 'pay', actorUserId: null, now, expected: Number(order.sub_order_count) });
      // A pickup order gets the code the buyer shows at the store.
      if (order.delivery_method === 'pickup' && order.pickup_store_id) {
        await store.assignPickupCode(tx, id, order.pickup_store_id, () => String(randomInt(0, 1_000_000)).padStart(6, '0'));
      }
      let priorityShipping = false;
      if (shipsFirst && order.delivery_method === 'delivery') {
        const reason = await shipsFirst(tx, order.buyer_user_id);
        if (reason) priorityShipping = await store.markPriorityShipping(tx, id, reason);
      }
      const lines = order.lines;
      await publishEvent(tx, ctx, {
        type: 'order.paid',
        aggregateId: id,
        payload: {
          orderId: id,
          buyerUserId: order.buyer_user_id,
          merchantId: order.merchant_id,
          payableFen: Number(order.payable_fen),
          paymentId: payment.paymentId,
          provider: payment.provider,
          // 优先发货, so a warehouse system subscribed to order.paid can pick these first too.
          priorityShipping,
          subOrders: subOrders.map((subOrder) => ({ id: subOrder.id, supplierId: subOrder.supplier_id, payableFen: Number(subOrder.payable_fen) })),
          lines: lines.map((line) => ({ subOrderId: line.sub_order_id, skuId: line.sku_id, productId: line.product_id, quantity: line.quantity, payableFen: Number(line.payable_fen) })),
        },
      });
      return true;
    },

    /** Paid orders since an instant (team-health rules): buyer, time and the stored shipping address. */
    async paidSince(since: Date, limit: number): Promise<{ orderId: string; buyerUserId: string; paidAt: Date; shippingAddress: unknown }[]> {
      const rows = await store.paidSince(db, since, limit);
      return rows.map((row) => ({ orderId: row.id, buyerUserId: row.buyer_user_id, paidAt: row.paid_at!, shippingAddress: row.shipping_address }));
    },

    /** Paid orders of buyers, for CRM segmentation: per buyer, each order's paid amount after refunds and its products. */
    async paidPurchases(buyerUserIds: readonly string[]): Promise<Map<string, { orderId: string; paidAt: Date; amountFen: bigint; productIds: string[] }[]>> {
      const byOrder = new Map<string, { buyerUserId: string; orderId: string; paidAt: Date; amountFen: bigint; productIds: string[] }>();
      for (const row of await store.paidPurchasesOf(db, buyerUserIds)) {
        const order = byOrder.get(row.orderId) ?? { buyerUserId: row.buyerUserId, orderId: row.orderId, paidAt: row.paidAt!, amountFen: 0n, productIds: [] };
        order.amountFen += BigInt(row.payableFen) - BigInt(row.refundedFen);
        if (!order.productIds.includes(row.productId)) order.productIds.push(row.productId);
        byOrder.set(row.orderId, order);
      }
      const byBuyer = new Map<string, { orderId: string; paidAt: Date; amountFen: bigint; productIds: string[] }[]>();
      for (const { buyerUserId, ...order } of byOrder.values()) byBuyer.set(buyerUserId, [...(byBuyer.get(buyerUserId) ?? []), order]);
      return byBuyer;
    },

    /** The buyer cancels an unpaid order; the caller releases the returned stock in the same transaction. */
    async cancelUnpaid(tx: Db, ctx: RequestContext, id: string): Promise<Result<ReleasedOrder, OrderErrorCode>> {
      const order = await store.lockOrder(tx, id);
      if (!order || order.buyer_user_id !== ctx.actor!.userId) return err('order_not_found');
      if (order.payment_status !== 'unpaid') return err('invalid_order_transition', { from: order.payment_status, event: 'cancel' });
      return ok(await endUnpaid(tx, ctx, order, 'cancel'));
    },

    /** The scheduled close: unpaid orders past their deadline, a batch at a time, safe with several workers. */
    async closeExpired(tx: Db, ctx: RequestContext, limit: number): Promise<ReleasedOrder[]> {
      const released: ReleasedOrder[] = [];
      for (const order of await store.claimExpiredUnpaid(tx, ctx.clock.now(), limit)) released.push(await endUnpaid(tx, ctx, order, 'close'));
      return released;
    },

  };
}
export type OrderService = ReturnType<typeof createOrderService>;
