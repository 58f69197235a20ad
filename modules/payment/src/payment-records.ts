import { createHash } from 'node:crypto';
import { newId } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import type { Kysely, Selectable } from 'kysely';
import type { PaymentNotificationTable, PaymentTable, PaymentTables } from './payment-tables.ts';

/** The only code that touches the payment tables. */
const t = (db: Db) => db as Kysely<PaymentTables>;

export type PaymentRecord = Selectable<PaymentTable>;

export const paymentRecords = {
  /** Orders with a refund that succeeded since an instant, with the latest such refund's time. */
  async refundedOrdersSince(db: Db, since: Date): Promise<{ orderId: string; refundedAt: Date }[]> {
    const rows = await t(db)
      .selectFrom('refunds')
      .innerJoin('payments', 'payments.id', 'refunds.payment_id')
      .select((eb) => ['payments.order_id', eb.fn.max('refunds.updated_at').as('refunded_at')])
      .where('refunds.status', '=', 'succeeded')
      .where('refunds.updated_at', '>=', since)
      .groupBy('payments.order_id')
      .execute();
    return rows.map((row) => ({ orderId: row.order_id, refundedAt: new Date(row.refunded_at) }));
  },

  async find(db: Db, id: string): Promise<PaymentRecord | undefined> {
    return t(db).selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /**
   * The order's pending payment with this provider, opened if there is none. A partial unique index
   * makes concurrent "pay" taps share one payment instead of racing to open two.
   */
  async openOrReuse(db: Db, input: { orderId: string; provider: string; amountFen: bigint; now: Date }): Promise<PaymentRecord> {
    const opened = await t(db)
      .insertInto('payments')
      .values({
        id: newId('pay', input.now.getTime()),
        order_id: input.orderId,
        provider: input.provider,
        amount_fen: input.amountFen,
        status: 'pending',
        provider_transaction_id: null,
        created_at: input.now,
        updated_at: input.now,
        paid_at: null,
      })
      .onConflict((oc) => oc.columns(['order_id', 'provider']).where('status', '=', 'pending').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (opened) return opened;
    return t(db)
      .selectFrom('payments')
      .selectAll()
      .where('order_id', '=', input.orderId)
      .where('provider', '=', input.provider)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
  },

  /**
   * pending → succeeded or failed, guarded by the current status, the provider and the amount in the
   * statement itself, so of any number of concurrent or replayed notifications exactly one changes
   * the row, and a notification for another amount changes nothing. Returns the row when this call changed it.
   */
  async settle(
    db: Db,
    id: string,
    outcome: { provider: string; amountFen: bigint; succeeded: boolean; providerTransactionId: string; paidAt: Date | null; now: Date },
  ): Promise<PaymentRecord | undefined> {
    return t(db)
      .updateTable('payments')
      .set({
        status: outcome.succeeded ? 'succeeded' : 'failed',
        provider_transaction_id: outcome.providerTransactionId,
        paid_at: outcome.succeeded ? (outcome.paidAt ?? outcome.now) : null,
        updated_at: outcome.now,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('provider', '=', outcome.provider)
      .where('amount_fen', '=', outcome.amountFen)
      .returningAll()
      .executeTakeFirst();
  },


  async findSucceeded(db: Db, orderId: string): Promise<PaymentRecord | undefined> {
    return t(db).selectFrom('payments').selectAll().where('order_id', '=', orderId).where('status', '=', 'succeeded').executeTakeFirst();
  },

  /** The refund for an after-sales case: one per case, so a retried approval reuses its id at the provider. */
  async refundForCase(db: Db, input: { caseId: string; paymentId: string; amountFen: bigint; now: Date }) {
    await t(db)
      .insertInto('refunds')
      .values({ id: newId('rfd', input.now.getTime()), payment_id: input.paymentId, case_id: input.caseId, amount_fen: input.amountFen, status: 'processing', provider_refund_id: null, created_at: input.now, updated_at: input.now })
      .onConflict((oc) => oc.column('case_id').doNothing())
      .execute();
    return t(db).selectFrom('refunds').selectAll().where('case_id', '=', input.caseId).executeTakeFirstOrThrow();
  },

  async findRefund(db: Db, refundId: string) {
    return t(db).selectFrom('refunds').selectAll().where('id', '=', refundId).executeTakeFirst();
  },

  /** processing → failed (WeChat: ABNORMAL or CLOSED), guarded: true only for the call that made the change. */
  async refundFailed(db: Db, refundId: string, now: Date): Promise<boolean> {
    const result = await t(db).updateTable('refunds').set({ status: 'failed', updated_at: now }).where('id', '=', refundId).where('status', '=', 'processing').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** processing → succeeded, guarded: true only for the call that made the change. */
  async refundSucceeded(db: Db, refundId: string, providerRefundId: string, now: Date): Promise<boolean> {
    const result = await t(db)
      .updateTable('refunds')
      .set({ status: 'succeeded', provider_refund_id: providerRefundId, updated_at: now })
      .where('id', '=', refundId)
      .where('status', '=', 'processing')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async logNotification(
    db: Db,
    entry: { provider: string; paymentId: string | null; outcome: Selectable<PaymentNotificationTable>['outcome']; errorCode: string | null; body: string; now: Date },
  ): Promise<void> {
    await t(db)
      .insertInto('payment_notifications')
      .values({
        id: newId('pnt', entry.now.getTime()),
        provider: entry.provider,
        payment_id: entry.paymentId,
        received_at: entry.now,
        outcome: entry.outcome,
        error_code: entry.errorCode,
        body_sha256: createHash('sha256').update(entry.body).digest('hex'),
      })
      .execute();
  },
};
