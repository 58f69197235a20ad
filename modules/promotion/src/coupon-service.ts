import { err, newId, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, type Db, type PageRequest } from '@linkmall/db';
import { recordAudit } from '@linkmall/audit';
import { publishEvent } from '@linkmall/events';
import { bestCoupon, couponDiscount, type CartLine, type CouponRule, type CouponTerms } from './domain/coupon.ts';
import { couponStore as store, promotionScope, type CouponRow, type CouponTemplateRow, type CouponWithTemplate } from './coupon-store.ts';
import type { PromotionErrorCode } from './promotion-errors.ts';
import { promotionEvent } from './promotion-events.ts';
import { inRollbackableTransaction, Rollback } from './rollback.ts';

const DAY_MS = 24 * 3_600_000;

export interface NewCouponTemplate {
  readonly name: string;
  readonly rule: CouponRule;
  readonly totalQuantity: number;
  readonly perUserLimit: number;
  readonly validity: { readonly kind: 'fixed'; readonly validFrom: Date; readonly validUntil: Date } | { readonly kind: 'days_after_claim'; readonly days: number };
  readonly productIds?: readonly string[];
}

export interface CouponRuleView {
  kind: CouponRule['kind'];
  thresholdFen: number;
  reductionFen: number | null;
  rateBps: number | null;
  maxDiscountFen: number | null;
}

export interface CouponTemplateView {
  id: string;
  merchantId: string | null;
  name: string;
  rule: CouponRuleView;
  totalQuantity: number;
  remainingQuantity: number;
  perUserLimit: number;
  validFrom: string | null;
  validUntil: string | null;
  validDays: number | null;
  productIds: string[];
  status: 'active' | 'ended';
  createdAt: string;
}

export interface CouponView {
  id: string;
  templateId: string;
  merchantId: string | null;
  name: string;
  rule: CouponRuleView;
  productIds: string[];
  status: 'available' | 'used' | 'expired';
  validFrom: string;
  validUntil: string;
  orderId: string | null;
  claimedAt: string;
}

/** The rule a template row stores, as the pure rules take it. */
export function ruleOf(row: Pick<CouponTemplateRow, 'kind' | 'threshold_fen' | 'reduction_fen' | 'rate_bps' | 'max_discount_fen'>): CouponRule {
  switch (row.kind) {
    case 'full_reduction':
      return { kind: 'full_reduction', thresholdFen: row.threshold_fen, reductionFen: row.reduction_fen! };
    case 'discount':
      return { kind: 'discount', rateBps: row.rate_bps!, thresholdFen: row.threshold_fen, ...(row.max_discount_fen !== null ? { maxDiscountFen: row.max_discount_fen } : {}) };
    case 'no_threshold':
      return { kind: 'no_threshold', reductionFen: row.reduction_fen! };
  }
}

const ruleView = (row: Pick<CouponTemplateRow, 'kind' | 'threshold_fen' | 'reduction_fen' | 'rate_bps' | 'max_discount_fen'>): CouponRuleView => ({
  kind: row.kind,
  thresholdFen: Number(row.threshold_fen),
  reductionFen: row.reduction_fen === null ? null : Number(row.reduction_fen),
  rateBps: row.rate_bps,
  maxDiscountFen: row.max_discount_fen === null ? null : Number(row.max_discount_fen),
});

export const templateView = (row: CouponTemplateRow): CouponTemplateView => ({
  id: row.id,
  merchantId: row.merchant_id,
  name: row.name,
  rule: ruleView(row),
  totalQuantity: row.total_quantity,
  remainingQuantity: row.remaining_quantity,
  perUserLimit: row.per_user_limit,
  validFrom: row.valid_from?.toISOString() ?? null,
  validUntil: row.valid_until?.toISOString() ?? null,
  validDays: row.valid_days,
  productIds: [...row.product_ids],
  status: row.status,
  createdAt: row.created_at.toISOString(),
});

const couponView = (coupon: CouponWithTemplate, now: Date): CouponView => ({
  id: coupon.id,
  templateId: coupon.template_id,
  merchantId: coupon.template.merchant_id,
  name: coupon.template.name,
  rule: ruleView(coupon.template),
  productIds: [...coupon.template.product_ids],
  status: coupon.status === 'used' ? 'used' : coupon.valid_until <= now ? 'expired' : 'available',
  validFrom: coupon.valid_from.toISOString(),
  validUntil: coupon.valid_until.toISOString(),
  orderId: coupon.order_id,
  claimedAt: coupon.claimed_at.toISOString(),
});

export const termsOf = (coupon: CouponWithTemplate): CouponTerms => ({
  rule: ruleOf(coupon.template),
  validFrom: coupon.valid_from,
  validUntil: coupon.valid_until,
  productIds: coupon.template.product_ids,
});

/** A coupon is usable in the platform's channel (no merchant) only if the platform issued it; in a storefront, the platform's and that merchant's. */
const usableIn = (coupon: CouponWithTemplate, merchantId: string | null) => coupon.template.merchant_id === null || coupon.template.merchant_id === merchantId;

export function createCouponService(db: Db) {
  return {
    /** A platform admin issues platform coupons; a merchant's staff issue coupons for their storefront only. Audited. */
    async createTemplate(ctx: RequestContext, input: NewCouponTemplate): Promise<Result<CouponTemplateView, PromotionErrorCode>> {
      const scope = promotionScope(ctx.actor!.scope);
      if (scope === 'none') return err('promotion_not_found');
      if (input.validity.kind === 'fixed' && input.validity.validUntil <= input.validity.validFrom) return err('promotion_window_invalid');
      const now = ctx.clock.now();
      const rule = input.rule;
      const row: CouponTemplateRow = {
        id: newId('cpt', now.getTime()),
        merchant_id: scope === 'all' ? null : scope.merchantId,
        name: input.name,
        kind: rule.kind,
        threshold_fen: rule.kind === 'no_threshold' ? 0n : rule.thresholdFen,
        reduction_fen: rule.kind === 'discount' ? null : rule.reductionFen,
        rate_bps: rule.kind === 'discount' ? rule.rateBps : null,
        max_discount_fen: rule.kind === 'discount' ? (rule.maxDiscountFen ?? null) : null,
        total_quantity: input.totalQuantity,
        remaining_quantity: input.totalQuantity,
        per_user_limit: input.perUserLimit,
        valid_from: input.validity.kind === 'fixed' ? input.validity.validFrom : null,
        valid_until: input.validity.kind === 'fixed' ? input.validity.validUntil : null,
        valid_days: input.validity.kind === 'days_after_claim' ? input.validity.days : null,
        product_ids: [...new Set(input.productIds ?? [])],
        status: 'active',
        created_by: ctx.actor!.userId,
        created_at: now,
        updated_at: now,
      };
      await inTransaction(db, async (tx) => {
        await store.insertTemplate(tx, row);
        await recordAudit(tx, ctx, { action: 'coupon_template.created', entityType: 'coupon_template', entityId: row.id, organizationId: row.merchant_id, before: null, after: templateView(row) });
        await publishEvent(tx, ctx, promotionEvent('coupon_template.created', row.id, { templateId: row.id, merchantId: row.merchant_id }));
      });
      return ok(templateView(row));
    },

    async listTemplates(ctx: RequestContext, query: PageRequest & { status?: 'active' | 'ended' }) {
      const { rows, total } = await store.listTemplates(db, ctx.actor!.scope, query.status, query);
      return { items: rows.map(templateView), total };
    },

    /** Stops further claims; coupons already claimed stay usable until they expire. Audited. */
    async endTemplate(ctx: RequestContext, id: string): Promise<Result<CouponTemplateView, PromotionErrorCode>> {
      return inTransaction(db, async (tx) => {
        const before = await store.findTemplate(tx, ctx.actor!.scope, id);
        if (!before) return err('promotion_not_found');
        const ended = await store.endTemplate(tx, id, ctx.clock.now());
        if (!ended) return err('promotion_already_ended');
        await recordAudit(tx, ctx, { action: 'coupon_template.ended', entityType: 'coupon_template', entityId: id, organizationId: ended.merchant_id, before: { status: before.status }, after: { status: 'ended' } });
        await publishEvent(tx, ctx, promotionEvent('coupon_template.ended', id, { templateId: id, merchantId: ended.merchant_id }));
        return ok(templateView(ended));
      });
    },

    /** What a shopper can claim now, with how many they already hold of each. */
    async listClaimable(ctx: RequestContext, merchantId: string | null) {
      const rows = await store.listClaimable(db, ctx.clock.now(), merchantId);
      const claimed = ctx.actor ? await store.claimedCounts(db, ctx.actor.userId, rows.map((row) => row.id)) : new Map<string, number>();
      return rows.map((row) => ({ ...templateView(row), claimedByMe: claimed.get(row.id) ?? 0 }));
    },

    /**
     * Claims one coupon: the per-user count and the template's remaining quantity are both taken by
     * guarded single statements in one transaction, so concurrent claims never exceed either.
     */
    async claim(ctx: RequestContext, templateId: string): Promise<Result<CouponView, PromotionErrorCode>> {
      const now = ctx.clock.now();
      const userId = ctx.actor!.userId;
      const template = await store.findTemplate(db, { kind: 'all' }, templateId);
      if (!template || template.status !== 'active') return err('coupon_template_not_found');
      return inRollbackableTransaction(db, async (tx): Promise<Result<CouponView, PromotionErrorCode>> => {
        // The user's own row first: a user at the limit is turned away without touching the hot template row.
        if (!(await store.countClaim(tx, templateId, userId, template.per_user_limit))) return err('coupon_claim_limit_reached', { perUserLimit: template.per_user_limit });
        const taken = await store.takeFromTemplate(tx, templateId, now);
        if (!taken) throw new Rollback(template.valid_until && template.valid_until <= now ? 'coupon_expired' : 'coupon_sold_out');
        const coupon: CouponRow = {
          id: newId('cpn', now.getTime()),
          template_id: templateId,
          user_id: userId,
          status: 'available',
          valid_from: taken.valid_from ?? now,
          valid_until: taken.valid_until ?? new Date(now.getTime() + taken.valid_days! * DAY_MS),
          order_id: null,
          discount_fen: null,
          used_at: null,
          claimed_at: now,
        };
        await store.insertCoupon(tx, coupon);
        await publishEvent(tx, ctx, promotionEvent('coupon.claimed', coupon.id, { couponId: coupon.id, templateId, userId }));
        return ok(couponView({ ...coupon, template: taken }, now));
      });
    },

    async listMine(ctx: RequestContext, query: PageRequest & { status?: 'available' | 'used' | 'expired' }) {
      const now = ctx.clock.now();
      const { rows, total } = await store.listMine(db, ctx.actor!.userId, query.status, now, query);
      return { items: rows.map((row) => couponView(row, now)), total };
    },

    /** The buyer's coupon that saves most on this cart in this channel, if any. */
    async best(ctx: RequestContext, merchantId: string | null, cart: readonly CartLine[]): Promise<{ coupon: CouponView; discountFen: bigint } | null> {
      const now = ctx.clock.now();
      const usable = (await store.usable(db, ctx.actor!.userId, now)).filter((coupon) => usableIn(coupon, merchantId));
      const found = bestCoupon(usable.map((coupon) => ({ coupon, terms: termsOf(coupon) })), cart, now);
      return found ? { coupon: couponView(found.coupon.coupon, now), discountFen: found.discountFen } : null;
    },

    /** Checkout: what the coupon takes off this cart, checked with the pure rules, in the checkout's transaction. */
    async discountFor(
      tx: Db,
      ctx: RequestContext,
      couponId: string,
      merchantId: string | null,
      cart: readonly CartLine[],
    ): Promise<Result<{ discountFen: bigint; productIds: readonly string[] }, PromotionErrorCode>> {
      const coupon = await store.findMine(tx, ctx.actor!.userId, couponId);
      if (!coupon) return err('coupon_not_found');
      if (coupon.status !== 'available') return err('coupon_unavailable');
      if (!usableIn(coupon, merchantId)) return err('coupon_not_applicable');
      const discount = couponDiscount(termsOf(coupon), cart, ctx.clock.now());
      return discount.ok ? ok({ discountFen: discount.value, productIds: coupon.template.product_ids }) : discount;
    },

    /** Checkout: the coupon is used by this order, in the checkout's transaction; false if a concurrent checkout used it first. */
    async redeem(tx: Db, ctx: RequestContext, couponId: string, orderId: string, discountFen: bigint): Promise<boolean> {
      const userId = ctx.actor!.userId;
      if (!(await store.markUsed(tx, couponId, userId, orderId, discountFen, ctx.clock.now()))) return false;
      await publishEvent(tx, ctx, promotionEvent('coupon.redeemed', couponId, { couponId, orderId, userId, discountFen: Number(discountFen) }));
      return true;
    },

    /** An unpaid order ended: its coupon goes back to the buyer, once. */
    async returnForOrder(tx: Db, ctx: RequestContext, orderId: string): Promise<void> {
      for (const coupon of await store.returnForOrder(tx, orderId)) {
        await publishEvent(tx, ctx, promotionEvent('coupon.returned', coupon.id, { couponId: coupon.id, orderId, userId: coupon.user_id }));
      }
    },
  };
}
export type CouponService = ReturnType<typeof createCouponService>;
