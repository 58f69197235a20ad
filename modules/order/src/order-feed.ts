import type { Db, Kysely } from '@linkmall/db';
import type { OrderStatus } from './domain/order-status.ts';
import type { OrderTables } from './order-tables.ts';

/** An order as partners (ERP, finance) read it: amounts, state, sub-orders and lines; no personal data. */
export interface OrderFeedItem {
  readonly orderId: string;
  readonly buyerUserId: string;
  readonly merchantId: string | null;
  readonly deliveryMethod: 'delivery' | 'pickup';
  readonly paymentStatus: 'unpaid' | 'paid' | 'closed';
  readonly goodsFen: bigint;
  readonly discountFen: bigint;
  readonly shippingFen: bigint;
  readonly payableFen: bigint;
  readonly createdAt: Date;
  readonly paidAt: Date | null;
  readonly closedAt: Date | null;
  /** Province, city and district only: the recipient's name, phone and street stay inside the platform. */
  readonly shippingRegion: { readonly province: string; readonly city: string; readonly district: string } | null;
  readonly subOrders: readonly {
    readonly subOrderId: string;
    readonly supplierId: string;
    readonly status: OrderStatus;
    readonly payableFen: bigint;
    readonly carrier: string | null;
    readonly trackingNumber: string | null;
    readonly shippedAt: Date | null;
    readonly completedAt: Date | null;
  }[];
  readonly lines: readonly {
    readonly lineId: string;
    readonly subOrderId: string;
    readonly skuId: string;
    readonly productId: string;
    readonly title: string;
    readonly specs: string;
    readonly quantity: number;
    readonly unitPriceFen: bigint;
    readonly payableFen: bigint;
    readonly refundedQuantity: number;
    readonly refundedFen: bigint;
  }[];
}

export interface OrderFeedQuery {
  /** Orders placed after this one (ids sort by creation time), or from the first. */
  readonly afterId?: string | null;
  readonly createdFrom?: Date;
  /** Exclusive upper bound on the creation time. */
  readonly createdBefore?: Date;
  readonly limit: number;
}

const t = (db: Db) => db as Kysely<OrderTables>;

function regionOf(address: unknown): OrderFeedItem['shippingRegion'] {
  if (!address || typeof address !== 'object') return null;
  const { province, city, district } = address as Record<string, unknown>;
  return typeof province === 'string' ? { province, city: String(city ?? ''), district: String(district ?? '') } : null;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/**
 * Orders in placement order for the partner feed and scheduled exports, keyed by id: order ids are
 * time-sortable, so "after this id" walks the primary key.
 */
export function createOrderFeed(db: Db) {
  return {
    async page(query: OrderFeedQuery): Promise<OrderFeedItem[]> {
      let select = t(db).selectFrom('orders').selectAll();
      if (query.afterId) select = select.where('id', '>', query.afterId);
      if (query.createdFrom) select = select.where('created_at', '>=', query.createdFrom);
      if (query.createdBefore) select = select.where('created_at', '<', query.createdBefore);
      const orders = await select.orderBy('id').limit(query.limit).execute();
      if (orders.length === 0) return [];
      const ids = orders.map((order) => order.id);
      const [subOrders, lines] = await Promise.all([
        t(db).selectFrom('sub_orders').selectAll().where('order_id', 'in', ids).orderBy('id').execute(),
        t(db).selectFrom('order_lines').selectAll().where('order_id', 'in', ids).orderBy('id').execute(),
      ]);
      const subOrdersOf = groupBy(subOrders, (subOrder) => subOrder.order_id);
      const linesOf = groupBy(lines, (line) => line.order_id);
      return orders.map((order) => ({
        orderId: order.id,
        buyerUserId: order.buyer_user_id,
        merchantId: order.merchant_id,
        deliveryMethod: order.delivery_method,
        paymentStatus: order.payment_status,
        goodsFen: BigInt(order.goods_fen),
        discountFen: BigInt(order.discount_fen),
        shippingFen: BigInt(order.shipping_fen),
        payableFen: BigInt(order.payable_fen),
        createdAt: order.created_at,
        paidAt: order.paid_at,
        closedAt: order.closed_at,
        shippingRegion: regionOf(order.shipping_address),
        subOrders: (subOrdersOf.get(order.id) ?? []).map((subOrder) => ({
            subOrderId: subOrder.id,
            supplierId: subOrder.supplier_id,
            status: subOrder.status,
            payableFen: BigInt(subOrder.payable_fen),
            carrier: subOrder.carrier,
            trackingNumber: subOrder.tracking_number,
            shippedAt: subOrder.shipped_at,
            completedAt: subOrder.completed_at,
          })),
        lines: (linesOf.get(order.id) ?? []).map((line) => ({
            lineId: line.id,
            subOrderId: line.sub_order_id,
            skuId: line.sku_id,
            productId: line.product_id,
            title: line.title,
            specs: line.specs,
            quantity: line.quantity,
            unitPriceFen: BigInt(line.unit_price_fen),
            payableFen: BigInt(line.payable_fen),
            refundedQuantity: line.refunded_quantity,
            refundedFen: BigInt(line.refunded_fen),
          })),
      }));
    },
  };
}
export type OrderFeed = ReturnType<typeof createOrderFeed>;
