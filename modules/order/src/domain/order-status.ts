import { err, ok, type Result } from '@linkmall/kernel';

/**
 * The lifecycle of one supplier's sub-order (each supplier ships its own part of a checkout).
 *
 *   created ──pay──▶ paid ──ship──▶ shipped ──confirm_receipt──▶ received ──complete──▶ completed
 *      │                │               │                            │
 *      ├─cancel─▶ cancelled             └──────── open_after_sales ──┴──▶ refunding ──refund_all──▶ refunded
 *      └─close──▶ closed (unpaid timeout)           (from paid too)          └─close_after_sales─▶ (back)
 *
 * `completed` is when the after-sales window has closed: commissions may settle then.
 */
export const ORDER_STATUSES = ['created', 'paid', 'shipped', 'received', 'completed', 'cancelled', 'closed', 'refunding', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type OrderEvent =
  | { readonly type: 'pay' }
  | { readonly type: 'cancel' }
  | { readonly type: 'close' }
  | { readonly type: 'ship' }
  | { readonly type: 'confirm_receipt' }
  | { readonly type: 'complete' }
  | { readonly type: 'open_after_sales' }
  /** Every line refunded in full: the sub-order ends as refunded. */
  | { readonly type: 'refund_all' }
  /** The after-sales case ended without refunding everything: back to where the order was. */
  | { readonly type: 'close_after_sales'; readonly resumeStatus: 'paid' | 'shipped' | 'received' };

const TRANSITIONS: Readonly<Record<OrderStatus, Partial<Record<OrderEvent['type'], OrderStatus | 'resume'>>>> = {
  created: { pay: 'paid', cancel: 'cancelled', close: 'closed' },
  paid: { ship: 'shipped', open_after_sales: 'refunding' },
  shipped: { confirm_receipt: 'received', open_after_sales: 'refunding' },
  received: { complete: 'completed', open_after_sales: 'refunding' },
  refunding: { refund_all: 'refunded', close_after_sales: 'resume' },
  completed: {},
  cancelled: {},
  closed: {},
  refunded: {},
};

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['completed', 'cancelled', 'closed', 'refunded']);

/** The one way an order's status changes; an event that does not apply is an expected failure. */
export function transition(status: OrderStatus, event: OrderEvent): Result<OrderStatus, 'invalid_order_transition'> {
  const next = TRANSITIONS[status][event.type];
  if (next === undefined) return err('invalid_order_transition', { from: status, event: event.type });
  if (next === 'resume') {
    if (event.type !== 'close_after_sales') throw new Error('resume is only reachable by close_after_sales');
    return ok(event.resumeStatus);
  }
  return ok(next);
}

/** Whether stock reserved for the order is still held (released when it is cancelled or closed unpaid). */
export function holdsStock(status: OrderStatus): boolean {
  return status !== 'cancelled' && status !== 'closed';
}
