import { FenSchema, IsoDateTimeSchema, z } from '@linkmall/http';
import type { CouponRule } from './domain/coupon.ts';
import type { NewCouponTemplate } from './coupon-service.ts';

/** An instant with an explicit offset (`2026-11-22T10:00:00+08:00`), so nobody's local time is guessed. */
const InstantSchema = z.iso.datetime({ offset: true }).openapi({ example: '2026-11-22T10:00:00+08:00' });
const PositiveFenSchema = FenSchema.min(1);
const NameSchema = z.string().trim().min(1).max(40);
const SkuIdSchema = z.string().min(1).max(40);

const CouponRuleInputSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('full_reduction'), thresholdFen: PositiveFenSchema, reductionFen: PositiveFenSchema }).strict(),
    z.object({ kind: z.literal('discount'), rateBps: z.number().int().min(1).max(9_999), maxDiscountFen: PositiveFenSchema.optional(), thresholdFen: FenSchema.default(0) }).strict(),
    z.object({ kind: z.literal('no_threshold'), reductionFen: PositiveFenSchema }).strict(),
  ])
  .refine((rule) => rule.kind !== 'full_reduction' || rule.reductionFen < rule.thresholdFen, { message: 'The reduction must be below the threshold', path: ['reductionFen'] })
  .openapi('CouponRuleInput');

export const NewCouponTemplateSchema = z
  .object({
    name: NameSchema,
    rule: CouponRuleInputSchema,
    totalQuantity: z.number().int().min(1).max(10_000_000),
    perUserLimit: z.number().int().min(1).max(100),
    validity: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('fixed'), validFrom: InstantSchema, validUntil: InstantSchema }).strict(),
      z.object({ kind: z.literal('days_after_claim'), days: z.number().int().min(1).max(365) }).strict(),
    ]),
    productIds: z.array(z.string().min(1).max(40)).max(100).optional(),
  })
  .strict()
  .refine((input) => input.validity.kind !== 'fixed' || Date.parse(input.validity.validUntil) > Date.parse(input.validity.validFrom), {
    message: 'validUntil must be after validFrom',
    path: ['validity', 'validUntil'],
  })
  .openapi('NewCouponTemplate');

/** JSON fen are numbers; the service works in bigint fen. */
export function toNewCouponTemplate(input: z.infer<typeof NewCouponTemplateSchema>): NewCouponTemplate {
  const rule = input.rule;
  const domainRule: CouponRule =
    rule.kind === 'full_reduction'
      ? { kind: 'full_reduction', thresholdFen: BigInt(rule.thresholdFen), reductionFen: BigInt(rule.reductionFen) }
      : rule.kind === 'discount'
        ? { kind: 'discount', rateBps: rule.rateBps, thresholdFen: BigInt(rule.thresholdFen), ...(rule.maxDiscountFen !== undefined ? { maxDiscountFen: BigInt(rule.maxDiscountFen) } : {}) }
        : { kind: 'no_threshold', reductionFen: BigInt(rule.reductionFen) };
  return {
    name: input.name,
    rule: domainRule,
    totalQuantity: input.totalQuantity,
    perUserLimit: input.perUserLimit,
    validity:
      input.validity.kind === 'fixed'
        ? { kind: 'fixed', validFrom: new Date(input.validity.validFrom), validUntil: new Date(input.validity.validUntil) }
        : { kind: 'days_after_claim', days: input.validity.days },
    ...(input.productIds ? { productIds: input.productIds } : {}),
  };
}

const CouponRuleSchema = z.object({
  kind: z.enum(['full_reduction', 'discount', 'no_threshold']),
  thresholdFen: FenSchema,
  reductionFen: FenSchema.nullable(),
  rateBps: z.number().int().nullable(),
  maxDiscountFen: FenSchema.nullable(),
});

export const CouponTemplateSchema = z
  .object({
    id: z.string(),
    merchantId: z.string().nullable(),
    name: z.string(),
    rule: CouponRuleSchema,
    totalQuantity: z.number().int(),
    remainingQuantity: z.number().int(),
    perUserLimit: z.number().int(),
    validFrom: IsoDateTimeSchema.nullable(),
    validUntil: IsoDateTimeSchema.nullable(),
    validDays: z.number().int().nullable(),
    productIds: z.array(z.string()),
    status: z.enum(['active', 'ended']),
    createdAt: IsoDateTimeSchema,
  })
  .openapi('CouponTemplate');

export const ClaimableCouponSchema = CouponTemplateSchema.extend({ claimedByMe: z.number().int() }).openapi('ClaimableCoupon');

export const CouponSchema = z
  .object({
    id: z.string(),
    templateId: z.string(),
    merchantId: z.string().nullable(),
    name: z.string(),
    rule: CouponRuleSchema,
    productIds: z.array(z.string()),
    status: z.enum(['available', 'used', 'expired']),
    validFrom: IsoDateTimeSchema,
    validUntil: IsoDateTimeSchema,
    orderId: z.string().nullable(),
    claimedAt: IsoDateTimeSchema,
  })
  .openapi('Coupon');

export const NewFlashSaleSchema = z
  .object({
    name: NameSchema,
    startsAt: InstantSchema,
    endsAt: InstantSchema,
    items: z
      .array(z.object({ skuId: SkuIdSchema, flashPriceFen: PositiveFenSchema, quota: z.number().int().min(1).max(1_000_000), perUserLimit: z.number().int().min(1).max(100) }).strict())
      .min(1)
      .max(50),
  })
  .strict()
  .refine((input) => Date.parse(input.endsAt) > Date.parse(input.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .refine((input) => new Set(input.items.map((item) => item.skuId)).size === input.items.length, { message: 'List each SKU once', path: ['items'] })
  .openapi('NewFlashSale');

export const FlashSaleSchema = z
  .object({
    id: z.string(),
    merchantId: z.string().nullable(),
    name: z.string(),
    startsAt: IsoDateTimeSchema,
    endsAt: IsoDateTimeSchema,
    status: z.enum(['active', 'ended']),
    items: z.array(z.object({ skuId: z.string(), productId: z.string(), flashPriceFen: FenSchema, quota: z.number().int(), remaining: z.number().int(), perUserLimit: z.number().int() })),
  })
  .openapi('FlashSale');

export const NewGroupBuyActivitySchema = z
  .object({
    name: NameSchema,
    skuId: SkuIdSchema,
    groupPriceFen: PositiveFenSchema,
    groupSize: z.number().int().min(2).max(50),
    timeLimitMinutes: z.number().int().min(5).max(10_080),
    startsAt: InstantSchema,
    endsAt: InstantSchema,
  })
  .strict()
  .refine((input) => Date.parse(input.endsAt) > Date.parse(input.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .openapi('NewGroupBuyActivity');

export const GroupBuyActivitySchema = z
  .object({
    id: z.string(),
    merchantId: z.string().nullable(),
    name: z.string(),
    skuId: z.string(),
    productId: z.string(),
    groupPriceFen: FenSchema,
    groupSize: z.number().int(),
    timeLimitMinutes: z.number().int(),
    startsAt: IsoDateTimeSchema,
    endsAt: IsoDateTimeSchema,
    status: z.enum(['active', 'ended']),
  })
  .openapi('GroupBuyActivity');

const GroupStatusSchema = z.enum(['pending', 'open', 'succeeded', 'failed', 'abandoned']);
export const GroupSchema = z
  .object({
    id: z.string(),
    activityId: z.string(),
    status: GroupStatusSchema,
    requiredMembers: z.number().int(),
    seatsTaken: z.number().int(),
    paidMembers: z.number().int(),
    expiresAt: IsoDateTimeSchema,
    createdAt: IsoDateTimeSchema,
  })
  .openapi('Group');

export const MyGroupSchema = GroupSchema.extend({
  orderId: z.string(),
  role: z.enum(['leader', 'member']),
  memberStatus: z.enum(['pending', 'paid', 'left', 'refund_due', 'refunded']),
}).openapi('MyGroup');

export const ChannelQuerySchema = z.object({ merchantId: z.string().min(1).max(40).optional() });
