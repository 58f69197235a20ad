import type { ScheduledJobDefinition, Subscriber } from '@linkmall/events';
import type { DistributionService } from '@linkmall/distribution';

/**
 * Commerce → 链动2+1 → ledger. Outbox subscribers turn order events into engine events; each runs in
 * the delivery's transaction, so the engine's delta, the ledger transfers and the processed-event
 * record commit together with the delivery (a redelivery finds the processed key and changes nothing).
 */
interface OrderPaidPayload {
  orderId: string;
  buyerUserId: string;
  payableFen: number;
  lines: { productId: string }[];
}
interface OrderRefundedPayload {
  orderId: string;
  caseId: string;
  refundFen: number;
}
interface OrderCompletedPayload {
  orderId: string;
  subOrderId: string;
}

export function commissionSubscribers(distribution: DistributionService): Subscriber[] {
  return [
    {
      name: 'distribution.order-paid',
      eventTypes: ['order.paid'],
      handle: async (tx, event, ctx) => {
        const payload = event.payload as OrderPaidPayload;
        await distribution.commerce.orderPaid(tx, ctx, {
          orderId: payload.orderId,
          buyerUserId: payload.buyerUserId,
          payableFen: BigInt(payload.payableFen),
          productIds: [...new Set(payload.lines.map((line) => line.productId))],
          paidAt: event.occurredAt,
        });
      },
    },
    {
      name: 'distribution.order-refunded',
      eventTypes: ['order.refunded'],
      handle: async (tx, event, ctx) => {
        const payload = event.payload as OrderRefundedPayload;
        await distribution.commerce.orderRefunded(tx, ctx, { orderId: payload.orderId, refundId: payload.caseId, refundFen: BigInt(payload.refundFen), at: event.occurredAt });
      },
    },
    {
      name: 'distribution.order-completed',
      eventTypes: ['order.completed'],
      handle: async (tx, event, ctx) => {
        const payload = event.payload as OrderCompletedPayload;
        await distribution.commerce.orderCompleted(tx, ctx, { orderId: payload.orderId, subOrderId: payload.subOrderId, at: event.occurredAt });
      },
    },
  ];
}

/** Posts (settles) rewards whose after-sales window closed at least the profile's freeze days ago. */
export function commissionSettleJob(distribution: DistributionService, onSettled?: (lines: number) => void): ScheduledJobDefinition {
  return {
    name: 'distribution.settle',
    cron: '23 * * * *',
    handle: async (ctx) => {
      const posted = await distribution.commerce.settleDue(ctx);
      if (posted > 0) onSettled?.(posted);
    },
  };
}
