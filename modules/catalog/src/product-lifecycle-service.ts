import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import type { CatalogErrorCode } from './catalog-errors.ts';
import type { CatalogEventType } from './catalog-events.ts';
import { transact } from './catalog-transaction.ts';
import { productVisibility } from './domain/catalog-scope.ts';
import { transitionProduct, type ProductEvent } from './domain/product-status.ts';
import { productStore, type ProductRow } from './product-store.ts';
import { productAuditSnapshot, toProductDetail, type ProductDetail } from './product-view.ts';
import { supplierStore } from './supplier-store.ts';

/** A reviewer's verdict; a rejection carries the reason the supplier will read. */
export interface ReviewDecision {
  readonly decision: 'approve' | 'reject';
  readonly reason?: string | undefined;
}

const OUTCOMES: Record<Exclude<ProductEvent, 'edit'>, { action: string; event: CatalogEventType }> = {
  submit: { action: 'product.submitted', event: 'product.submitted' },
  approve: { action: 'product.approved', event: 'product.approved' },
  reject: { action: 'product.rejected', event: 'product.rejected' },
  put_on_sale: { action: 'product.listed', event: 'product.listed' },
  take_off_sale: { action: 'product.delisted', event: 'product.delisted' },
};

/** Review before sale: every status change goes through the transition table, audited, with an event. */
export function createProductLifecycleService(db: Db) {
  async function move(
    ctx: RequestContext,
    id: string,
    event: Exclude<ProductEvent, 'edit'>,
    reason: string | null = null,
  ): Promise<Result<ProductDetail, CatalogErrorCode | 'forbidden'>> {
    const scope = ctx.actor!.scope;
    // Reviewing is the platform's job, whatever permissions a role is later given.
    if ((event === 'approve' || event === 'reject') && scope.kind !== 'all') return err('forbidden');
    return transact(db, async (tx) => {
      const product = await productStore.find(tx, id, productVisibility(scope), { forUpdate: true });
      if (!product) return err('product_not_found');
      const next = transitionProduct(product.status, event);
      if (!next.ok) return err('product_status_conflict', { status: product.status, event });
      if (event === 'submit' && (await supplierStore.find(tx, product.supplier_id))?.status !== 'approved') return err('supplier_not_approved');
      const now = ctx.clock.now();
      const after: ProductRow = {
        ...product,
        status: next.value,
        rejection_reason: event === 'reject' ? reason : next.value === 'rejected' ? product.rejection_reason : null,
        submitted_at: event === 'submit' ? now : product.submitted_at,
        reviewed_at: event === 'approve' || event === 'reject' ? now : product.reviewed_at,
        updated_at: now,
      };
      await productStore.updateProduct(tx, id, {
        status: after.status,
        rejection_reason: after.rejection_reason,
        submitted_at: after.submitted_at,
        reviewed_at: after.reviewed_at,
        updated_at: now,
      });
      const skus = await productStore.skusOf(tx, [id]);
      const outcome = OUTCOMES[event];
      await recordAudit(tx, ctx, {
        action: outcome.action,
        entityType: 'product',
        entityId: id,
        organizationId: product.supplier_id,
        before: productAuditSnapshot(product, skus),
        after: productAuditSnapshot(after, skus),
      });
      const payload = { productId: id, supplierId: product.supplier_id };
      await publishEvent(tx, ctx, { type: outcome.event, aggregateId: id, payload: event === 'reject' ? { ...payload, reason } : payload });
      return ok(toProductDetail(after, skus));
    });
  }

  return {
    submit: (ctx: RequestContext, id: string) => move(ctx, id, 'submit'),
    async review(ctx: RequestContext, id: string, decision: ReviewDecision) {
      if (decision.decision === 'approve') return move(ctx, id, 'approve');
      const reason = decision.reason?.trim();
      return reason ? move(ctx, id, 'reject', reason) : err('rejection_reason_required');
    },
    putOnSale: (ctx: RequestContext, id: string) => move(ctx, id, 'put_on_sale'),
    takeOffSale: (ctx: RequestContext, id: string) => move(ctx, id, 'take_off_sale'),
  };
}
export type ProductLifecycleService = ReturnType<typeof createProductLifecycleService>;
