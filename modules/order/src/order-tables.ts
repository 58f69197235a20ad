import type { OrderStatus } from './domain/order-status.ts';

export interface OrderTable {
  id: string;
  buyer_user_id: string;
  merchant_id: string | null;
  delivery_method: 'delivery' | 'pickup';
  pickup_store_id: string | null;
  shipping_address: unknown | null;
  goods_fen: bigint;
  discount_fen: bigint;
  shipping_fen: bigint;
  payable_fen: bigint;
  payment_status: 'unpaid' | 'paid' | 'closed';
  expires_at: Date;
  created_at: Date;
  paid_at: Date | null;
  closed_at: Date | null;
  pickup_code: string | null;
  collected_at: Date | null;
  /** 优先发货: decided once when the order is paid (flows/priority-shipping.ts), never taken back. */
  priority_shipping: boolean;
  /** Why the order ships first (a `PriorityShippingReason`); null exactly when it does not. */
  priority_shipping_reason: unknown | null;
}

export interface SubOrderTable {
  id: string;
  order_id: string;
  supplier_id: string;
  status: OrderStatus;
  goods_fen: bigint;
  discount_fen: bigint;
  shipping_fen: bigint;
  payable_fen: bigint;
  version: number;
  created_at: Date;
  updated_at: Date;
  carrier: string | null;
  tracking_number: string | null;
  shipped_at: Date | null;
  received_at: Date | null;
  after_sales_until: Date | null;
  completed_at: Date | null;
}

export interface OrderLineTable {
  id: string;
  order_id: string;
  sub_order_id: string;
  sku_id: string;
  product_id: string;
  title: string;
  specs: string;
  quantity: number;
  unit_price_fen: bigint;
  supply_price_fen: bigint;
  line_total_fen: bigint;
  discount_fen: bigint;
  payable_fen: bigint;
  refunded_quantity: number;
  refunded_fen: bigint;
}

export interface AfterSalesCaseTable {
  id: string;
  order_id: string;
  sub_order_id: string;
  buyer_user_id: string;
  kind: 'refund_only' | 'return_and_refund';
  reason: string;
  photo_urls: string[];
  status: 'requested' | 'refunded' | 'rejected';
  resume_status: 'paid' | 'shipped' | 'received';
  refund_fen: bigint;
  decided_by: string | null;
  decision_note: string | null;
  created_at: Date;
  decided_at: Date | null;
}

export interface AfterSalesLineTable {
  case_id: string;
  order_line_id: string;
  quantity: number;
  refund_fen: bigint;
}

export interface OrderStatusHistoryTable {
  id: string;
  sub_order_id: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  event: string;
  actor_user_id: string | null;
  occurred_at: Date;
}

export interface OrderTables {
  orders: OrderTable;
  sub_orders: SubOrderTable;
  order_lines: OrderLineTable;
  order_status_history: OrderStatusHistoryTable;
  after_sales_cases: AfterSalesCaseTable;
  after_sales_lines: AfterSalesLineTable;
}
