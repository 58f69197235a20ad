import type { Selectable } from 'kysely';
import type { OrderLineTable, OrderTable, SubOrderTable } from './order-tables.ts';

export interface OrderView {
  id: string;
  paymentStatus: 'unpaid' | 'paid' | 'closed';
  deliveryMethod: 'delivery' | 'pickup';
  pickupStoreId: string | null;
  /** Shown to the buyer once paid; store staff verify it at collection. */
  pickupCode: string | null;
  collectedAt: string | null;
  /** The delivery address with the recipient's phone masked; the ciphertext never leaves the server. */
  shippingAddress: PublicAddress | null;
  goodsFen: number;
  discountFen: number;
  shippingFen: number;
  payableFen: number;
  expiresAt: string;
  createdAt: string;
  paidAt: string | null;
  subOrders: Array<{
    id: string;
    supplierId: string;
    status: string;
    payableFen: number;
    lines: Array<{ id: string; skuId: string; productId: string; title: string; specs: string; quantity: number; unitPriceFen: number; payableFen: number }>;
  }>;
}

/** Fen leave as JSON-safe integers. */
export function toOrderView(
  order: Selectable<OrderTable>,
  subOrders: readonly Selectable<SubOrderTable>[],
  lines: readonly Selectable<OrderLineTable>[],
): OrderView {
  return {
    id: order.id,
    paymentStatus: order.payment_status,
    deliveryMethod: order.delivery_method,
    pickupStoreId: order.pickup_store_id,
    pickupCode: order.pickup_code,
    collectedAt: order.collected_at ? order.collected_at.toISOString() : null,
    shippingAddress: publicAddress(order.shipping_address),
    goodsFen: Number(order.goods_fen),
    discountFen: Number(order.discount_fen),
    shippingFen: Number(order.shipping_fen),
    payableFen: Number(order.payable_fen),
    expiresAt: order.expires_at.toISOString(),
    createdAt: order.created_at.toISOString(),
    paidAt: order.paid_at ? order.paid_at.toISOString() : null,
    subOrders: subOrders
      .filter((subOrder) => subOrder.order_id === order.id)
      .map((subOrder) => ({
        id: subOrder.id,
        supplierId: subOrder.supplier_id,
        status: subOrder.status,
        payableFen: Number(subOrder.payable_fen),
        lines: lines
          .filter((line) => line.sub_order_id === subOrder.id)
          .map((line) => ({
            id: line.id,
            skuId: line.sku_id,
            productId: line.product_id,
            title: line.title,
            specs: line.specs,
            quantity: line.quantity,
            unitPriceFen: Number(line.unit_price_fen),
            payableFen: Number(line.payable_fen),
          })),
      })),
  };
}

export interface PublicAddress {
  recipientName: string;
  phoneMasked: string;
  province: string;
  city: string;
  district: string;
  detail: string;
}

function publicAddress(stored: unknown): PublicAddress | null {
  if (!stored || typeof stored !== 'object') return null;
  const { recipientName, phoneMasked, province, city, district, detail } = stored as PublicAddress;
  return { recipientName, phoneMasked, province, city, district, detail };
}
