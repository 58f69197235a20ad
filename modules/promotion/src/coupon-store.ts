import { sql, countRows, pageWindow, type Db, type PageRequest } from '@linkmall/db';
import type { DataScope } from '@linkmall/kernel';
import type { Kysely, Selectable } from 'kysely';
import type { CouponTable, CouponTemplateTable, PromotionTables } from './promotion-tables.ts';

/** The only file that touches the coupon tables. */
const t = (db: Db) => db as Kysely<PromotionTables>;

export type CouponTemplateRow = Selectable<CouponTemplateTable>;
export type CouponRow = Selectable<CouponTable>;
export type CouponWithTemplate = CouponRow & { template: CouponTemplateRow };

/** Staff see the platform's promotions and every merchant's (platform), or only their merchant's own. */
export function promotionScope(scope: DataScope): { merchantId: string | null } | 'all' | 'none' {
  if (scope.kind === 'all') return 'all';
  if (scope.kind === 'merchant') return { merchantId: scope.merchantId };
  return 'none';
}

function scopedTemplates(db: Db, scope: DataScope) {
  const visible = promotionScope(scope);
  let query = t(db).selectFrom('coupon_templates');
  if (visible === 'none') query = query.where(sql<boolean>`false`);
  else if (visible !== 'all') query = query.where('merchant_id', '=', visible.merchantId);
  return query;
}

export const couponStore = {
  async insertTemplate(db: Db, row: CouponTemplateRow): Promise<void> {
    await t(db).insertInto('coupon_templates').values(row).execute();
  },

  async listTemplates(db: Db, scope: DataScope, status: 'active' | 'ended' | undefined, page: PageRequest) {
    let query = scopedTemplates(db, scope);
    if (status) query = query.where('status', '=', status);
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(), countRows(query)]);
    return { rows, total };
  },

  async findTemplate(db: Db, scope: DataScope, id: string): Promise<CouponTemplateRow | undefined> {
    return scopedTemplates(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** active → ended, guarded in the statement; the row as it ended, or undefined if it was not active. */
  async endTemplate(db: Db, id: string, now: Date): Promise<CouponTemplateRow | undefined> {
    return t(db).updateTable('coupon_templates').set({ status: 'ended', updated_at: now }).where('id', '=', id).where('status', '=', 'active').returningAll().executeTakeFirst();
  },

  /** Templates a shopper may still claim now: the platform's, plus one merchant's when shopping in its storefront. */
  async listClaimable(db: Db, now: Date, merchantId: string | null) {
    let query = t(db)
      .selectFrom('coupon_templates')
      .selectAll()
      .where('status', '=', 'active')
      .where('remaining_quantity', '>', 0)
      .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', now)]));
    query = merchantId ? query.where((eb) => eb.or([eb('merchant_id', 'is', null), eb('merchant_id', '=', merchantId)])) : query.where('merchant_id', 'is', null);
    return query.orderBy('created_at', 'desc').limit(100).execute();
  },

  async claimedCounts(db: Db, userId: string, templateIds: readonly string[]): Promise<Map<string, number>> {
    if (templateIds.length === 0) return new Map();
    const rows = await t(db).selectFrom('coupon_claims').select(['template_id', 'claimed']).where('user_id', '=', userId).where('template_id', 'in', templateIds).execute();
    return new Map(rows.map((row) => [row.template_id, row.claimed]));
  },

  /**
   * One more claim for this user, guarded in the statement by the per-user limit: concurrent claims by
   * one user serialise on the (template, user) row and the guard sees the latest count. False at the limit.
   */
  async countClaim(db: Db, templateId: string, userId: string, perUserLimit: number): Promise<boolean> {
    const row = await t(db)
      .insertInto('coupon_claims')
      .values({ template_id: templateId, user_id: userId, claimed: 1 })
      .onConflict((oc) =>
        oc
          .columns(['template_id', 'user_id'])
          .doUpdateSet((eb) => ({ claimed: eb('coupon_claims.claimed', '+', 1) }))
          .where('coupon_claims.claimed', '<', perUserLimit),
      )
      .returning('claimed')
      .executeTakeFirst();
    return row !== undefined;
  },

  /** One coupon off the template's remaining quantity, guarded: never below zero, only while claimable. */
  async takeFromTemplate(db: Db, templateId: string, now: Date): Promise<CouponTemplateRow | undefined> {
    return t(db)
      .updateTable('coupon_templates')
      .set((eb) => ({ remaining_quantity: eb('remaining_quantity', '-', 1) }))
      .where('id', '=', templateId)
      .where('status', '=', 'active')
      .where('remaining_quantity', '>', 0)
      .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', now)]))
      .returningAll()
      .executeTakeFirst();
  },

  async insertCoupon(db: Db, row: CouponRow): Promise<void> {
    await t(db).insertInto('coupons').values(row).execute();
  },

  async listMine(db: Db, userId: string, status: 'available' | 'used' | 'expired' | undefined, now: Date, page: PageRequest) {
    let query = t(db).selectFrom('coupons').innerJoin('coupon_templates', 'coupon_templates.id', 'coupons.template_id').where('coupons.user_id', '=', userId);
    if (status === 'used') query = query.where('coupons.status', '=', 'used');
    else if (status === 'available') query = query.where('coupons.status', '=', 'available').where('coupons.valid_until', '>', now);
    else if (status === 'expired') query = query.where('coupons.status', '=', 'available').where('coupons.valid_until', '<=', now);
    const { limit, offset } = pageWindow(page);
    const [rows, total] = await Promise.all([
      query.selectAll('coupons').select(templateColumns).orderBy('coupons.valid_until').orderBy('coupons.id').limit(limit).offset(offset).execute(),
      countRows(query),
    ]);
    return { rows: rows.map(withTemplate), total };
  },

  /** The buyer's unused, unexpired coupons, with their templates, for checkout and the best-coupon preview. */
  async usable(db: Db, userId: string, now: Date): Promise<CouponWithTemplate[]> {
    const rows = await t(db)
      .selectFrom('coupons')
      .innerJoin('coupon_templates', 'coupon_templates.id', 'coupons.template_id')
      .selectAll('coupons')
      .select(templateColumns)
      .where('coupons.user_id', '=', userId)
      .where('coupons.status', '=', 'available')
      .where('coupons.valid_until', '>', now)
      .limit(200)
      .execute();
    return rows.map(withTemplate);
  },

  async findMine(db: Db, userId: string, couponId: string): Promise<CouponWithTemplate | undefined> {
    const row = await t(db)
      .selectFrom('coupons')
      .innerJoin('coupon_templates', 'coupon_templates.id', 'coupons.template_id')
      .selectAll('coupons')
      .select(templateColumns)
      .where('coupons.id', '=', couponId)
      .where('coupons.user_id', '=', userId)
      .executeTakeFirst();
    return row ? withTemplate(row) : undefined;
  },

  /** available → used for this order, guarded: a coupon used by a concurrent checkout is not used twice. */
  async markUsed(db: Db, couponId: string, userId: string, orderId: string, discountFen: bigint, now: Date): Promise<boolean> {
    const result = await t(db)
      .updateTable('coupons')
      .set({ status: 'used', order_id: orderId, discount_fen: discountFen, used_at: now })
      .where('id', '=', couponId)
      .where('user_id', '=', userId)
      .where('status', '=', 'available')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** The coupons an unpaid order used go back to their owner; each only once. */
  async returnForOrder(db: Db, orderId: string): Promise<CouponRow[]> {
    return t(db)
      .updateTable('coupons')
      .set({ status: 'available', order_id: null, discount_fen: null, used_at: null })
      .where('order_id', '=', orderId)
      .where('status', '=', 'used')
      .returningAll()
      .execute();
  },
};

const templateColumns = [
  'coupon_templates.merchant_id as t_merchant_id',
  'coupon_templates.name as t_name',
  'coupon_templates.kind as t_kind',
  'coupon_templates.threshold_fen as t_threshold_fen',
  'coupon_templates.reduction_fen as t_reduction_fen',
  'coupon_templates.rate_bps as t_rate_bps',
  'coupon_templates.max_discount_fen as t_max_discount_fen',
  'coupon_templates.product_ids as t_product_ids',
] as const;

type JoinedRow = CouponRow & {
  t_merchant_id: string | null;
  t_name: string;
  t_kind: CouponTemplateRow['kind'];
  t_threshold_fen: bigint;
  t_reduction_fen: bigint | null;
  t_rate_bps: number | null;
  t_max_discount_fen: bigint | null;
  t_product_ids: string[];
};

function withTemplate(row: JoinedRow): CouponWithTemplate {
  const { t_merchant_id, t_name, t_kind, t_threshold_fen, t_reduction_fen, t_rate_bps, t_max_discount_fen, t_product_ids, ...coupon } = row;
  return {
    ...coupon,
    template: {
      id: coupon.template_id,
      merchant_id: t_merchant_id,
      name: t_name,
      kind: t_kind,
      threshold_fen: t_threshold_fen,
      reduction_fen: t_reduction_fen,
      rate_bps: t_rate_bps,
      max_discount_fen: t_max_discount_fen,
      product_ids: t_product_ids,
    } as CouponTemplateRow,
  };
}
