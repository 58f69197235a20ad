import type { Actor, RequestContext } from '@linkmall/kernel';
import type { AfterSalesService, OrderService } from '@linkmall/order';
import type { DueRefund, PromotionService } from '@linkmall/promotion';
import type { RefundOrderFlow } from './refund-order.ts';

export interface GroupBuyRefundDeps {
  readonly promotion: PromotionService;
  readonly orders: OrderService;
  readonly afterSales: AfterSalesService;
  readonly refunds: RefundOrderFlow;
}

const REFUND_REASON = '拼团未成团，系统自动退款';

/** The system acting for a buyer (to open the case on their order) or as platform staff (to approve it). */
function actingAs(ctx: RequestContext, actor: Pick<Actor, 'userId' | 'scope'>): RequestContext {
  return {
    ...ctx,
    actor: { ...actor, sessionId: 'system', displayName: '系统·拼团退款', organizationId: null, organizationKind: null, roles: ['system'], permissions: new Set() },
  };
}

/**
 * 拼团 auto refund: groups past their deadline fail, and every paid seat is refunded through the
 * ordinary after-sales path (a refund-only case for each paid sub-order, approved at once), so the
 * provider refund, the order lines, the stock and the audit trail are exactly those of any refund.
 * The case is one per sub-order and the provider refund one per case, so a retry after a crash
 * neither refunds twice nor releases stock twice.
 */
export function createGroupBuyRefundFlow(deps: GroupBuyRefundDeps) {
  /** Refunds one seat's order; null when done, else why it must be retried. */
  async function refundSeat(ctx: RequestContext, seat: DueRefund): Promise<string | null> {
    const buyer = actingAs(ctx, { userId: seat.userId, scope: { kind: 'self', userId: seat.userId } });
    const staff = actingAs(ctx, { userId: 'system', scope: { kind: 'all' } });
    const order = await deps.orders.get(buyer, seat.orderId);
    if (!order.ok) return order.code;
    for (const subOrder of order.value.subOrders) {
      if (!['paid', 'shipped', 'received', 'refunding'].includes(subOrder.status)) continue;
      let caseId: string | null = null;
      if (subOrder.status !== 'refunding') {
        const opened = await deps.afterSales.open(buyer, seat.orderId, {
          subOrderId: subOrder.id,
          kind: 'refund_only',
          reason: REFUND_REASON,
          lines: subOrder.lines.map((line) => ({ orderLineId: line.id, quantity: line.quantity })),
        });
        if (opened.ok) caseId = opened.value.id;
        else if (opened.code !== 'after_sales_already_open') return opened.code;
      }
      // A case already open (an earlier attempt, or the buyer's own request) is approved rather than duplicated.
      caseId ??= await openCaseOf(staff, subOrder.id);
      if (!caseId) return 'after_sales_case_missing';
      const approved = await deps.refunds.approve(staff, caseId);
      if (!approved.ok) return approved.code;
      if (approved.value.refundStatus !== 'succeeded') return 'refund_processing';
    }
    return null;
  }

  async function openCaseOf(staff: RequestContext, subOrderId: string): Promise<string | null> {
    for (let page = 1; page <= 50; page++) {
      const { items, total } = await deps.afterSales.list(staff, { status: 'requested', page, pageSize: 100 });
      const found = items.find((item) => item.subOrderId === subOrderId);
      if (found) return found.id;
      if (page * 100 >= total) return null;
    }
    return null;
  }

  return {
    /** Scheduled: fails overdue groups, then refunds due seats; returns what it did. */
    async run(ctx: RequestContext, batchSize = 100): Promise<{ failedGroups: number; refunded: number; retrying: number }> {
      let failedGroups = 0;
      for (let batch = await deps.promotion.groupBuys.expireDue(ctx, batchSize); batch > 0; batch = await deps.promotion.groupBuys.expireDue(ctx, batchSize)) failedGroups += batch;
      let refunded = 0;
      let retrying = 0;
      for (const seat of await deps.promotion.groupBuys.refundsDue(batchSize)) {
        const problem = await refundSeat(ctx, seat);
        if (problem === null) {
          if (await deps.promotion.groupBuys.markRefunded(ctx, seat.orderId)) refunded++;
        } else {
          retrying++;
          await deps.promotion.groupBuys.noteRefundFailure(seat.orderId, problem);
        }
      }
      return { failedGroups, refunded, retrying };
    },
  };
}
export type GroupBuyRefundFlow = ReturnType<typeof createGroupBuyRefundFlow>;
