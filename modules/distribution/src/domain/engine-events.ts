/**
 * The engine's input events (spec §6.2), with time carried in the event (`atMs`, epoch milliseconds)
 * so that the rules never read a clock. Every handler is idempotent per order.
 */
export interface PackagePaid {
  readonly type: 'PACKAGE_PAID';
  readonly orderId: string;
  readonly userId: string;
  /** The referrer from the share link or invite code; null when the buyer came without one. */
  readonly referrerId: string | null;
  readonly amountFen: bigint;
  readonly atMs: number;
}

/** A paid order of ordinary goods: a repurchase (复购) when the buyer holds a package. */
export interface GoodsPaid {
  readonly type: 'GOODS_PAID';
  readonly orderId: string;
  readonly userId: string;
  readonly amountFen: bigint;
  readonly atMs: number;
}

/** A refund of an order; `amountFen` below the order's remaining amount makes it partial. */
export interface OrderRefunded {
  readonly type: 'ORDER_REFUNDED';
  readonly orderId: string;
  readonly amountFen?: bigint;
  /** The commerce refund's id; a partial refund is idempotent on it (default: its time and amount). */
  readonly refundId?: string;
  readonly atMs: number;
}

/** The after-sales window closing: posts every pending line whose freeze has passed. */
export interface Settle {
  readonly type: 'SETTLE';
  readonly atMs: number;
}

export interface BindReferrer {
  readonly type: 'BIND_REFERRER';
  readonly userId: string;
  readonly referrerId: string;
  readonly atMs: number;
}

/** A registration without a referrer; registration with one is a BIND_REFERRER. */
export interface MemberRegistered {
  readonly type: 'MEMBER_REGISTERED';
  readonly userId: string;
  readonly atMs: number;
}

export type DistributionEvent = PackagePaid | GoodsPaid | OrderRefunded | Settle | BindReferrer | MemberRegistered;
export type DistributionEventType = DistributionEvent['type'];
