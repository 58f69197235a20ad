import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { publishEvent } from '@linkmall/events';
import type { OrderErrorCode, OrderService, PriorityShippingPolicy } from '@linkmall/order';
import { paymentRecords, type NotificationAcknowledgement, type NotificationRequest, type PaymentErrorCode, type PaymentProvider, type RefundResultNotification } from '@linkmall/payment';

export interface PayOrderDeps {
  readonly db: Db;
  readonly orders: OrderService;
  readonly provider: PaymentProvider;
  /** Public base URL of this platform, for the provider's notify URL. */
  readonly publicBaseUrl: string;
  readonly logger?: { warn(object: object, message?: string): void };
  /** The payer's id at the provider (WeChat openid), for providers that need one; absent for the sandbox. */
  readonly payerOf?: (userId: string) => Promise<string | null>;
  /** Applies a provider's refund result (WeChat confirms most refunds by notification). */
  readonly refundNotifications?: { apply(ctx: RequestContext, notification: RefundResultNotification): Promise<NotificationOutcome> };
  /** 优先发货: whether a paid delivery order ships first, decided in the payment's transaction (growth-privileges.ts). */
  readonly priorityShipping?: PriorityShippingPolicy;
}

export interface StartedPayment {
  readonly paymentId: string;
  readonly provider: string;
  readonly amountFen: number;
  readonly clientParams: Record<string, string>;
}

export type NotificationOutcome = 'applied' | 'duplicate' | 'rejected' | 'failed_payment';

/**
 * Paying an order: open (or reuse) a pending payment, hand the client what its payment sheet needs,
 * and apply the provider's signed notification exactly once, in one transaction with the order.
 */
export function createPayOrderFlow(deps: PayOrderDeps) {
  const notifyUrl = `${deps.publicBaseUrl.replace(/\/+$/, '')}/open/payments/${deps.provider.name}/notify`;

  return {
    async start(ctx: RequestContext, orderId: string): Promise<Result<StartedPayment, OrderErrorCode | PaymentErrorCode>> {
      const payable = await deps.orders.payable(ctx, orderId);
      if (!payable.ok) return payable;
      const payerOpenId = deps.payerOf ? await deps.payerOf(ctx.actor!.userId) : null;
      if (deps.payerOf && !payerOpenId) return err('payment_payer_required');
      const now = ctx.clock.now();
      const payment = await paymentRecords.openOrReuse(deps.db, { orderId, provider: deps.provider.name, amountFen: payable.value.amountFen, now });
      const created = await deps.provider.createPayment({
        paymentId: payment.id,
        orderId,
        amountFen: payment.amount_fen,
        description: `链商云订单 ${orderId}`,
        ...(payerOpenId ? { payerOpenId } : {}),
        expiresAt: payable.value.expiresAt,
        notifyUrl,
      });
      if (!created.ok) return created;
      return ok({ paymentId: payment.id, provider: deps.provider.name, amountFen: Number(payment.amount_fen), clientParams: created.value.clientParams });
    },

    /**
     * A provider's notification: verified and decrypted by the provider, then applied once. Replays
     * and concurrent duplicates find the payment settled and change nothing; a forged notification or
     * one whose amount differs from what we asked is refused and logged.
     */
    async handleNotification(ctx: RequestContext, request: NotificationRequest): Promise<{ outcome: NotificationOutcome; errorCode: string | null; acknowledgement: NotificationAcknowledgement }> {
      const now = ctx.clock.now();
      const log = (db: Db, outcome: NotificationOutcome, paymentId: string | null, errorCode: string | null) =>
        paymentRecords.logNotification(db, { provider: deps.provider.name, paymentId, outcome, errorCode, body: request.body, now });
      const answer = (outcome: NotificationOutcome, errorCode: string | null = null) => ({
        outcome,
        errorCode,
        // A refused notification is acknowledged as received: retrying a forged or mismatched one cannot succeed.
        acknowledgement: deps.provider.acknowledge(true),
      });

      const parsed = await deps.provider.parseNotification(request);
      if (!parsed.ok) {
        deps.logger?.warn({ provider: deps.provider.name, code: parsed.code }, 'payment notification rejected');
        await log(deps.db, 'rejected', null, parsed.code);
        return answer('rejected', parsed.code);
      }
      const notification = parsed.value;
      if (notification.kind === 'refund') {
        if (!deps.refundNotifications) {
          await log(deps.db, 'rejected', notification.paymentId, 'refund_notifications_not_handled');
          return answer('rejected', 'refund_notifications_not_handled');
        }
        const outcome = await deps.refundNotifications.apply(ctx, notification);
        await log(deps.db, outcome, notification.paymentId, outcome === 'rejected' ? 'refund_not_matched' : null);
        return answer(outcome, outcome === 'rejected' ? 'refund_not_matched' : null);
      }
      // The common case in one transaction: settle the pending payment whose provider and amount match
      // (the guard is in the statement), mark the order paid and log the notification. Only when
      // nothing matched do we read the payment to tell a duplicate from a forgery.
      const applied = await inTransaction(deps.db, async (tx): Promise<NotificationOutcome | null> => {
        const payment = await paymentRecords.settle(tx, notification.paymentId, {
          provider: deps.provider.name,
          amountFen: notification.amountFen,
          succeeded: notification.succeeded,
          providerTransactionId: notification.providerTransactionId,
          paidAt: notification.paidAt,
          now,
        });
        if (!payment) return null;
        let outcome: NotificationOutcome = 'failed_payment';
        if (notification.succeeded) {
          outcome = 'applied';
          const paid = await deps.orders.markPaid(tx, ctx, payment.order_id, { paymentId: payment.id, provider: payment.provider }, deps.priorityShipping);
          // Money arrived for an order that closed meanwhile: keep the fact, and ask for a refund.
          if (!paid) await publishEvent(tx, ctx, { type: 'payment.refund_required', aggregateId: payment.id, payload: { paymentId: payment.id, orderId: payment.order_id, amountFen: Number(payment.amount_fen) } });
        }
        await log(tx, outcome, payment.id, null);
        return outcome;
      });
      if (applied) return answer(applied);

      const payment = await paymentRecords.find(deps.db, notification.paymentId);
      if (!payment || payment.provider !== deps.provider.name) {
        await log(deps.db, 'rejected', notification.paymentId, 'payment_not_found');
        return answer('rejected', 'payment_not_found');
      }
      if (notification.amountFen !== payment.amount_fen) {
        deps.logger?.warn({ paymentId: payment.id, expectedFen: String(payment.amount_fen), notifiedFen: String(notification.amountFen) }, 'payment amount mismatch');
        await log(deps.db, 'rejected', payment.id, 'payment_amount_mismatch');
        return answer('rejected', 'payment_amount_mismatch');
      }
      await log(deps.db, 'duplicate', payment.id, null);
      return answer('duplicate');
    },
  };
}
export type PayOrderFlow = ReturnType<typeof createPayOrderFlow>;

