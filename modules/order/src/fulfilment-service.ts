import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { transition, type OrderStatus } from './domain/order-status.ts';
import type { OrderErrorCode } from './order-errors.ts';
import { orderStore } from './order-store.ts';
import { fulfilmentStore as store, type SubOrderFilter, type SubOrderRow } from './fulfilment-store.ts';
import type { PriorityShippingReason } from './order-service.ts';
import { carrierByCode, findCarrier } from './logistics-carriers.ts';
import type { LogisticsErrorCode } from './logistics-errors.ts';
import { logisticsStore } from './logistics-store.ts';

/** An order as reviews see it: each line with its sub-order's status, supplier and the selling merchant. */
export interface ReviewableOrder {
  readonly orderId: string;
  readonly merchantId: string | null;
  readonly lines: ReadonlyArray<{ id: string; subOrderId: string; supplierId: string; status: OrderStatus; productId: string; skuId: string; title: string; specs: string }>;
}

/** What a supplier ships with: the carrier as typed (or picked from the list, with its code) and the tracking number. */
export interface Shipment {
  readonly carrier: string;
  readonly trackingNumber: string;
  /** A code from the carrier list; when absent it is looked up from the carrier's name. */
  readonly carrierCode?: string;
}

export interface FulfilmentOptions {
  /** How long after receipt the buyer may still ask for after-sales; the sub-order completes after it. */
  readonly afterSalesWindowMs: number;
  /** A shipped sub-order the buyer never confirms counts as received after this long. */
  readonly autoConfirmAfterMs: number;
  /** True while another part of the platform holds an order back from shipping (a group buy not yet formed). */
  readonly shippingHeld?: (tx: Db, orderId: string) => Promise<boolean>;
}

export interface SubOrderStaffView {
  id: string;
  orderId: string;
  supplierId: string;
  merchantId: string | null;
  status: OrderStatus;
  payableFen: number;
  carrier: string | null;
  trackingNumber: string | null;
  createdAt: string;
  paidAt: string | null;
  shippedAt: string | null;
  receivedAt: string | null;
  afterSalesUntil: string | null;
  completedAt: string | null;
  /** 优先发货: the order was marked at payment to ship first; the reason says which level earned it. */
  priorityShipping: boolean;
  priorityShippingReason: PriorityShippingReason | null;
}

const toStaffView = (row: SubOrderRow): SubOrderStaffView => ({
  id: row.id,
  orderId: row.order_id,
  supplierId: row.supplier_id,
  merchantId: row.merchant_id,
  status: row.status,
  payableFen: Number(row.payable_fen),
  carrier: row.carrier,
  trackingNumber: row.tracking_number,
  createdAt: row.created_at.toISOString(),
  paidAt: row.paid_at?.toISOString() ?? null,
  shippedAt: row.shipped_at?.toISOString() ?? null,
  receivedAt: row.received_at?.toISOString() ?? null,
  afterSalesUntil: row.after_sales_until?.toISOString() ?? null,
  completedAt: row.completed_at?.toISOString() ?? null,
  priorityShipping: row.priority_shipping,
  priorityShippingReason: (row.priority_shipping_reason as PriorityShippingReason | null) ?? null,
});

export interface SubOrderStaffDetail extends SubOrderStaffView {
  deliveryMethod: 'delivery' | 'pickup';
  pickupStoreId: string | null;
  /** The order's address as stored: `phoneCipher` must be decrypted by a caller allowed to see it. */
  storedAddress: unknown;
  lines: Array<{ id: string; skuId: string; productId: string; title: string; specs: string; quantity: number; refundedQuantity: number; unitPriceFen: number; supplyPriceFen: number; payableFen: number }>;
  history: Array<{ from: string | null; to: string; event: string; at: string }>;
}

export interface PickupPreview {
  readonly orderId: string;
  readonly paidAt: string | null;
  readonly payableFen: number;
  readonly lines: Array<{ title: string; specs: string; quantity: number }>;
}

export function createFulfilmentService(db: Db, options: FulfilmentOptions) {
  /** shipped → received for one sub-order, starting its after-sales window. */
  async function receive(tx: Db, ctx: RequestContext, subOrder: { id: string; order_id: string }, event: 'confirm_receipt' | 'auto_confirm') {
    const now = ctx.clock.now();
    const moved = await store.move(tx, subOrder.id, 'shipped', 'received', {
      received_at: now,
      after_sales_until: new Date(now.getTime() + options.afterSalesWindowMs),
      updated_at: now,
    });
    if (!moved) return false;
    await orderStore.appendHistory(tx, { subOrderId: subOrder.id, from: 'shipped', to: 'received', event, actorUserId: ctx.actor?.userId ?? null, now });
    await publishEvent(tx, ctx, { type: 'order.received', aggregateId: subOrder.order_id, payload: { orderId: subOrder.order_id, subOrderId: subOrder.id, automatic: event === 'auto_confirm' } });
    return true;
  }

  async function shipWithin(tx: Db, ctx: RequestContext, subOrderId: string, shipment: Shipment): Promise<Result<SubOrderStaffView, OrderErrorCode | LogisticsErrorCode>> {
    const carrierCode = shipment.carrierCode ?? findCarrier(shipment.carrier)?.code ?? null;
    if (shipment.carrierCode !== undefined && !carrierByCode(shipment.carrierCode)) return err('carrier_unknown', { carrierCode: shipment.carrierCode });
    const before = await store.findSubOrder(tx, subOrderId, ctx.actor!.scope, { forUpdate: true });
    if (!before) return err('order_not_found');
    if (options.shippingHeld && (await options.shippingHeld(tx, before.order_id))) return err('shipping_held', { orderId: before.order_id });
    const next = transition(before.status, { type: 'ship' });
    if (!next.ok) return next;
    const now = ctx.clock.now();
    await store.move(tx, subOrderId, before.status, next.value, { carrier: shipment.carrier, tracking_number: shipment.trackingNumber, shipped_at: now, updated_at: now });
    await orderStore.appendHistory(tx, { subOrderId, from: before.status, to: next.value, event: 'ship', actorUserId: ctx.actor!.userId, now });
    const after = (await store.findSubOrder(tx, subOrderId, { kind: 'all' }))!;
    await recordAudit(tx, ctx, {
      action: 'sub_order.shipped',
      entityType: 'sub_order',
      entityId: subOrderId,
      organizationId: before.supplier_id,
      before: { status: before.status },
      after: { status: after.status, carrier: after.carrier, trackingNumber: after.tracking_number },
    });
    await publishEvent(tx, ctx, {
      type: 'order.shipped',
      aggregateId: before.order_id,
      payload: { orderId: before.order_id, subOrderId, supplierId: before.supplier_id, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber },
    });
    // Tracking starts with the shipment: the parcel is due for its first carrier query at once.
    await logisticsStore.register(tx, { subOrderId, carrierCode, trackingNumber: shipment.trackingNumber, source: 'offline', now });
    return ok(toStaffView(after));
  }

  return {
    /**
     * One sub-order as staff in its scope see it: lines with prices, every status change, and where it
     * goes. The address comes back as stored (the phone encrypted); the caller decides who may read it.
     */
    async detailForStaff(ctx: RequestContext, subOrderId: string): Promise<Result<SubOrderStaffDetail, OrderErrorCode>> {
      const row = await store.findSubOrder(db, subOrderId, ctx.actor!.scope);
      if (!row) return err('order_not_found');
      const { lines, history, order } = await store.detailOf(db, row.id, row.order_id);
      return ok({
        ...toStaffView(row),
        deliveryMethod: order.delivery_method,
        pickupStoreId: order.pickup_store_id,
        storedAddress: order.shipping_address,
        lines: lines.map((line) => ({
          id: line.id,
          skuId: line.sku_id,
          productId: line.product_id,
          title: line.title,
          specs: line.specs,
          quantity: line.quantity,
          refundedQuantity: line.refunded_quantity,
          unitPriceFen: Number(line.unit_price_fen),
          supplyPriceFen: Number(line.supply_price_fen),
          payableFen: Number(line.payable_fen),
        })),
        history: history.map((entry) => ({ from: entry.from_status, to: entry.to_status, event: entry.event, at: entry.occurred_at.toISOString() })),
      });
    },

    /** Sub-orders in the caller's scope; awaiting shipment lists 优先发货 first, then the oldest paid. */
    async listForStaff(ctx: RequestContext, query: PageRequest & SubOrderFilter) {
      const filter: SubOrderFilter = { ...(query.status ? { status: query.status } : {}), ...(query.priority !== undefined ? { priority: query.priority } : {}) };
      const { rows, total } = await store.listSubOrders(db, ctx.actor!.scope, filter, query);
      return { items: rows.map(toStaffView), total };
    },

    /** The supplier ships its sub-order (一件代发): paid → shipped with the carrier and tracking number. Audited. */
    async ship(ctx: RequestContext, subOrderId: string, shipment: Shipment): Promise<Result<SubOrderStaffView, OrderErrorCode | LogisticsErrorCode>> {
      return inTransaction(db, (tx) => shipWithin(tx, ctx, subOrderId, shipment));
    },

    /** `ship` inside the caller's transaction, so a batch (the CSV import) ships all rows or none. */
    shipWithin,

    /** What a pickup code would hand over, for staff to check the goods before confirming; changes nothing. */
    async pickupPreview(ctx: RequestContext, storeId: string, code: string): Promise<Result<PickupPreview, OrderErrorCode>> {
      const order = await orderStore.findWaitingPickup(db, storeId, code, { forUpdate: false });
      if (!order) return err('pickup_code_invalid');
      const [subOrders, lines] = await Promise.all([store.ofOrder(db, order.id), orderStore.linesOf(db, [order.id])]);
      const waiting = new Set(subOrders.filter((subOrder) => subOrder.status === 'paid').map((subOrder) => subOrder.id));
      if (waiting.size === 0) return err('pickup_code_invalid');
      return ok({
        orderId: order.id,
        paidAt: order.paid_at ? order.paid_at.toISOString() : null,
        payableFen: Number(order.payable_fen),
        lines: lines.filter((line) => waiting.has(line.sub_order_id)).map((line) => ({ title: line.title, specs: line.specs, quantity: line.quantity - line.refunded_quantity })),
      });
    },

    /**
     * Store staff hand over a pickup order against its code: every paid sub-order becomes received
     * at once (shipped and received in one step) and its after-sales window starts. Audited.
     */
    async collect(ctx: RequestContext, storeId: string, code: string): Promise<Result<{ orderId: string; collected: number }, OrderErrorCode>> {
      return inTransaction(db, async (tx) => {
        const order = await orderStore.findWaitingPickup(tx, storeId, code);
        if (!order) return err('pickup_code_invalid');
        const now = ctx.clock.now();
        let collected = 0;
        for (const subOrder of await store.ofOrder(tx, order.id)) {
          if (subOrder.status !== 'paid') continue;
          await store.move(tx, subOrder.id, 'paid', 'shipped', { shipped_at: now, carrier: '门店自提', updated_at: now });
          await orderStore.appendHistory(tx, { subOrderId: subOrder.id, from: 'paid', to: 'shipped', event: 'ship', actorUserId: ctx.actor!.userId, now });
          if (await receive(tx, ctx, subOrder, 'confirm_receipt')) collected++;
        }
        if (collected === 0) return err('pickup_code_invalid');
        await orderStore.markCollected(tx, order.id, now);
        await recordAudit(tx, ctx, { action: 'order.collected', entityType: 'order', entityId: order.id, organizationId: ctx.actor!.organizationId, before: { collectedAt: null }, after: { collectedAt: now.toISOString(), storeId } });
        return ok({ orderId: order.id, collected });
      });
    },

    /**
     * The buyer's order lines with their parcel's status and who sold them, for reviews: a line may be
     * reviewed once its sub-order was received. Another buyer's order is not found.
     */
    async linesForReview(ctx: RequestContext, orderId: string): Promise<Result<ReviewableOrder, OrderErrorCode>> {
      const order = await orderStore.findOrder(db, orderId, ctx.actor!.userId);
      if (!order) return err('order_not_found');
      const [subOrders, lines] = await Promise.all([orderStore.subOrdersOf(db, [orderId]), orderStore.linesOf(db, [orderId])]);
      const subOrderOf = new Map(subOrders.map((subOrder) => [subOrder.id, subOrder]));
      return ok({
        orderId,
        merchantId: order.merchant_id,
        lines: lines.map((line) => {
          const subOrder = subOrderOf.get(line.sub_order_id)!;
          return { id: line.id, subOrderId: subOrder.id, supplierId: subOrder.supplier_id, status: subOrder.status, productId: line.product_id, skuId: line.sku_id, title: line.title, specs: line.specs };
        }),
      });
    },

    /** The buyer confirms receipt of everything shipped in an order. */
    async confirmReceipt(ctx: RequestContext, orderId: string): Promise<Result<{ received: number }, OrderErrorCode>> {
      return inTransaction(db, async (tx) => {
        const order = await orderStore.lockOrder(tx, orderId);
        if (!order || order.buyer_user_id !== ctx.actor!.userId) return err('order_not_found');
        let received = 0;
        for (const subOrder of await store.ofOrder(tx, orderId)) if (subOrder.status === 'shipped' && (await receive(tx, ctx, subOrder, 'confirm_receipt'))) received++;
        if (received === 0) return err('invalid_order_transition', { event: 'confirm_receipt' });
        return ok({ received });
      });
    },

    /** Scheduled: shipped sub-orders nobody confirmed within the period count as received. */
    async autoConfirmDue(ctx: RequestContext, batchSize = 100): Promise<number> {
      return inTransaction(db, async (tx) => {
        const due = await store.claimDue(tx, 'shipped', new Date(ctx.clock.now().getTime() - options.autoConfirmAfterMs), batchSize);
        let count = 0;
        for (const subOrder of due) if (await receive(tx, ctx, subOrder, 'auto_confirm')) count++;
        return count;
      });
    },

    /**
     * Scheduled: received sub-orders whose after-sales window has closed complete, and
     * `order.completed` tells the commission side that their rewards may settle.
     */
    async completeDue(ctx: RequestContext, batchSize = 100): Promise<number> {
      return inTransaction(db, async (tx) => {
        const now = ctx.clock.now();
        let count = 0;
        for (const subOrder of await store.claimDue(tx, 'received', now, batchSize)) {
          if (!(await store.move(tx, subOrder.id, 'received', 'completed', { completed_at: now, updated_at: now }))) continue;
          await orderStore.appendHistory(tx, { subOrderId: subOrder.id, from: 'received', to: 'completed', event: 'complete', actorUserId: null, now });
          await publishEvent(tx, ctx, {
            type: 'order.completed',
            aggregateId: subOrder.order_id,
            payload: { orderId: subOrder.order_id, subOrderId: subOrder.id, supplierId: subOrder.supplier_id, payableFen: Number(subOrder.payable_fen) },
          });
          count++;
        }
        return count;
      });
    },
  };
}
export type FulfilmentService = ReturnType<typeof createFulfilmentService>;
