import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import type { AfterSalesService, AfterSalesView, OrderErrorCode } from '@linkmall/order';
import { paymentRecords, type PaymentProvider } from '@linkmall/payment';
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
      const applied = await inTransaction(deps.db, async (tx) => {
        await paymentRecords.refundSucceeded(tx, refund.id, accepted.value.providerRefundId, ctx.clock.now());
        const result = await deps.afterSales.applyRefund(tx, ctx, caseId);
        if (result.ok && result.value.restock.length > 0) await deps.catalog.releaseStock(tx, result.value.restock);
        return result;
      });
      if (!applied.ok) return applied;
      return ok({ ...open.value, status: 'refunded', refundStatus: 'succeeded' });
    },
  };
}
export type RefundOrderFlow = ReturnType<typeof createRefundOrderFlow>;
