import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import type { AfterSalesService, AfterSalesView, OrderErrorCode } from '@linkmall/order';
import { publishEvent } from '@linkmall/events';
import { paymentRecords, type PaymentProvider, type RefundResultNotification } from '@linkmall/payment';
import type { CheckoutCatalog } from './checkout.ts';

export interface RefundOrderDeps {
  readonly db: Db;
  readonly afterSales: AfterSalesService;
  readonly catalog: CheckoutCatalog;
  readonly provider: PaymentProvider;
  readonly publicBaseUrl: string;
}

/**
 * Approving an after-sales case refunds through the payment provider. The refund row is written
 * first (one per case, so a retry reuses its id and the provider refunds at most once); when the
 * provider confirms, the order lines, the case, the sub-order and the stock change in one transaction.
 */
export function createRefundOrderFlow(deps: RefundOrderDeps) {
  const notifyUrl = `${deps.publicBaseUrl.replace(/\/+$/, '')}/open/payments/${deps.provider.name}/notify`;
  return {
    async approve(ctx: RequestContext, caseId: string): Promise<Result<AfterSalesView & { refundStatus: 'processing' | 'succeeded' }, OrderErrorCode>> {
      const open = await deps.afterSales.openCase(ctx, caseId);
      if (!open.ok) return open;
      const payment = await paymentRecords.findSucceeded(deps.db, open.value.orderId);
      if (!payment?.provider_transaction_id) return err('refund_not_submitted', { reason: 'no_successful_payment' });
      const refund = await paymentRecords.refundForCase(deps.db, { caseId, paymentId: payment.id, amountFen: BigInt(open.value.refundFen), now: ctx.clock.now() });
      const accepted = await deps.provider.refund({
        refundId: refund.id,
        paymentId: payment.id,
        providerTransactionId: payment.provider_transaction_id,
        refundFen: refund.amount_fen,
        totalFen: payment.amount_fen,
        reason: open.value.reason,
        notifyUrl,
      });
      if (!accepted.ok) return err('refund_not_submitted', { providerCode: accepted.code });
      // WeChat confirms most refunds later by notification; until then the case stays open.
      if (accepted.value.status !== 'succeeded') return ok({ ...open.value, refundStatus: 'processing' });
      const applied = await inTransaction(deps.db, (tx) => completeRefund(tx, ctx, refund.id, caseId, accepted.value.providerRefundId));
      if (!applied.ok) return applied;
      return ok({ ...open.value, status: 'refunded', refundStatus: 'succeeded' });
    },

    /**
     * The provider's word on a refund that was still processing. Only a notification that matches our
     * refund (same payment, same amount) counts; a replay finds it settled and changes nothing. A failed
     * refund leaves the case open for staff and publishes `refund.failed`.
     */
    async applyNotification(ctx: RequestContext, notification: RefundResultNotification): Promise<'applied' | 'duplicate' | 'rejected' | 'failed_payment'> {
      const refund = await paymentRecords.findRefund(deps.db, notification.refundId);
      if (!refund || refund.payment_id !== notification.paymentId || refund.amount_fen !== notification.amountFen) return 'rejected';
      return inTransaction(deps.db, async (tx) => {
        if (!notification.succeeded) {
          if (!(await paymentRecords.refundFailed(tx, refund.id, ctx.clock.now()))) return 'duplicate';
          await publishEvent(tx, ctx, { type: 'refund.failed', aggregateId: refund.id, payload: { refundId: refund.id, caseId: refund.case_id, paymentId: refund.payment_id, amountFen: Number(refund.amount_fen) } });
          return 'failed_payment';
        }
        const completed = await completeRefund(tx, ctx, refund.id, refund.case_id, notification.providerRefundId);
        return completed.ok ? 'applied' : 'duplicate';
      });
    },
  };

  /** The refund went through: the refund row, the case, the order lines, the sub-order and the stock, together. */
  async function completeRefund(tx: Db, ctx: RequestContext, refundId: string, caseId: string, providerRefundId: string) {
    if (!(await paymentRecords.refundSucceeded(tx, refundId, providerRefundId, ctx.clock.now()))) return err('after_sales_already_decided' as const, { status: 'refunded' });
    const result = await deps.afterSales.applyRefund(tx, ctx, caseId);
    if (result.ok && result.value.restock.length > 0) await deps.catalog.releaseStock(tx, result.value.restock);
    return result;
  }
}
export type RefundOrderFlow = ReturnType<typeof createRefundOrderFlow>;
