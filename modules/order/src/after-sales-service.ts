import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, isUniqueViolation, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { refundForLine } from './domain/refund.ts';
import { transition } from './domain/order-status.ts';
import type { OrderErrorCode } from './order-errors.ts';
import { orderStore } from './order-store.ts';
import { afterSalesStore as store, type AfterSalesCaseRow } from './after-sales-store.ts';
import { fulfilmentStore } from './fulfilment-store.ts';

export interface AfterSalesRequest {
  readonly subOrderId: string;
  readonly kind: 'refund_only' | 'return_and_refund';
  readonly reason: string;
  readonly photoUrls?: string[];
  readonly lines: Array<{ orderLineId: string; quantity: number }>;
}

export interface AfterSalesView {
  id: string;
  orderId: string;
  subOrderId: string;
  supplierId: string;
  merchantId: string | null;
  kind: 'refund_only' | 'return_and_refund';
  reason: string;
  photoUrls: string[];
  status: 'requested' | 'refunded' | 'rejected';
  refundFen: number;
  decisionNote: string | null;
  createdAt: string;
  decidedAt: string | null;
}

const toView = (row: AfterSalesCaseRow): AfterSalesView => ({
  id: row.id,
  orderId: row.order_id,
  subOrderId: row.sub_order_id,
  supplierId: row.supplier_id,
  merchantId: row.merchant_id,
  kind: row.kind,
  reason: row.reason,
  photoUrls: [...row.photo_urls],
  status: row.status,
  refundFen: Number(row.refund_fen),
  decisionNote: row.decision_note,
  createdAt: row.created_at.toISOString(),
  decidedAt: row.decided_at?.toISOString() ?? null,
});

/** What an approved refund gives back, for the caller to restock. */
export interface AppliedRefund {
  readonly orderId: string;
  readonly restock: Array<{ skuId: string; quantity: number }>;
}

export function createAfterSalesService(db: Db) {
  return {
    /** The buyer opens a case on lines of a sub-order; the sub-order waits in `refunding`. */
    async open(ctx: RequestContext, orderId: string, input: AfterSalesRequest): Promise<Result<AfterSalesView, OrderErrorCode>> {
      const now = ctx.clock.now();
      try {
        return await inTransaction(db, async (tx) => {
          const subOrder = await fulfilmentStore.findSubOrder(tx, input.subOrderId, { kind: 'self', userId: ctx.actor!.userId }, { forUpdate: true });
          if (!subOrder || subOrder.order_id !== orderId) return err('order_not_found');
          if (subOrder.status === 'received' && subOrder.after_sales_until && subOrder.after_sales_until <= now) return err('after_sales_window_closed');
          const next = transition(subOrder.status, { type: 'open_after_sales' });
          if (!next.ok) return next;
          const lines = await store.linesOfSubOrder(tx, subOrder.id);
          const refunds: Array<{ orderLineId: string; quantity: number; refundFen: bigint }> = [];
          for (const wanted of input.lines) {
            const line = lines.find((candidate) => candidate.id === wanted.orderLineId);
            const refund = line
              ? refundForLine({ quantity: line.quantity, payableFen: line.payable_fen, refundedQuantity: line.refunded_quantity, refundedFen: line.refunded_fen }, wanted.quantity)
              : null;
            if (refund === null) return err('after_sales_quantity_invalid', { orderLineId: wanted.orderLineId });
            refunds.push({ ...wanted, refundFen: refund });
          }
          const refundFen = refunds.reduce((sum, line) => sum + line.refundFen, 0n);
          if (refundFen <= 0n) return err('after_sales_quantity_invalid', {});
          const row = {
            id: newId('afs', now.getTime()),
            order_id: orderId,
            sub_order_id: subOrder.id,
            buyer_user_id: ctx.actor!.userId,
            kind: input.kind,
            reason: input.reason,
            photo_urls: input.photoUrls ?? [],
            status: 'requested' as const,
            resume_status: subOrder.status as 'paid' | 'shipped' | 'received',
            refund_fen: refundFen,
            decided_by: null,
            decision_note: null,
            created_at: now,
            decided_at: null,
          };
          await store.insertCase(tx, row, refunds);
          await fulfilmentStore.move(tx, subOrder.id, subOrder.status, 'refunding', { updated_at: now });
          await orderStore.appendHistory(tx, { subOrderId: subOrder.id, from: subOrder.status, to: 'refunding', event: 'open_after_sales', actorUserId: ctx.actor!.userId, now });
          await publishEvent(tx, ctx, { type: 'after_sales.opened', aggregateId: orderId, payload: { caseId: row.id, orderId, subOrderId: subOrder.id, refundFen: Number(refundFen) } });
          return ok(toView({ ...row, supplier_id: subOrder.supplier_id, merchant_id: subOrder.merchant_id }));
        });
      } catch (error) {
        if (isUniqueViolation(error)) return err('after_sales_already_open');
        throw error;
      }
    },

    async list(ctx: RequestContext, query: PageRequest & { status?: 'requested' | 'refunded' | 'rejected' }) {
      const { rows, total } = await store.listCases(db, ctx.actor!.scope, query.status, query);
      return { items: rows.map(toView), total };
    },

    /** A case still open, in the caller's scope, for the refund flow to act on. */
    async openCase(ctx: RequestContext, caseId: string): Promise<Result<AfterSalesView, OrderErrorCode>> {
      const row = await store.findCase(db, caseId, ctx.actor!.scope);
      if (!row) return err('after_sales_not_found');
      if (row.status !== 'requested') return err('after_sales_already_decided', { status: row.status });
      return ok(toView(row));
    },

    /**
     * Records a refund that went through, in the refund's transaction: the lines' refunded amounts,
     * the case, and the sub-order (refunded when every line is, otherwise back where it was).
     * Goods that come back (a return, or a refund before shipping) are returned to stock by the caller.
     */
    async applyRefund(tx: Db, ctx: RequestContext, caseId: string): Promise<Result<AppliedRefund, OrderErrorCode>> {
      const now = ctx.clock.now();
      const row = await store.findCase(tx, caseId, { kind: 'all' }, { forUpdate: true });
      if (!row) return err('after_sales_not_found');
      if (!(await store.decide(tx, caseId, 'refunded', ctx.actor?.userId ?? null, null, now))) return err('after_sales_already_decided', { status: row.status });
      const lines = await store.caseLines(tx, caseId);
      for (const line of lines) await store.addRefunded(tx, line.order_line_id, line.quantity, line.refund_fen);
      const after = await store.linesOfSubOrder(tx, row.sub_order_id);
      const everything = after.every((line) => line.refunded_quantity === line.quantity);
      const to = everything ? 'refunded' : row.resume_status;
      await fulfilmentStore.move(tx, row.sub_order_id, 'refunding', to, { updated_at: now });
      await orderStore.appendHistory(tx, { subOrderId: row.sub_order_id, from: 'refunding', to, event: everything ? 'refund_all' : 'close_after_sales', actorUserId: ctx.actor?.userId ?? null, now });
      await recordAudit(tx, ctx, { action: 'after_sales.refunded', entityType: 'after_sales_case', entityId: caseId, organizationId: row.supplier_id, before: { status: 'requested' }, after: { status: 'refunded', refundFen: Number(row.refund_fen) } });
      await publishEvent(tx, ctx, {
        type: 'order.refunded',
        aggregateId: row.order_id,
        payload: { orderId: row.order_id, subOrderId: row.sub_order_id, caseId, refundFen: Number(row.refund_fen), lines: lines.map((line) => ({ orderLineId: line.order_line_id, quantity: line.quantity, refundFen: Number(line.refund_fen) })) },
      });
      const goodsComeBack = row.kind === 'return_and_refund' || row.resume_status === 'paid';
      return ok({ orderId: row.order_id, restock: goodsComeBack ? lines.map((line) => ({ skuId: line.sku_id, quantity: line.quantity })) : [] });
    },

    /** Staff reject a case; the sub-order returns to where it was. Audited. */
    async reject(ctx: RequestContext, caseId: string, note: string): Promise<Result<AfterSalesView, OrderErrorCode>> {
      return inTransaction(db, async (tx) => {
        const row = await store.findCase(tx, caseId, ctx.actor!.scope, { forUpdate: true });
        if (!row) return err('after_sales_not_found');
        const now = ctx.clock.now();
        if (!(await store.decide(tx, caseId, 'rejected', ctx.actor!.userId, note, now))) return err('after_sales_already_decided', { status: row.status });
        await fulfilmentStore.move(tx, row.sub_order_id, 'refunding', row.resume_status, { updated_at: now });
        await orderStore.appendHistory(tx, { subOrderId: row.sub_order_id, from: 'refunding', to: row.resume_status, event: 'close_after_sales', actorUserId: ctx.actor!.userId, now });
        await recordAudit(tx, ctx, { action: 'after_sales.rejected', entityType: 'after_sales_case', entityId: caseId, organizationId: row.supplier_id, before: { status: 'requested' }, after: { status: 'rejected', note } });
        await publishEvent(tx, ctx, { type: 'after_sales.rejected', aggregateId: row.order_id, payload: { caseId, orderId: row.order_id, subOrderId: row.sub_order_id } });
        return ok(toView({ ...row, status: 'rejected', decision_note: note, decided_at: now }));
      });
    },
  };
}
export type AfterSalesService = ReturnType<typeof createAfterSalesService>;
